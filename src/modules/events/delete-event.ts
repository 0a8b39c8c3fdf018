import { and, count, eq, inArray } from 'drizzle-orm';
import { events, products, stockItems, tickets } from '@/db/schema';
import { conflict } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { eventOf, lockStock, ticketTypeRows } from './queries';

/**
 * Deletes an event that never sold: with tickets issued (even voided ones: orders point at
 * them) or seats held by a checkout in progress it is a 409 — cancel it instead. The ticket
 * product, its variants (carts' lines go with them) and the stock items go too.
 */
export async function deleteEvent(ctx: Ctx, eventId: string): Promise<void> {
  authorize(ctx, 'events:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const before = await eventOf(tx, orgId, eventId, true);
    const types = await ticketTypeRows(tx, orgId, [before.productId]);
    const locked = await lockStock(tx, orgId, [before.capacityStockItemId, ...types.map((t) => t.stock.id)]);
    const [issued] = await tx.select({ n: count() }).from(tickets).where(and(eq(tickets.organizationId, orgId), eq(tickets.eventId, eventId)));
    if ((issued?.n ?? 0) > 0 || [...locked.values()].some((s) => s.reserved > 0)) {
      throw conflict('This event has sold tickets or checkouts in progress: cancel it instead.', { reason: 'event_has_sales', tickets: issued?.n ?? 0 });
    }
    await tx.delete(events).where(and(eq(events.organizationId, orgId), eq(events.id, eventId)));
    await tx.delete(products).where(and(eq(products.organizationId, orgId), eq(products.id, before.productId)));
    await tx.delete(stockItems).where(and(eq(stockItems.organizationId, orgId), inArray(stockItems.id, [...locked.keys()])));
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'event.deleted', entity: 'event', entityId: eventId, changes: { before: { slug: before.slug, title: before.title, startsAt: before.startsAt, capacity: before.capacity } } });
  });
}

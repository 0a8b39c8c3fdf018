import { and, count, eq } from 'drizzle-orm';
import { productVariants, stockItems, tickets } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { refreshTicketPriceMin } from './create-ticket-type';
import { eventSeatsChanged } from './seats-changed';
import { eventOf, lockStock, ticketTypeRows } from './queries';

/** Deletes a ticket type that never sold (tickets or checkouts holding it → 409: deactivate it instead). */
export async function deleteTicketType(ctx: Ctx, eventId: string, ticketTypeId: string): Promise<void> {
  authorize(ctx, 'events:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const event = await eventOf(tx, orgId, eventId, true);
    const type = (await ticketTypeRows(tx, orgId, [event.productId])).find((t) => t.variant.id === ticketTypeId);
    if (!type) throw notFound('Ticket type');
    const own = (await lockStock(tx, orgId, [type.stock.id])).get(type.stock.id)!;
    const [issued] = await tx.select({ n: count() }).from(tickets).where(and(eq(tickets.organizationId, orgId), eq(tickets.ticketTypeId, ticketTypeId)));
    if ((issued?.n ?? 0) > 0 || own.reserved > 0) throw conflict('Tickets of this type were sold or are being bought: deactivate it instead.', { reason: 'ticket_type_has_sales' });
    await tx.delete(productVariants).where(and(eq(productVariants.organizationId, orgId), eq(productVariants.id, ticketTypeId)));
    await tx.delete(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, own.id)));
    await refreshTicketPriceMin(tx, orgId, event.productId, ctx.now);
    if (type.variant.active) await eventSeatsChanged(tx, orgId, [eventId], ctx.now);
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'ticket_type.deleted', entity: 'ticket_type', entityId: ticketTypeId, changes: { before: { eventId, name: type.variant.title, priceMinor: type.variant.priceMinor } } });
  });
}

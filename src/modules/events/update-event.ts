import type { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import { events, products, resources, stockItems } from '@/db/schema';
import { conflict, notFound, sqlState, validationError } from '@/lib/errors';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { databaseTimeZone } from '@/modules/organizations';
import { eventSeatsChanged } from './seats-changed';
import { eventOf, lockStock, presentEvent, productStatusFor, ticketTypeRows } from './queries';
import type { EventDto, updateEventInput } from './schemas';

/**
 * Partial update. A new capacity moves the pool's on_hand (and the on_hand of ticket types
 * without a limit of their own) under the stock items' row locks, in id order, after the event's
 * row lock: below the seats already sold or held it is a 409 (the CHECK on the stock item backs
 * it). Publishing, unpublishing and cancelling follow onto the ticket product's status, which is
 * what the cart and checkout read (a cancelled event sells nothing more; the organizer refunds or
 * cancels its paid orders, which voids their tickets).
 */
export async function updateEvent(ctx: Ctx, eventId: string, input: z.output<typeof updateEventInput>): Promise<EventDto> {
  authorize(ctx, 'events:manage');
  const orgId = ctx.tenant.id;
  const data = { ...input };
  if (data.timezone) data.timezone = await databaseTimeZone(ctx.db, data.timezone, 'timezone', 'event');
  try {
    return await tenantTx(ctx, async (tx) => {
      const before = await eventOf(tx, orgId, eventId, true);
      const merged = { ...before, ...data };
      if (merged.startsAt >= merged.endsAt) throw validationError('Invalid event: endsAt must be after the start', { fields: [{ path: 'endsAt', message: 'must be after the start' }] });
      if (merged.salesStartAt && merged.salesEndAt && merged.salesStartAt >= merged.salesEndAt) {
        throw validationError('Invalid event: salesEndAt must be after the start of sales', { fields: [{ path: 'salesEndAt', message: 'must be after the start of sales' }] });
      }
      if (data.resourceId) {
        const [venue] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, orgId), eq(resources.id, data.resourceId))).for('key share');
        if (!venue) throw notFound('Resource');
      }
      const changed = changedKeys(before, data);
      if (changed.length === 0) return presentEvent(tx, before, ctx.tenant.currency);

      if (data.capacity !== undefined && data.capacity !== before.capacity) {
        const types = await ticketTypeRows(tx, orgId, [before.productId]);
        const locked = await lockStock(tx, orgId, [before.capacityStockItemId, ...types.map((t) => t.stock.id)]);
        const pool = locked.get(before.capacityStockItemId)!;
        if (pool.reserved > data.capacity) {
          throw conflict(`${pool.reserved} seats are already sold or held: the capacity cannot go below that.`, { reason: 'capacity_below_sold', soldOrHeld: pool.reserved });
        }
        const unlimited = types.filter((t) => locked.get(t.stock.id)!.onHand >= pool.onHand).map((t) => t.stock.id);
        await tx.update(stockItems).set({ onHand: data.capacity, updatedAt: ctx.now }).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, pool.id)));
        if (unlimited.length > 0) {
          await tx.update(stockItems).set({ onHand: data.capacity, updatedAt: ctx.now }).where(and(eq(stockItems.organizationId, orgId), inArray(stockItems.id, unlimited)));
        }
      }
      const productPatch: Partial<typeof products.$inferInsert> = {};
      if (data.status !== undefined) productPatch.status = productStatusFor(data.status);
      if (data.title !== undefined) productPatch.title = data.title;
      if (data.translations !== undefined) productPatch.translations = Object.fromEntries(Object.entries(data.translations).map(([l, v]) => [l, { title: v?.title }]));
      if (Object.keys(productPatch).length > 0) {
        await tx.update(products).set({ ...productPatch, updatedAt: ctx.now }).where(and(eq(products.organizationId, orgId), eq(products.id, before.productId)));
      }
      const [after] = await tx
        .update(events)
        .set({ ...data, updatedAt: ctx.now })
        .where(and(eq(events.organizationId, orgId), eq(events.id, eventId)))
        .returning();
      // The public pages' seat counts follow a new capacity, and an event published or cancelled.
      if (changed.includes('capacity') || changed.includes('status')) await eventSeatsChanged(tx, orgId, [eventId], ctx.now);
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'event.updated', entity: 'event', entityId: eventId, changes: auditChanges(before, after!, changed) });
      return presentEvent(tx, after!, ctx.tenant.currency);
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict(`Another event already uses the slug "${data.slug}".`, { field: 'slug' });
    if (sqlState(err) === '23514') throw conflict('The capacity cannot go below the seats already sold or held.', { reason: 'capacity_below_sold' });
    throw err;
  }
}

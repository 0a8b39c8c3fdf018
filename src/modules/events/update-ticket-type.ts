import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { productVariants, stockItems } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { refreshTicketPriceMin } from './create-ticket-type';
import { eventSeatsChanged } from './seats-changed';
import { eventOf, limitOf, lockStock, presentEvent, ticketTypeRows } from './queries';
import type { TicketTypeDto, updateTicketTypeInput } from './schemas';

/**
 * Renames, reprices, reorders, (de)activates a ticket type or changes its limit. A new limit
 * moves its stock item's on_hand under the row lock (event, then stock items by id): below what
 * is sold or held it is a 409; null (or at least the capacity) means only the capacity limits it.
 * A price change shows in carts as price_changed; orders keep the price they were placed at.
 */
export async function updateTicketType(ctx: Ctx, eventId: string, ticketTypeId: string, input: z.output<typeof updateTicketTypeInput>): Promise<TicketTypeDto> {
  authorize(ctx, 'events:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      const event = await eventOf(tx, orgId, eventId, true);
      const type = (await ticketTypeRows(tx, orgId, [event.productId])).find((t) => t.variant.id === ticketTypeId);
      if (!type) throw notFound('Ticket type');
      const beforeDto = (await presentEvent(tx, event, ctx.tenant.currency)).ticketTypes.find((t) => t.id === ticketTypeId)!;
      if (input.limit !== undefined) {
        const locked = await lockStock(tx, orgId, [event.capacityStockItemId, type.stock.id]);
        const own = locked.get(type.stock.id)!;
        const pool = locked.get(event.capacityStockItemId)!;
        const target = Math.min(input.limit ?? event.capacity, event.capacity);
        if (limitOf(own, pool) !== (target >= pool.onHand ? null : target)) {
          if (own.reserved > target) throw conflict(`${own.reserved} tickets of this type are already sold or held: the limit cannot go below that.`, { reason: 'limit_below_sold', soldOrHeld: own.reserved });
          await tx.update(stockItems).set({ onHand: target, updatedAt: ctx.now }).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, own.id)));
        }
      }
      const patch: Partial<typeof productVariants.$inferInsert> = {};
      if (input.name !== undefined) patch.title = input.name;
      if (input.priceMinor !== undefined) patch.priceMinor = input.priceMinor;
      if (input.position !== undefined) patch.position = input.position;
      if (input.active !== undefined) patch.active = input.active;
      if (input.translations !== undefined) patch.translations = Object.fromEntries(Object.entries(input.translations).map(([l, v]) => [l, { title: v?.name }]));
      if (Object.keys(patch).length > 0) {
        await tx.update(productVariants).set({ ...patch, updatedAt: ctx.now }).where(and(eq(productVariants.organizationId, orgId), eq(productVariants.id, ticketTypeId)));
        await refreshTicketPriceMin(tx, orgId, event.productId, ctx.now);
      }
      const after = (await presentEvent(tx, event, ctx.tenant.currency)).ticketTypes.find((t) => t.id === ticketTypeId)!;
      const keys = (['name', 'translations', 'priceMinor', 'limit', 'position', 'active'] as const).filter((k) => JSON.stringify(beforeDto[k]) !== JSON.stringify(after[k]));
      if (keys.length === 0) return after;
      if (keys.includes('limit') || keys.includes('active')) await eventSeatsChanged(tx, orgId, [eventId], ctx.now);
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'ticket_type.updated',
        entity: 'ticket_type',
        entityId: ticketTypeId,
        changes: { before: Object.fromEntries(keys.map((k) => [k, beforeDto[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) },
      });
      return after;
    });
  } catch (err) {
    if (sqlState(err) === '23514') throw conflict('The limit cannot go below the tickets already sold or held.', { reason: 'limit_below_sold' });
    throw err;
  }
}

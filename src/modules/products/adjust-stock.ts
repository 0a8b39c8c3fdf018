import type { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import { stockItems, stockMovements } from '@/db/schema';
import { iso } from '@/lib/dto';
import { conflict, notFound } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentStockItem } from './present';
import { ticketStockSql, translateProductConflict } from './queries';
import type { adjustStockInput, StockAdjustmentDto } from './schemas';

/**
 * Adds or takes units on hand (goods received, a count, breakage), with a reason, under the
 * stock item's row lock — the same lock checkouts take — so what is reserved is read as it is.
 * Taking below what is reserved is refused (409); the CHECK on_hand - reserved >= 0 backs it.
 * Writes a ledger row (who, delta, reason, the resulting counts) and one audit row.
 */
export async function adjustStock(ctx: Ctx, stockItemId: string, input: z.output<typeof adjustStockInput>): Promise<StockAdjustmentDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      const where = and(eq(stockItems.organizationId, orgId), eq(stockItems.id, stockItemId));
      // An event's seats change through its capacity and ticket-type limits (modules/events), never here.
      const [before] = await tx.select().from(stockItems).where(and(where, sql`not ${ticketStockSql(orgId)}`)).for('no key update');
      if (!before) throw notFound('Stock item');
      const onHand = before.onHand + input.delta;
      if (onHand < before.reserved) {
        const removable = before.onHand - before.reserved;
        throw conflict(
          `Only ${removable} of the ${before.onHand} units on hand are free (${before.reserved} are reserved by checkouts, open orders and bookings’ add-ons); you can take away at most ${removable}.`,
          { field: 'delta', onHand: before.onHand, reserved: before.reserved, available: removable },
        );
      }
      const [after] = await tx.update(stockItems).set({ onHand, updatedAt: ctx.now }).where(where).returning();
      const actorName = ctx.actor.type === 'user' ? ctx.actor.name || ctx.actor.email : ctx.actor.name;
      const [movement] = await tx
        .insert(stockMovements)
        .values({
          id: newId('stockMovement'),
          organizationId: orgId,
          stockItemId,
          delta: input.delta,
          reason: input.reason,
          onHandAfter: after!.onHand,
          reservedAfter: after!.reserved,
          actorUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
          actorName,
          createdAt: ctx.now,
        })
        .returning();
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'stock_item.adjusted',
        entity: 'stock_item',
        entityId: stockItemId,
        changes: { before: { onHand: before.onHand }, after: { onHand: after!.onHand, delta: input.delta, reason: input.reason } },
      });
      return {
        stockItem: presentStockItem(after!),
        movement: {
          id: movement!.id,
          stockItemId,
          delta: movement!.delta,
          reason: movement!.reason,
          onHandAfter: movement!.onHandAfter,
          reservedAfter: movement!.reservedAfter,
          actorName: movement!.actorName,
          createdAt: iso(movement!.createdAt),
        },
      };
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

/**
 * Stock held, taken and given back for orders — with bookings/addon-stock.ts (bookings'
 * add-ons, the same conditional UPDATE), the only code that writes stock_items.reserved. Lock order everywhere in this module: the promo code row (checkout), then
 * the order row (transitions), then stock_items by id ascending. Taking stock is one
 * conditional UPDATE per stock item, in id order:
 *
 *   UPDATE stock_items SET reserved = reserved + n WHERE id = … AND on_hand - reserved >= n
 *
 * The row lock it takes is held to commit; a concurrent checkout waits, then re-reads the row
 * and finds fewer units (PostgreSQL re-checks the WHERE on the newest row version). The CHECK
 * `on_hand - reserved >= 0` backs it. Giving back deletes the order's reservation rows and
 * subtracts exactly what the deleted rows held, so it happens once, whoever tries it.
 *
 * Each function that moves units also writes, in the same transaction, one outbox row
 * `event.seats_changed` per event whose capacity stock item moved (modules/events
 * seats-changed.ts): the public event pages' live seat counts. Shop stock writes none.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { stockItems, stockReservations } from '@/db/schema';
import { newId } from '@/lib/ids';
import { stockSeatsChanged } from '@/modules/events';

export interface StockNeed {
  stockItemId: string;
  units: number;
}

/** Lines' units summed per stock item (a single and a three-pack of one towel are one need), sorted by id: the lock order. */
export function sumNeeds(lines: { stockItemId: string; units: number }[]): StockNeed[] {
  const by = new Map<string, number>();
  for (const l of lines) by.set(l.stockItemId, (by.get(l.stockItemId) ?? 0) + l.units);
  return [...by.entries()].map(([stockItemId, units]) => ({ stockItemId, units })).sort((a, b) => (a.stockItemId < b.stockItemId ? -1 : a.stockItemId > b.stockItemId ? 1 : 0));
}

export type ReserveOutcome = { ok: true } | { ok: false; stockItemId: string; free: number; needed: number };

/** Holds every need, in id order, or stops at the first that does not fit (the caller rolls back). */
export async function reserveStock(tx: Tx, orgId: string, orderId: string, needs: StockNeed[], expiresAt: Date | null, now: Date): Promise<ReserveOutcome> {
  for (const need of needs) {
    const taken = await tx
      .update(stockItems)
      .set({ reserved: sql`${stockItems.reserved} + ${need.units}`, updatedAt: now })
      .where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, need.stockItemId), sql`${stockItems.onHand} - ${stockItems.reserved} >= ${need.units}`))
      .returning({ id: stockItems.id });
    if (taken.length === 0) {
      const [row] = await tx.select({ onHand: stockItems.onHand, reserved: stockItems.reserved }).from(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, need.stockItemId)));
      return { ok: false, stockItemId: need.stockItemId, free: row ? Math.max(0, row.onHand - row.reserved) : 0, needed: need.units };
    }
  }
  if (needs.length > 0) {
    await tx.insert(stockReservations).values(needs.map((n) => ({ id: newId('stockReservation'), organizationId: orgId, orderId, stockItemId: n.stockItemId, units: n.units, expiresAt, createdAt: now })));
  }
  await stockSeatsChanged(tx, orgId, needs.map((n) => n.stockItemId), now);
  return { ok: true };
}

/** Deletes the order's reservations (locking them) and returns what they held, by stock item in id order. */
async function takeReservations(tx: Tx, orgId: string, orderId: string): Promise<StockNeed[]> {
  const rows = await tx
    .delete(stockReservations)
    .where(and(eq(stockReservations.organizationId, orgId), eq(stockReservations.orderId, orderId)))
    .returning({ stockItemId: stockReservations.stockItemId, units: stockReservations.units });
  return sumNeeds(rows);
}

/** An order's held stock goes back to the shelf (cancel, expired hold, refund before fulfilment). */
export async function releaseReservations(tx: Tx, orgId: string, orderId: string, now: Date): Promise<StockNeed[]> {
  const held = await takeReservations(tx, orgId, orderId);
  for (const h of held) {
    await tx
      .update(stockItems)
      .set({ reserved: sql`${stockItems.reserved} - ${h.units}`, updatedAt: now })
      .where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, h.stockItemId)));
  }
  await stockSeatsChanged(tx, orgId, held.map((h) => h.stockItemId), now);
  return held;
}

/** Fulfilment: the held units leave the shop (on_hand and reserved both go down by them). */
export async function commitReservations(tx: Tx, orgId: string, orderId: string, now: Date): Promise<StockNeed[]> {
  const held = await takeReservations(tx, orgId, orderId);
  for (const h of held) {
    await tx
      .update(stockItems)
      .set({ onHand: sql`${stockItems.onHand} - ${h.units}`, reserved: sql`${stockItems.reserved} - ${h.units}`, updatedAt: now })
      .where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, h.stockItemId)));
  }
  await stockSeatsChanged(tx, orgId, held.map((h) => h.stockItemId), now);
  return held;
}

/** A refund of a fulfilled order restocks its units (on_hand up), in id order. */
export async function restock(tx: Tx, orgId: string, lines: { stockItemId: string; units: number }[], now: Date): Promise<StockNeed[]> {
  const needs = sumNeeds(lines);
  for (const n of needs) {
    await tx
      .update(stockItems)
      .set({ onHand: sql`${stockItems.onHand} + ${n.units}`, updatedAt: now })
      .where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, n.stockItemId)));
  }
  await stockSeatsChanged(tx, orgId, needs.map((n) => n.stockItemId), now);
  return needs;
}

/** Clears the expiry of an order's holds (paid: held until fulfilment or cancel). */
export async function keepReservations(tx: Tx, orgId: string, orderId: string): Promise<void> {
  await tx.update(stockReservations).set({ expiresAt: null }).where(and(eq(stockReservations.organizationId, orgId), eq(stockReservations.orderId, orderId)));
}


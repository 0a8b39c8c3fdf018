/**
 * Add-ons' stock (docs/decisions/0018, "Stock"): an add-on that draws on a stock item (a cake
 * from the kitchen's count of 8) holds its units while the booking is active, the shop's way
 * (decision 0015):
 *
 * - Placing takes them with one conditional UPDATE per stock item, in id order, LAST in the
 *   booking's lock order (resource advisory lock → booking → stock items):
 *     UPDATE stock_items SET reserved = reserved + n WHERE … AND on_hand - reserved >= n
 *   None left → 409 `addon_sold_out` {addonId, left} and the whole booking rolls back. The
 *   CHECK on_hand - reserved >= 0 backs it.
 * - The hold is recorded on the booking's lines (booking_addons.stock_item_id, stock_units,
 *   stock_state 'held'). Leaving the active statuses (cancelled, rejected, a released hold, an
 *   unpaid deposit's expiry — all through apply-transition.ts or holds.ts releaseHold) returns
 *   them; completing or a no-show consumes them (on_hand and reserved both go down, like an
 *   order's fulfilment). Either happens once: the lines' state is changed by a conditional UPDATE
 *   (`WHERE stock_state = 'held'`, under the booking's row lock) and the stock items are changed
 *   by exactly what the changed lines held.
 * - Moving or rescheduling keeps the hold (the lines do not change).
 * - Units: units × quantity, × guests for a per-guest add-on (the same count its price uses).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingAddons, stockItems } from '@/db/schema';
import { conflict } from '@/lib/errors';

interface Need {
  stockItemId: string;
  units: number;
}

/** Per stock item, summed, in id order: the lock order. */
function byStockItem(lines: readonly { stockItemId: string | null; stockUnits: number }[]): Need[] {
  const sum = new Map<string, number>();
  for (const l of lines) if (l.stockItemId && l.stockUnits > 0) sum.set(l.stockItemId, (sum.get(l.stockItemId) ?? 0) + l.stockUnits);
  return [...sum.entries()].map(([stockItemId, units]) => ({ stockItemId, units })).sort((a, b) => (a.stockItemId < b.stockItemId ? -1 : a.stockItemId > b.stockItemId ? 1 : 0));
}

/**
 * Units a booking line takes of its add-on's stock item: the add-on's units × the line's
 * quantity — which party-price.ts already multiplied by the guests for a per-guest add-on.
 */
export const stockUnitsFor = (a: { stockItemId: string | null; units: number }, lineQuantity: number) => (a.stockItemId ? a.units * lineQuantity : 0);

/**
 * Takes the units the booking's new lines hold (their stock_state is already 'held'); the first
 * stock item short of units → 409 `addon_sold_out` naming the add-on and how many are left
 * (the caller's transaction rolls back with the booking).
 */
export async function takeAddonStock(
  tx: Tx,
  orgId: string,
  lines: readonly { addonId: string | null; stockItemId: string | null; stockUnits: number; name: string }[],
  addonUnits: ReadonlyMap<string, number>,
  now: Date,
): Promise<void> {
  for (const need of byStockItem(lines)) {
    const taken = await tx
      .update(stockItems)
      .set({ reserved: sql`${stockItems.reserved} + ${need.units}`, updatedAt: now })
      .where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, need.stockItemId), sql`${stockItems.onHand} - ${stockItems.reserved} >= ${need.units}`))
      .returning({ id: stockItems.id });
    if (taken.length > 0) continue;
    const [row] = await tx.select({ onHand: stockItems.onHand, reserved: stockItems.reserved }).from(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, need.stockItemId)));
    const free = row ? Math.max(0, row.onHand - row.reserved) : 0;
    const line = lines.find((l) => l.stockItemId === need.stockItemId)!;
    const left = Math.floor(free / (line.addonId ? (addonUnits.get(line.addonId) ?? 1) : 1));
    throw conflict(
      left === 0 ? `${line.name} is sold out; choose the booking without it.` : `Only ${left} of ${line.name} left; take fewer or book without it.`,
      { reason: 'addon_sold_out', addonId: line.addonId, left },
    );
  }
}

/**
 * The booking left the active statuses: its held units go back (`returned`) or, when it
 * happened (completed, no-show), leave the shelf (`consumed`). Once: only lines still 'held'
 * change, and the stock items move by exactly what those lines held. The caller holds the
 * booking's row lock; stock items are locked last, in id order.
 */
export async function settleAddonStock(tx: Tx, orgId: string, bookingId: string, to: 'returned' | 'consumed', now: Date): Promise<void> {
  const changed = await tx
    .update(bookingAddons)
    .set({ stockState: to })
    .where(and(eq(bookingAddons.organizationId, orgId), eq(bookingAddons.bookingId, bookingId), eq(bookingAddons.stockState, 'held')))
    .returning({ stockItemId: bookingAddons.stockItemId, stockUnits: bookingAddons.stockUnits });
  for (const n of byStockItem(changed)) {
    await tx
      .update(stockItems)
      .set(
        to === 'returned'
          ? { reserved: sql`${stockItems.reserved} - ${n.units}`, updatedAt: now }
          : { onHand: sql`${stockItems.onHand} - ${n.units}`, reserved: sql`${stockItems.reserved} - ${n.units}`, updatedAt: now },
      )
      .where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, n.stockItemId)));
  }
}

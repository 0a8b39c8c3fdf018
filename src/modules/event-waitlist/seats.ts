/** Seats a ticket type can still sell now: the smaller of its own stock and the event's capacity pool. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { productVariants, stockItems } from '@/db/schema';

export interface TypeStock {
  variantId: string;
  productId: string;
  active: boolean;
  ownId: string;
  poolId: string | null;
}

export async function typeStocks(db: Executor, orgId: string, variantIds: string[]): Promise<Map<string, TypeStock>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({ id: productVariants.id, productId: productVariants.productId, active: productVariants.active, ownId: productVariants.stockItemId, poolId: productVariants.poolStockItemId })
    .from(productVariants)
    .where(and(eq(productVariants.organizationId, orgId), inArray(productVariants.id, variantIds)));
  return new Map(rows.map((r) => [r.id, { variantId: r.id, productId: r.productId, active: r.active, ownId: r.ownId, poolId: r.poolId }]));
}

/** Free units per stock item (on_hand - reserved), read without locks: the conditional UPDATE decides. */
export async function freeUnits(db: Executor, orgId: string, stockIds: string[]): Promise<Map<string, number>> {
  if (stockIds.length === 0) return new Map();
  const rows = await db.select({ id: stockItems.id, onHand: stockItems.onHand, reserved: stockItems.reserved }).from(stockItems).where(and(eq(stockItems.organizationId, orgId), inArray(stockItems.id, [...new Set(stockIds)])));
  return new Map(rows.map((r) => [r.id, Math.max(0, r.onHand - r.reserved)]));
}

export const seatsFree = (t: TypeStock, free: Map<string, number>) => Math.min(free.get(t.ownId) ?? 0, t.poolId ? (free.get(t.poolId) ?? 0) : Number.POSITIVE_INFINITY);

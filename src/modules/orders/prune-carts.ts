/**
 * Guest carts nobody touched for CART_IDLE_DAYS are deleted (their lines go with them): a guest's
 * cart is a cookie's session, and abandoned ones would pile up forever. Carts of signed-in
 * customers stay (they follow the account). Runs as the worker's owner connection across
 * organizations, in batches, so one pass never holds many rows; it holds no stock (a cart
 * reserves nothing until checkout), so deleting one changes no count.
 */
import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { carts } from '@/db/schema';

export const CART_IDLE_DAYS = 30;
const BATCH = 500;

/** Deletes up to `maxBatches` batches of idle guest carts (of one organization when scoped: tests share a database); returns how many went. */
export async function pruneGuestCarts(db: Db, now: Date, scope: { organizationId?: string } = {}, maxBatches = 10): Promise<number> {
  const before = new Date(now.getTime() - CART_IDLE_DAYS * 86_400_000);
  let pruned = 0;
  for (let i = 0; i < maxBatches; i++) {
    const idle = db
      .select({ id: carts.id })
      .from(carts)
      .where(and(isNotNull(carts.tokenHash), lt(carts.updatedAt, before), scope.organizationId ? eq(carts.organizationId, scope.organizationId) : undefined))
      .limit(BATCH);
    const gone = await db.delete(carts).where(inArray(carts.id, sql`(${idle})`)).returning({ id: carts.id });
    pruned += gone.length;
    if (gone.length < BATCH) break;
  }
  return pruned;
}

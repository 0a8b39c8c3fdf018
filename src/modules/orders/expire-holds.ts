/**
 * Releasing checkouts whose online payment never completed: every instance sweeps due holds
 * (workers.ts). One transaction per order, under its row lock; the status is re-read under the
 * lock, so a payment that completed meanwhile wins and a second sweeper finds nothing to do:
 * each hold is released exactly once (reserved goes down by what the deleted reservation rows held).
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orders, organizations } from '@/db/schema';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { applyTransition, lockOrder } from './apply-transition';

const BATCH = 50;

/** Releases up to one batch of expired checkout holds; returns how many it released. */
export async function expireCheckoutHolds(db: Db, now: Date, scope: { organizationId?: string } = {}): Promise<number> {
  const due = await db
    .select({ id: orders.id, org: organizations })
    .from(orders)
    .innerJoin(organizations, eq(organizations.id, orders.organizationId))
    .where(and(eq(orders.status, 'pending_payment'), lte(orders.holdExpiresAt, now), scope.organizationId ? eq(orders.organizationId, scope.organizationId) : undefined))
    .orderBy(asc(orders.holdExpiresAt))
    .limit(BATCH);
  let released = 0;
  for (const d of due) {
    const ctx: Ctx = {
      db,
      tenant: { id: d.org.id, slug: d.org.slug, name: d.org.name, timezone: d.org.timezone, currency: d.org.currency, locale: d.org.locale },
      actor: { type: 'system', name: 'checkout-hold-expiry' },
      now,
      request: noRequest,
    };
    const done = await tenantTx(
      ctx,
      async (tx) => {
        const order = await lockOrder(tx, d.org.id, d.id);
        if (!order || order.status !== 'pending_payment' || !order.holdExpiresAt || order.holdExpiresAt > now) return false;
        await applyTransition(tx, ctx, order, 'expire');
        return true;
      },
      d.org.id,
    );
    if (done) released += 1;
  }
  return released;
}

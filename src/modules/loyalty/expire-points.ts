/**
 * Expiry: every instance sweeps (workers.ts) accounts holding earned points past their
 * `expires_at`. One transaction per account, under its row lock; what is expired is re-read
 * under the lock, so two sweepers expire a lot once, and a redeem that got there first has
 * consumed it already. One `expire` row per account per sweep: the trigger consumes the lots
 * soonest-expiry first, so it takes exactly the expired ones.
 */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loyaltyAccounts, loyaltyLedger, organizations } from '@/db/schema';
import { type Ctx, noRequest, recordAudit, tenantTx } from '@/modules/kernel';
import { appendEntry } from './ledger';

const BATCH = 50;

/** Expires up to one batch of accounts' due points; returns how many accounts lost points. */
export async function expirePoints(db: Db, now: Date, scope: { organizationId?: string } = {}): Promise<number> {
  const due = await db
    .selectDistinct({ accountId: loyaltyLedger.accountId, org: organizations })
    .from(loyaltyLedger)
    .innerJoin(organizations, eq(organizations.id, loyaltyLedger.organizationId))
    .where(and(gt(loyaltyLedger.remaining, 0), lte(loyaltyLedger.expiresAt, now), scope.organizationId ? eq(loyaltyLedger.organizationId, scope.organizationId) : undefined))
    .limit(BATCH);
  let expired = 0;
  for (const d of due) {
    const ctx: Ctx = {
      db,
      tenant: { id: d.org.id, slug: d.org.slug, name: d.org.name, timezone: d.org.timezone, currency: d.org.currency, locale: d.org.locale },
      actor: { type: 'system', name: 'loyalty-expiry' },
      now,
      request: noRequest,
    };
    const done = await tenantTx(
      ctx,
      async (tx) => {
        const [account] = await tx.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, d.org.id), eq(loyaltyAccounts.id, d.accountId))).for('update');
        if (!account) return false;
        const [lots] = await tx
          .select({ n: sql<number>`coalesce(sum(${loyaltyLedger.remaining}), 0)::int` })
          .from(loyaltyLedger)
          .where(and(eq(loyaltyLedger.organizationId, d.org.id), eq(loyaltyLedger.accountId, d.accountId), gt(loyaltyLedger.remaining, 0), lte(loyaltyLedger.expiresAt, now)));
        const points = Math.min(lots?.n ?? 0, account.balance);
        if (points <= 0) return false;
        const entry = (await appendEntry(tx, { organizationId: d.org.id, accountId: d.accountId, kind: 'expire', delta: -points, reason: 'Points past their expiry date', now }))!;
        await recordAudit(tx, ctx, {
          organizationId: d.org.id,
          action: 'loyalty.expired',
          entity: 'customer',
          entityId: account.customerId,
          changes: { before: { points: account.balance }, after: { points: entry.balanceAfter, expired: points, entryId: entry.id } },
        });
        return true;
      },
      d.org.id,
    );
    if (done) expired += 1;
  }
  return expired;
}

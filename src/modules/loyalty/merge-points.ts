/**
 * A customer merge (modules/customers mergeCustomers) moves each merged-away customer's points to
 * the survivor, inside the merge's transaction and under its audit row:
 * - the accounts of the survivor and the merged-away customers are locked together, in id order
 *   (after the merge's booking and customer locks); a survivor without an account gets one first;
 * - what is left of a merged-away account's lots already past their expiry is expired there (an
 *   `expire` row, as the sweep would: the lots soonest to expire are consumed first, so exactly
 *   those);
 * - the rest moves: one `merge_out` row on the merged-away account (its balance to zero) and one
 *   `merge_in` row on the survivor's per expiry date of the lots that left, so the points keep
 *   their expiry. The ledger trigger moves both balances; a `merge_in` counts toward the
 *   survivor's lifetime earned (its tier follows), a `merge_out` leaves the merged-away lifetime.
 */
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { loyaltyAccounts, loyaltyLedger } from '@/db/schema';
import type { Ctx } from '@/modules/kernel';
import { appendEntry, openAccount } from './ledger';

export interface MergedPoints {
  /** Points moved to the survivor, per merged-away customer that had any. */
  moved: { customerId: string; points: number }[];
  /** Points of merged-away customers that had expired and were written off. */
  expired: number;
}

export async function moveMergedPoints(tx: Tx, ctx: Ctx, p: { organizationId: string; survivorId: string; sourceIds: string[] }): Promise<MergedPoints> {
  const orgId = p.organizationId;
  const actorUserId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const out: MergedPoints = { moved: [], expired: 0 };
  const sourceAccounts = await tx
    .select({ id: loyaltyAccounts.id })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.organizationId, orgId), inArray(loyaltyAccounts.customerId, p.sourceIds)));
  if (sourceAccounts.length === 0) return out;
  await openAccount(tx, orgId, p.survivorId, ctx.now, { lock: false });
  // Both sides' row locks, in id order (two overlapping merges cannot deadlock on them).
  const locked = await tx
    .select()
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.organizationId, orgId), inArray(loyaltyAccounts.customerId, [p.survivorId, ...p.sourceIds])))
    .orderBy(asc(loyaltyAccounts.id))
    .for('update');
  const survivor = locked.find((a) => a.customerId === p.survivorId)!;
  for (const a of locked) {
    if (a.id === survivor.id || a.balance <= 0) continue;
    const base = { organizationId: orgId, accountId: a.id, actorUserId, now: ctx.now };
    let balance = a.balance;
    const [due] = await tx
      .select({ n: sql<number>`coalesce(sum(${loyaltyLedger.remaining}), 0)::int` })
      .from(loyaltyLedger)
      .where(and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.accountId, a.id), gt(loyaltyLedger.remaining, 0), lte(loyaltyLedger.expiresAt, ctx.now)));
    const expired = Math.min(due?.n ?? 0, balance);
    if (expired > 0) {
      const row = (await appendEntry(tx, { ...base, kind: 'expire', delta: -expired, reason: 'Points past their expiry date' }))!;
      balance = row.balanceAfter;
      out.expired += expired;
    }
    if (balance <= 0) continue;
    // The lots that move, by expiry date (read before the merge_out row consumes them).
    const lots = await tx
      .select({ expiresAt: loyaltyLedger.expiresAt, n: sql<number>`sum(${loyaltyLedger.remaining})::int` })
      .from(loyaltyLedger)
      .where(and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.accountId, a.id), gt(loyaltyLedger.remaining, 0)))
      .groupBy(loyaltyLedger.expiresAt)
      .orderBy(sql`${loyaltyLedger.expiresAt} nulls last`);
    await appendEntry(tx, { ...base, kind: 'merge_out', delta: -balance, reason: 'Moved to the customer this one was merged into' });
    let left = balance;
    for (const lot of lots) {
      const n = Math.min(lot.n, left);
      if (n <= 0) break;
      await appendEntry(tx, { ...base, accountId: survivor.id, kind: 'merge_in', delta: n, reason: 'Moved from a merged customer', expiresAt: lot.expiresAt });
      left -= n;
    }
    // sum(remaining) = balance always (the trigger's bookkeeping); should it ever fall short, the rest arrives without expiry.
    if (left > 0) await appendEntry(tx, { ...base, accountId: survivor.id, kind: 'merge_in', delta: left, reason: 'Moved from a merged customer' });
    out.moved.push({ customerId: a.customerId, points: balance });
  }
  return out;
}

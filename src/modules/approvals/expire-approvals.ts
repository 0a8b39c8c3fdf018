/**
 * Releasing requests nobody decided in time: every instance sweeps due approvals each minute
 * (workers.ts); the booking's row lock makes each release happen once. A released request is
 * rejected with a reason, which frees the asset and tells the member (the booking's
 * status-changed email) — and the approvals left pending are marked expired.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bookingApprovals, organizations } from '@/db/schema';
import { applyTransition, lockBooking, lockResourceOf } from '@/modules/bookings';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';

const BATCH = 50;
export const EXPIRED_REASON = 'Not decided in time: the request was released.';

/** Releases up to one batch of due requests; returns how many it released. */
export async function expireApprovals(db: Db, now: Date): Promise<number> {
  // Which requests are due (read across organizations: the owner role sees every row).
  const due = await db
    .selectDistinct({ organizationId: bookingApprovals.organizationId, bookingId: bookingApprovals.bookingId, slug: organizations.slug, name: organizations.name, timezone: organizations.timezone, currency: organizations.currency, locale: organizations.locale, expiresAt: bookingApprovals.expiresAt })
    .from(bookingApprovals)
    .innerJoin(organizations, eq(organizations.id, bookingApprovals.organizationId))
    .where(and(eq(bookingApprovals.status, 'pending'), lte(bookingApprovals.expiresAt, now)))
    .orderBy(asc(bookingApprovals.expiresAt))
    .limit(BATCH);
  let released = 0;
  const seen = new Set<string>();
  for (const d of due) {
    if (seen.has(d.bookingId)) continue;
    seen.add(d.bookingId);
    const ctx: Ctx = {
      db,
      tenant: { id: d.organizationId, slug: d.slug, name: d.name, timezone: d.timezone, currency: d.currency, locale: d.locale },
      actor: { type: 'system', name: 'approval-expiry' },
      now,
      request: noRequest,
    };
    const done = await tenantTx(ctx, async (tx) => {
      // The resource's lock first (a release offers the range to the waitlist), then the booking's row.
      await lockResourceOf(tx, d.organizationId, d.bookingId);
      const view = await lockBooking(tx, d.organizationId, d.bookingId);
      const expired = await tx
        .update(bookingApprovals)
        .set({ status: 'expired', decidedAt: now })
        .where(and(eq(bookingApprovals.organizationId, d.organizationId), eq(bookingApprovals.bookingId, d.bookingId), eq(bookingApprovals.status, 'pending'), lte(bookingApprovals.expiresAt, now)))
        .returning({ id: bookingApprovals.id });
      // Decided (or cancelled) meanwhile: nothing to release.
      if (expired.length === 0 || view.booking.status !== 'pending') return false;
      await applyTransition(tx, ctx, d.organizationId, d.bookingId, 'reject', EXPIRED_REASON);
      return true;
    });
    if (done) released += 1;
  }
  return released;
}

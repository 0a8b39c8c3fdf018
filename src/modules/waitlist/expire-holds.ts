/**
 * Passing on holds nobody booked in time: every instance sweeps due holds every 30 s
 * (workers.ts). One transaction per hold, under the resource's advisory lock (taken first), then
 * the booking's row lock: the held booking is cancelled ('hold expired'), its entry expired, the
 * member told (waitlist.hold_expired) and the range offered to the next entry. Two instances
 * sweeping at once queue on the lock; the second finds the hold gone and does nothing.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, waitlistEntries } from '@/db/schema';
import { lockResource, releaseHold } from '@/modules/bookings';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';

const BATCH = 50;
export const HOLD_EXPIRED_REASON = 'hold expired';

/** Releases up to one batch of expired holds; returns how many it released. */
export async function expireWaitlistHolds(db: Db, now: Date): Promise<number> {
  // Which holds are due (read across organizations: the owner role sees every row).
  const due = await db
    .select({
      id: waitlistEntries.id,
      organizationId: waitlistEntries.organizationId,
      resourceId: waitlistEntries.resourceId,
      bookingId: waitlistEntries.offeredBookingId,
      userId: waitlistEntries.userId,
      slug: organizations.slug,
      name: organizations.name,
      timezone: organizations.timezone,
      currency: organizations.currency,
      locale: organizations.locale,
    })
    .from(waitlistEntries)
    .innerJoin(organizations, eq(organizations.id, waitlistEntries.organizationId))
    .where(and(eq(waitlistEntries.status, 'offered'), lte(waitlistEntries.holdExpiresAt, now)))
    .orderBy(asc(waitlistEntries.holdExpiresAt))
    .limit(BATCH);
  let released = 0;
  for (const d of due) {
    const ctx: Ctx = {
      db,
      tenant: { id: d.organizationId, slug: d.slug, name: d.name, timezone: d.timezone, currency: d.currency, locale: d.locale },
      actor: { type: 'system', name: 'waitlist-hold-expiry' },
      now,
      request: noRequest,
    };
    const done = await tenantTx(
      ctx,
      async (tx) => {
        await lockResource(tx, d.resourceId);
        // Under the lock: still offered and due? (booked, left or expired by another instance: nothing to do)
        const [entry] = await tx.select().from(waitlistEntries).where(and(eq(waitlistEntries.organizationId, d.organizationId), eq(waitlistEntries.id, d.id)));
        if (!entry || entry.status !== 'offered' || !entry.holdExpiresAt || entry.holdExpiresAt > now || !entry.offeredBookingId) return false;
        return releaseHold(tx, ctx, d.organizationId, entry.offeredBookingId, {
          reason: HOLD_EXPIRED_REASON,
          entryStatus: 'expired',
          audit: { action: 'waitlist.hold_expired', changes: { before: { status: 'held' }, after: { status: 'cancelled', entryId: d.id } } },
          messages: [{ topic: 'waitlist.hold_expired', payload: { entryId: d.id, bookingId: entry.offeredBookingId, userId: entry.userId } }],
        });
      },
      d.organizationId,
    );
    if (done) released += 1;
  }
  return released;
}

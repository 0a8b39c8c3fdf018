/**
 * A member leaves the waitlist. An entry that holds a hold releases it in the same transaction:
 * the held booking is cancelled and the range offered to the next entry, under the resource's
 * advisory lock (taken first: the lock order of docs/architecture.md).
 */
import { and, eq } from 'drizzle-orm';
import { waitlistEntries } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { lockResource, releaseHold } from '@/modules/bookings';
import { authorize, type Ctx, ownBookingsOnly, recordAudit, tenantTx } from '@/modules/kernel';
import { entryById } from './queries';
import type { WaitlistEntryDto } from './schemas';

export const LEFT_REASON = 'Left the waitlist: the hold was released.';

export async function leaveWaitlist(ctx: Ctx, entryId: string): Promise<WaitlistEntryDto> {
  authorize(ctx, 'bookings:write');
  const orgId = ctx.tenant.id;
  const member = ownBookingsOnly(ctx);
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  return tenantTx(ctx, async (tx) => {
    const [found] = await tx.select().from(waitlistEntries).where(and(eq(waitlistEntries.organizationId, orgId), eq(waitlistEntries.id, entryId)));
    // Members see only their own entries: another's is not found. Staff may take anyone off.
    if (!found || (member && found.userId !== member.userId)) throw notFound('Waitlist entry');
    await lockResource(tx, found.resourceId);
    const [entry] = await tx.select().from(waitlistEntries).where(and(eq(waitlistEntries.organizationId, orgId), eq(waitlistEntries.id, entryId))).for('update');
    if (entry!.status !== 'waiting' && entry!.status !== 'offered') {
      throw conflict(`This waitlist entry is already closed (${entry!.status}).`, { reason: 'entry_closed', status: entry!.status });
    }
    const audit = {
      action: 'waitlist.left',
      changes: { before: { status: entry!.status }, after: { status: 'left', entryId, ...(userId && userId !== entry!.userId ? { removedBy: userId } : {}) } },
    };
    if (entry!.status === 'offered') {
      // The booking row comes after the resource lock; releaseHold re-reads the entry under it.
      const released = await releaseHold(tx, ctx, orgId, entry!.offeredBookingId!, { reason: LEFT_REASON, entryStatus: 'left', audit });
      if (released) return entryById(tx, ctx, entryId);
    }
    await tx.update(waitlistEntries).set({ status: 'left', closedAt: ctx.now, updatedAt: ctx.now }).where(and(eq(waitlistEntries.organizationId, orgId), eq(waitlistEntries.id, entryId)));
    await recordAudit(tx, ctx, { organizationId: orgId, action: audit.action, entity: 'waitlist_entry', entityId: entryId, changes: audit.changes });
    return entryById(tx, ctx, entryId);
  });
}

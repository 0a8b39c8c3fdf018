/**
 * The member books the range the waitlist holds for them, within the hold: under the resource's
 * advisory lock (first), the rules are judged again (create); the held booking becomes confirmed,
 * or pending with its approvals when approval rules trip; the entry is booked. After the hold
 * expired: 409 `hold_expired` (the expiry sweep passes it on).
 */
import { and, eq } from 'drizzle-orm';
import { members, waitlistEntries } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { claimHold, lockResource, presentBooking } from '@/modules/bookings';
import { actorRole, authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentResult, RulesDenied, rulesDenied } from '@/modules/rules';
import { entryById } from './queries';
import type { ClaimedDto } from './schemas';

export async function claimWaitlistHold(ctx: Ctx, entryId: string): Promise<ClaimedDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const orgId = tenant.id;
  if (ctx.actor.type !== 'user') throw notFound('Waitlist entry');
  const user = ctx.actor;
  try {
    return await tenantTx(ctx, async (tx) => {
      const [found] = await tx.select().from(waitlistEntries).where(and(eq(waitlistEntries.organizationId, orgId), eq(waitlistEntries.id, entryId)));
      // Only the member it is for may book a hold: anyone else's entry is not found.
      if (!found || found.userId !== user.userId) throw notFound('Waitlist entry');
      if (found.status !== 'offered' || !found.offeredBookingId) {
        throw conflict(
          found.status === 'waiting' ? 'This entry is still waiting: nothing is held for you yet.' : `This waitlist entry holds nothing (${found.status}).`,
          { reason: 'no_hold', status: found.status },
        );
      }
      await lockResource(tx, found.resourceId);
      const [member] = await tx.select({ role: members.role }).from(members).where(and(eq(members.organizationId, orgId), eq(members.id, found.memberId)));
      const claimed = await claimHold(tx, ctx, tenant, {
        id: entryId,
        bookingId: found.offeredBookingId,
        email: user.email,
        isAdmin: ['owner', 'admin'].includes(member?.role ?? actorRole(ctx)),
      });
      const failed = (claimed.judgement?.decision?.results ?? []).filter((r) => !r.passed).map((r) => presentResult(r, ctx.request.locale));
      return { entry: await entryById(tx, ctx, entryId), booking: presentBooking(claimed.booking, tenant.timezone, {}, { now: ctx.now, startLeadMinutes: claimed.startLeadMinutes }), rules: failed };
    });
  } catch (err) {
    if (err instanceof RulesDenied) throw rulesDenied(err.decision, ctx);
    throw err;
  }
}

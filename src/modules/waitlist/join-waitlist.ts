/**
 * A member joins the waitlist for a taken range of one asset, for themself. Refused when the
 * range is free (409 `slot_free`: book it), when it is never bookable (the 422 a booking would
 * get), and when their rules would deny the booking (a dry run: 422 with `details.rules`).
 * The final check and the insert run under the resource's advisory lock, so a range that frees
 * meanwhile is either seen free (409) or offered to this entry by the freeing transaction.
 */
import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { members, waitlistEntries } from '@/db/schema';
import { conflict, forbidden, isAppError, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { checkRequest, explainUnavailable, searchAround } from '@/modules/bookings';
import { actorRole, authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { checkAccess, judge, rulesDenied } from '@/modules/rules';
import { findSlots } from '@/modules/scheduling';
import { entryById } from './queries';
import type { joinWaitlistInput, WaitlistEntryDto } from './schemas';

const slotFree = () => conflict('This time is free: book it instead of joining the waitlist.', { reason: 'slot_free' });

export async function joinWaitlist(ctx: Ctx, input: z.output<typeof joinWaitlistInput>): Promise<WaitlistEntryDto> {
  authorize(ctx, 'bookings:write');
  if (ctx.actor.type !== 'user') throw forbidden('Only a signed-in member joins the waitlist, for themself.');
  const user = ctx.actor;
  const tenant = ctx.tenant;
  const request = { tenant, serviceId: input.serviceId, start: input.start, end: input.end, seats: input.seats, fields: null, requireActiveService: true };
  const check = async (tx: Parameters<Parameters<typeof tenantTx>[1]>[0]) => {
    const found = await findSlots(tx, searchAround(ctx, request, input.resourceId));
    if (found && found.data.resources.length === 0) throw notFound('Resource');
    const { service, end } = checkRequest(request, found);
    const free = found!.slots.some((s) => s.start === input.start.getTime() && s.end === end.getTime() && s.resourceIds.includes(input.resourceId));
    return { service, end, free };
  };
  // 1. Free now: book it. 2. Never bookable (hours, notice, maintenance…): the booking's own 422.
  const first = await tenantTx(ctx, check);
  if (first.free) throw slotFree();
  const why = await explainUnavailable(ctx, { tenant, serviceId: input.serviceId, resourceId: input.resourceId, onlyResource: true, start: input.start, end: first.end, seats: input.seats, service: first.service });
  if (isAppError(why) && why.status !== 409) throw why;

  let id: string;
  try {
    id = await tenantTx(
      ctx,
      async (tx) => {
        const [member] = await tx.select({ id: members.id }).from(members).where(and(eq(members.organizationId, tenant.id), eq(members.userId, user.userId)));
        if (!member) throw notFound('Organization');
        const { end, free } = await check(tx);
        if (free) throw slotFree();
        // The rules, as if this member booked it now (a dry run: nothing is written if they deny).
        const judgement = await judge(tx, {
          organizationId: tenant.id,
          zone: tenant.timezone,
          now: ctx.now,
          action: 'create',
          resourceId: input.resourceId,
          start: input.start,
          end,
          subject: { email: user.email, signedIn: true, isAdmin: ['owner', 'admin'].includes(actorRole(ctx)) },
        });
        checkAccess(judgement, 'member', tenant.name);
        if (judgement.decision?.verdict === 'deny') throw rulesDenied(judgement.decision, ctx);
        const entryId = newId('waitlistEntry');
        await tx.insert(waitlistEntries).values({
          id: entryId,
          organizationId: tenant.id,
          serviceId: input.serviceId,
          resourceId: input.resourceId,
          memberId: member.id,
          userId: user.userId,
          startsAt: input.start,
          endsAt: end,
          seats: input.seats,
          status: 'waiting',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        await recordAudit(tx, ctx, {
          organizationId: tenant.id,
          action: 'waitlist.joined',
          entity: 'waitlist_entry',
          entityId: entryId,
          changes: { after: { resourceId: input.resourceId, start: input.start.toISOString(), end: end.toISOString(), seats: input.seats } },
        });
        return entryId;
      },
      tenant.id,
      { advisoryLock: input.resourceId },
    );
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict('You are already on the waitlist for this time.', { reason: 'already_waiting' });
    throw err;
  }
  return tenantTx(ctx, (tx) => entryById(tx, ctx, id));
}

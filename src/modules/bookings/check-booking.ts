/**
 * The dry run (`POST /orgs/{slug}/bookings/check`): would this booking be taken, and what would
 * every rule say? Nothing is written and nothing is locked: the answer is advice, the booking
 * itself is judged again under its locks. A member checks for themself; staff may name a member.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { members, users } from '@/db/schema';
import { isAppError, notFound } from '@/lib/errors';
import { actorRole, authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { checkAccess, judge, presentResult, type ruleSchemas } from '@/modules/rules';
import { findSlots } from '@/modules/scheduling';
import { explainUnavailable } from './alternatives';
import { checkRequest, searchAround } from './reserve';

export async function checkBooking(ctx: Ctx, input: z.output<typeof ruleSchemas.checkBookingInput>): Promise<z.output<typeof ruleSchemas.checkResultDto>> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const locale = ctx.request.locale ?? 'en';
  const member = ownBookingsOnly(ctx);
  const checked = await tenantTx(ctx, async (tx) => {
    let email = ctx.actor.type === 'user' ? ctx.actor.email : '';
    if (input.memberId && !member) {
      const [named] = await tx
        .select({ email: users.email })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(and(eq(members.organizationId, tenant.id), eq(members.id, input.memberId)));
      if (!named) throw notFound('Member');
      email = named.email;
    }
    const request = { tenant, serviceId: input.serviceId, start: input.start, end: input.end, seats: 1, fields: null, requireActiveService: member !== null };
    const found = await findSlots(tx, searchAround(ctx, request, input.resourceId));
    if (found && found.data.resources.length === 0) throw notFound('Resource');
    const { service, end } = checkRequest(request, found);
    const available = found!.slots.some((s) => s.start === input.start.getTime() && s.end === end.getTime() && s.resourceIds.includes(input.resourceId));
    const judgement = await judge(tx, {
      organizationId: tenant.id,
      zone: tenant.timezone,
      now: ctx.now,
      action: 'create',
      resourceId: input.resourceId,
      start: input.start,
      end,
      // Checking for a named member: their rules, not the checker's exemption.
      subject: { email, signedIn: true, isAdmin: !input.memberId && ['owner', 'admin'].includes(actorRole(ctx)) },
    });
    return { judgement, available, service, end };
  });
  const { judgement, available, service, end } = checked;
  let accessReason: string | null = null;
  try {
    checkAccess(judgement, member ? 'member' : 'staff', tenant.name);
  } catch (err) {
    if (!isAppError(err)) throw err;
    accessReason = err.message;
  }
  // Its own transaction, after the first has ended (one connection at a time on the embedded database).
  const unavailableReason = available
    ? null
    : (await explainUnavailable(ctx, { tenant, serviceId: input.serviceId, resourceId: input.resourceId, onlyResource: true, start: input.start, end, seats: 1, service })).message;
  const decision = judgement.decision;
  const verdict = accessReason ? 'deny' : (decision?.verdict ?? 'allow');
  return { verdict, available, unavailableReason, accessReason, results: (decision?.results ?? []).map((r) => presentResult(r, locale)) };
}

/**
 * Availability as the signed-in caller sees it (`GET /orgs/{slug}/availability`): the public
 * free times of a service, each judged by the club's rules for the caller (modules/rules,
 * slotJudge) — a time the rules forbid is marked `deny` with the first reason, one that would
 * need approval `approval`. With "any resource", resources the rules forbid leave the time's
 * list; the time is marked only when every resource is. Advice: the booking is judged again
 * under its locks.
 */
import type { z } from 'zod';
import { notFound } from '@/lib/errors';
import { actorRole, authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { databaseTimeZone } from '@/modules/organizations';
import { type Decision, slotJudge } from '@/modules/rules';
import { availabilitySearch, findSlots, toIsoInZone } from '@/modules/scheduling';
import type { schedulingSchemas } from '@/modules/scheduling';
import type { MarkedAvailabilityDto } from './schemas';

type Mark = { verdict: 'approval' | 'deny'; reason: string; ruleId: string; ruleName: string };
const rank = { allow: 0, approval: 1, deny: 2 } as const;

export async function memberAvailability(ctx: Ctx, q: z.output<typeof schedulingSchemas.availabilityQuery>): Promise<MarkedAvailabilityDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const locale = ctx.request.locale ?? 'en';
  const member = ownBookingsOnly(ctx);
  const zone = q.timezone ? await databaseTimeZone(ctx.db, q.timezone, 'timezone', 'availability query') : tenant.timezone;
  return tenantTx(ctx, async (tx) => {
    const result = await findSlots(tx, availabilitySearch(tenant, zone, q, ctx.now));
    // Members see what guests see (active services); staff may look at an archived one.
    if (!result || (member && !result.data.service.active)) throw notFound('Service');
    if (q.resourceId && result.data.resources.length === 0) throw notFound('Resource');
    const judge = await slotJudge(tx, {
      organizationId: tenant.id,
      organizationName: tenant.name,
      zone: tenant.timezone,
      now: ctx.now,
      subject: { email: ctx.actor.type === 'user' ? ctx.actor.email : '', signedIn: true, isAdmin: ['owner', 'admin'].includes(actorRole(ctx)) },
      source: member ? 'member' : 'staff',
      resourceIds: result.data.resources.map((r) => r.resource.id),
      from: result.slots[0]?.start ?? ctx.now.getTime(),
      to: result.slots.at(-1)?.end ?? ctx.now.getTime(),
    });
    const markOf = (d: Decision | null): Mark | undefined => {
      if (!d || d.verdict === 'allow') return undefined;
      const first = d.results.find((r) => !r.passed && !r.exempt && r.outcome === d.verdict);
      return { verdict: d.verdict, reason: first?.reason[locale] ?? '', ruleId: first?.ruleId ?? '', ruleName: first?.ruleName[locale] ?? '' };
    };
    return {
      timezone: zone,
      organizationTimezone: tenant.timezone,
      serviceId: q.serviceId,
      bookingMode: result.data.service.bookingMode,
      accessReason: judge.accessReason,
      slots: result.slots.map((s) => {
        const decisions = s.resourceIds.map((id) => ({ id, decision: judge.decide(id, s.start, s.end) }));
        const open = decisions.filter((d) => d.decision?.verdict !== 'deny');
        const kept = open.length > 0 ? open : decisions;
        const verdicts = kept.map((d) => d.decision);
        // The kindest decision among the resources kept: allow, else approval, else deny.
        const best = verdicts.includes(null) ? null : verdicts.reduce((a, d) => (rank[d!.verdict] < rank[a!.verdict] ? d : a));
        const rule = markOf(best);
        const exclusive = result.data.service.capacity === 1;
        return {
          start: toIsoInZone(s.start, zone),
          end: toIsoInZone(s.end, zone),
          resourceIds: kept.map((d) => d.id),
          // Free resources (exclusive services) count only those the rules leave open; seats stay seats.
          remaining: exclusive && kept.length < decisions.length ? kept.length : s.remaining,
          ...(rule ? { rule } : {}),
        };
      }),
      nextFrom: result.nextFrom,
    };
  });
}

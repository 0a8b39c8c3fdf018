/**
 * What a refused time answers with: 422 when the time is not bookable at all (with the rule),
 * 409 `slot_taken` with the nearest free alternatives when it is taken. Alternatives on the
 * resource the request chose come first; each names the resource it would be booked on
 * (`resourceId`, `resourceName`), so a screen can say when one is on another resource.
 * A time inside a maintenance window (a blackout of kind 'maintenance') is refused naming the
 * window and its reason: `details.rule: 'maintenance'`, `details.blackout`.
 */
import { DateTime } from 'luxon';
import { ruleViolation, conflict } from '@/lib/errors';
import { type BlackoutRow, maintenanceByResource } from '@/modules/catalog';
import { type Ctx, type Tenant, tenantTx } from '@/modules/kernel';
import { addDays, findSlots, localDateOf, type Slot, toIsoInZone } from '@/modules/scheduling';

const ALTERNATIVES = 5;

export interface Alternative {
  start: string;
  end: string;
  /** The resource this alternative would be booked on: the chosen one when it is free then. */
  resourceId: string;
  resourceName: string;
  /** Every eligible resource free then. */
  resourceIds: string[];
  remaining: number;
}

export interface Refused {
  tenant: Tenant;
  serviceId: string;
  /** The resource the request named, or the booking's own when moving: alternatives on it come first. */
  resourceId?: string;
  /** Only that resource is checked for "would it be bookable at all?" (a named resource). */
  onlyResource?: boolean;
  start: Date;
  end: Date;
  seats: number;
  excludeBookingId?: string;
  /** When moving: the booking's own time and resource, never offered (moving there changes nothing). */
  own?: { start: Date; resourceId: string };
  /** Minutes the booking's add-ons add: alternatives are slots the longer booking fits. */
  extraMinutes?: number;
  /** Buffers widen what a blackout blocks, as the engine reads it (absent: none). */
  service: { minNoticeMinutes: number; maxAdvanceDays: number; bookingMode: string; bufferBeforeMinutes?: number; bufferAfterMinutes?: number };
}

/** The error for a time the engine does not offer now: 422 with the rule, or 409 with alternatives. */
export async function explainUnavailable(ctx: Ctx, r: Refused) {
  const day = localDateOf(r.start.getTime(), r.tenant.timezone);
  const unbooked = await tenantTx(
    ctx,
    (tx) =>
      findSlots(tx, {
        organizationId: r.tenant.id,
        orgTimezone: r.tenant.timezone,
        serviceId: r.serviceId,
        resourceId: r.onlyResource ? r.resourceId : undefined,
        from: addDays(day, -1),
        to: addDays(day, 1),
        timezone: r.tenant.timezone,
        now: ctx.now,
        seats: r.seats,
        excludeBookingId: r.excludeBookingId,
        ignoreBusy: true,
        extraMinutes: r.extraMinutes,
      }),
    r.tenant.id,
  );
  const bookable = unbooked?.slots.some((s) => s.start === r.start.getTime() && s.end === r.end.getTime());
  if (!bookable) {
    const notice = noticeRule(r.start, r.service, ctx.now);
    if (notice) return notice;
    const resources = unbooked?.data.resources.map((x) => ({ id: x.resource.id, name: x.resource.name })) ?? [];
    const scope = r.onlyResource && r.resourceId ? resources.filter((x) => x.id === r.resourceId) : resources;
    const maintenance = await maintenanceBlocking(ctx, r, scope);
    if (maintenance) return maintenanceRefusal(maintenance.window, maintenance.resource, r.tenant.timezone);
    return notOffered(r.service.bookingMode === 'multi_day');
  }
  const alternatives = await findAlternatives(ctx, r);
  return conflict('That time was just taken. Here are the nearest free times.', { reason: 'slot_taken', alternatives });
}

function noticeRule(start: Date, service: { minNoticeMinutes: number; maxAdvanceDays: number }, now: Date) {
  if (start.getTime() < now.getTime() + service.minNoticeMinutes * 60_000) {
    return ruleViolation(`Bookings need at least ${service.minNoticeMinutes} minutes' notice.`, { rule: 'min_notice', minNoticeMinutes: service.minNoticeMinutes });
  }
  if (start.getTime() >= now.getTime() + service.maxAdvanceDays * 86_400_000) {
    return ruleViolation(`Bookings open at most ${service.maxAdvanceDays} days ahead.`, { rule: 'max_advance', maxAdvanceDays: service.maxAdvanceDays });
  }
  return null;
}

/**
 * The maintenance window that keeps the request off every resource in `scope` (the named one,
 * or all the service's), if one does: the blocked range includes the service's buffers, as the
 * engine's does. Null when some resource in scope is clear of maintenance (then something else
 * refused the time).
 */
async function maintenanceBlocking(ctx: Ctx, r: Refused, scope: { id: string; name: string }[]): Promise<{ window: BlackoutRow; resource: { id: string; name: string } } | null> {
  if (scope.length === 0) return null;
  const from = new Date(r.start.getTime() - (r.service.bufferBeforeMinutes ?? 0) * 60_000);
  const to = new Date(r.end.getTime() + (r.service.bufferAfterMinutes ?? 0) * 60_000);
  const windows = await tenantTx(ctx, (tx) => maintenanceByResource(tx, r.tenant.id, scope.map((x) => x.id), { from, to }), r.tenant.id);
  if (!scope.every((x) => windows.has(x.id))) return null;
  const resource = scope[0]!;
  return { window: windows.get(resource.id)!, resource };
}

function maintenanceRefusal(window: BlackoutRow, resource: { id: string; name: string }, zone: string) {
  const until = DateTime.fromJSDate(window.endsAt, { zone });
  const when = `${until.setLocale('en').toFormat('d LLL yyyy, HH:mm')} (${zone})`;
  return ruleViolation(`${resource.name} is in maintenance until ${when}${window.reason ? `: ${window.reason}` : ''}.`, {
    rule: 'maintenance',
    resourceId: resource.id,
    resourceName: resource.name,
    blackout: {
      kind: window.kind,
      reason: window.reason,
      translations: window.translations,
      startsAt: toIsoInZone(window.startsAt.getTime(), zone),
      until: toIsoInZone(window.endsAt.getTime(), zone),
    },
  });
}

function notOffered(multiDay: boolean) {
  return ruleViolation(
    multiDay
      ? 'That stay is not offered: check the check-in and check-out times, the number of nights and the open days.'
      : 'That time is not one of the offered start times (outside working hours, a closed day, or not on the slot grid).',
    { rule: 'not_offered' },
  );
}

/** The nearest free slots for the service over a week: the chosen resource's first, then the same day, then the nearest. */
export async function findAlternatives(
  ctx: Ctx,
  r: Pick<Refused, 'tenant' | 'serviceId' | 'resourceId' | 'start' | 'seats' | 'excludeBookingId' | 'own' | 'extraMinutes'>,
): Promise<Alternative[]> {
  const { tenant } = r;
  const day = localDateOf(r.start.getTime(), tenant.timezone);
  const found = await tenantTx(
    ctx,
    (tx) =>
      findSlots(tx, {
        organizationId: tenant.id,
        orgTimezone: tenant.timezone,
        serviceId: r.serviceId,
        from: day,
        to: addDays(day, 6),
        timezone: tenant.timezone,
        now: ctx.now,
        seats: r.seats,
        excludeBookingId: r.excludeBookingId,
        extraMinutes: r.extraMinutes,
      }),
    tenant.id,
  );
  if (!found) return [];
  const names = new Map(found.data.resources.map((x) => [x.resource.id, x.resource.name]));
  const target = r.start.getTime();
  const chosen = r.resourceId;
  const onChosen = (s: Slot) => chosen !== undefined && s.resourceIds.includes(chosen);
  const sameDay = (s: Slot) => localDateOf(s.start, tenant.timezone) === day;
  // Where the booking already is: only when it could go nowhere else on that slot.
  const isOwn = (s: Slot) => !!r.own && s.start === r.own.start.getTime() && (onChosen(s) ? chosen : s.resourceIds[0]) === r.own.resourceId;
  return found.slots
    .filter((s) => !isOwn(s))
    .sort(
      (a, b) =>
        Number(onChosen(b)) - Number(onChosen(a)) ||
        Number(sameDay(b)) - Number(sameDay(a)) ||
        Math.abs(a.start - target) - Math.abs(b.start - target) ||
        a.start - b.start,
    )
    .slice(0, ALTERNATIVES)
    .map((s) => {
      const resourceId = onChosen(s) ? chosen! : s.resourceIds[0]!;
      return {
        start: toIsoInZone(s.start, tenant.timezone),
        end: toIsoInZone(s.end, tenant.timezone),
        resourceId,
        resourceName: names.get(resourceId) ?? '',
        resourceIds: s.resourceIds,
        remaining: s.remaining,
      };
    });
}

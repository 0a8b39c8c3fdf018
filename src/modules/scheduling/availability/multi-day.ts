/**
 * Stays booked by the night (residences, boats): check-in on date A, check-out on date B.
 * Nights are the resource's own local dates; the asset is exclusive, so any busy interval
 * blocks. The window selects stays by their check-in instant, read in the window's zone: the
 * same rule as slots, whose start must fall in the window.
 */
import { DAY_MS, MINUTE_MS, parseLocalTime, zoneCalendar } from './calendar';
import type { SlotPage } from './compute-slots';
import { IntervalSet } from './intervals';
import { dayEdges, dayIndex, daysWithin, formatLocalDate, type SlotLimits, WorkLimitExceeded, WorkMeter } from './limits';
import { compileResource } from './resource';
import type { AvailabilityWindow, ResourceAvailabilityInput, Slot, StayOption, StayParams } from './types';
import { checkInteger, checkPositive, checkWindow } from './validate';

/** A resource's night settings; notice and horizon are the service's. */
export type StaySettings = Pick<StayParams, 'checkInTime' | 'checkOutTime' | 'minNights' | 'maxNights'>;

export interface StayResource {
  input: ResourceAvailabilityInput;
  settings: StaySettings;
}

interface CheckIn {
  owner: number;
  /** The resource's local date of check-in. */
  date: number;
  start: number;
}

/**
 * Every stay [A at checkInTime, B at checkOutTime) with its check-in instant in the window
 * (window.timezone's dates) and within notice/horizon, minNights <= B − A <= maxNights, each
 * night A … B−1 an open day of the resource, clear of its busy intervals and blackouts. Merged
 * across resources like slots: one entry per (start, end) with the free resources' ids. With
 * limits, whole days of the window are left for the next page (a check-in costs maxNights
 * candidates, the nights it may try).
 */
export function computeStayPage(
  service: Pick<StayParams, 'minNoticeMinutes' | 'maxAdvanceDays'>,
  resources: readonly StayResource[],
  window: AvailabilityWindow,
  limits: SlotLimits = {},
): SlotPage {
  return stays(service, resources, window, limits).page;
}

function stays(
  service: Pick<StayParams, 'minNoticeMinutes' | 'maxAdvanceDays'>,
  resources: readonly StayResource[],
  window: AvailabilityWindow,
  limits: SlotLimits,
): { page: SlotPage; nights: Map<string, number> } {
  const notice = checkInteger(service.minNoticeMinutes, 'service.minNoticeMinutes', 0) * MINUTE_MS;
  const horizon = checkPositive(service.maxAdvanceDays, 'service.maxAdvanceDays') * DAY_MS;
  const win = checkWindow(window);
  const meter = new WorkMeter(limits.maxWork ?? Infinity);
  const compiled = resources.map((r, i) => {
    const what = `resources[${i}].settings`;
    const minNights = checkInteger(r.settings.minNights, `${what}.minNights`, 1);
    return {
      resource: compileResource(r.input, i),
      checkIn: parseLocalTime(r.settings.checkInTime, `${what}.checkInTime`),
      checkOut: parseLocalTime(r.settings.checkOutTime, `${what}.checkOutTime`),
      minNights,
      maxNights: checkInteger(r.settings.maxNights, `${what}.maxNights`, minNights),
    };
  });
  const order = compiled.map((_, i) => i).sort((a, b) => (compiled[a]!.resource.id < compiled[b]!.resource.id ? -1 : 1));

  const windowZone = zoneCalendar(win.timezone);
  const lo = Math.max(windowZone.startOfDay(win.fromDay), win.now + notice);
  const hi = Math.min(windowZone.startOfDay(win.toDay + 1), win.now + horizon);
  if (lo >= hi) return { page: { slots: [], nextFrom: null, work: 0 }, nights: new Map() };
  const { firstDay, edges } = dayEdges(windowZone.startOfDay, windowZone.dayOf, lo, hi);
  const perDay = new Float64Array(edges.length - 1);

  // 1. Plan: each resource's check-ins in the window, and the nights each may try.
  const checkIns: CheckIn[] = [];
  for (const owner of order) {
    const r = compiled[owner]!;
    const { calendar } = r.resource;
    const lastDate = calendar.dayOf(hi - 1);
    for (let date = calendar.dayOf(lo) - 1; date <= lastDate; date++) {
      meter.charge(1);
      if (r.resource.rangesOn(date).length === 0) continue;
      const start = calendar.toInstant(date, r.checkIn);
      if (start < lo || start >= hi) continue;
      checkIns.push({ owner, date, start });
      perDay[dayIndex(edges, start)]! += r.maxNights;
    }
  }

  // 2. The leading days that fit; their check-ins try their nights.
  let kept = daysWithin(perDay, limits.maxCandidates ?? Infinity);
  let candidates = 0;
  for (let j = 0; j < kept; j++) candidates += perDay[j]!;
  meter.charge(candidates);
  const cut = edges[kept]!;

  const blockedBy = new Map<number, IntervalSet>();
  const options: { start: number; end: number; nights: number; owner: number }[] = [];
  for (const c of checkIns) {
    if (c.start >= cut) continue;
    const r = compiled[c.owner]!;
    let blocked = blockedBy.get(c.owner);
    if (!blocked) {
      const { blackouts, busy } = r.resource.input;
      meter.charge(blackouts.length + busy.length);
      blocked = IntervalSet.of([...blackouts, ...busy]);
      blockedBy.set(c.owner, blocked);
    }
    for (let nights = 1; nights <= r.maxNights; nights++) {
      if (r.resource.rangesOn(c.date + nights - 1).length === 0) break;
      if (nights < r.minNights) continue;
      const end = r.resource.calendar.toInstant(c.date + nights, r.checkOut);
      if (end <= c.start) continue;
      // A longer stay contains this one, so once something blocks, every longer stay is blocked.
      if (blocked.overlaps(c.start, end)) break;
      options.push({ start: c.start, end, nights, owner: c.owner });
    }
  }

  // 3. Merge equal (start, end) across resources, ids ascending (owners are in id order).
  const rank = new Map(order.map((owner, i) => [owner, i]));
  options.sort((a, b) => a.start - b.start || a.end - b.end || rank.get(a.owner)! - rank.get(b.owner)!);
  const maxSlots = limits.maxSlots ?? Infinity;
  const slots: Slot[] = [];
  const nightsOf = new Map<string, number>();
  for (const o of options) {
    nightsOf.set(`${o.start}:${o.end}`, o.nights);
    const last = slots[slots.length - 1];
    const id = compiled[o.owner]!.resource.id;
    if (last && last.start === o.start && last.end === o.end) {
      last.resourceIds.push(id);
      last.remaining += 1;
      continue;
    }
    if (slots.length === maxSlots) {
      const day = dayIndex(edges, o.start);
      if (day === 0) throw new WorkLimitExceeded('day', maxSlots);
      kept = day;
      while (slots.length > 0 && slots[slots.length - 1]!.start >= edges[day]!) slots.pop();
      break;
    }
    slots.push({ start: o.start, end: o.end, resourceIds: [id], remaining: 1 });
  }
  return { page: { slots, nextFrom: kept < edges.length - 1 ? formatLocalDate(firstDay + kept) : null, work: meter.spent }, nights: nightsOf };
}

/** One resource's stays (see computeStayPage), with the number of nights of each. */
export function computeStayOptions(params: StayParams, resource: ResourceAvailabilityInput, window: AvailabilityWindow): StayOption[] {
  const { page, nights } = stays(params, [{ input: resource, settings: params }], window, {});
  return page.slots.map((s) => ({
    start: s.start,
    end: s.end,
    nights: nights.get(`${s.start}:${s.end}`)!,
    resourceIds: [resource.resourceId],
    remaining: 1,
  }));
}

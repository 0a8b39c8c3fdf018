/**
 * Loads a service's scheduling inputs and busy intervals in a constant number of queries and
 * runs the pure engine. Used by the public availability endpoint, by booking placement (is
 * this exact slot offered?) and for the alternatives offered on a conflict.
 */
import { DateTime } from 'luxon';
import type { Executor } from '@/db/client';
import { loadSchedulingData } from '@/modules/catalog';
import { computeSlots, computeStayOptions, type LocalDate, type ResourceAvailabilityInput, type ServiceParams, type Slot } from './availability';
import { loadBusy } from './load-busy';

export interface SlotSearch {
  organizationId: string;
  orgTimezone: string;
  serviceId: string;
  resourceId?: string;
  /** Window, as local dates in `timezone`, both inclusive. */
  from: LocalDate;
  to: LocalDate;
  timezone: string;
  now: Date;
  seats?: number;
  /** A booking being rescheduled does not block its own new time. */
  excludeBookingId?: string;
  /** "Would this be offered if nothing were booked?" — tells a taken slot from a bad time. */
  ignoreBusy?: boolean;
}

export type SchedulingData = NonNullable<Awaited<ReturnType<typeof loadSchedulingData>>>;

export interface SlotSearchResult {
  data: SchedulingData;
  slots: Slot[];
}

const DAY = 86_400_000;

export async function findSlots(db: Executor, s: SlotSearch): Promise<SlotSearchResult | null> {
  const windowStart = DateTime.fromISO(s.from, { zone: s.timezone }).startOf('day').toMillis() - DAY;
  const windowEnd = DateTime.fromISO(s.to, { zone: s.timezone }).startOf('day').toMillis() + 2 * DAY;
  const data = await loadSchedulingData(db, s.organizationId, {
    serviceId: s.serviceId,
    resourceId: s.resourceId,
    window: { from: new Date(windowStart), to: new Date(windowEnd) },
  });
  if (!data) return null;
  const { service } = data;
  const multiDay = service.bookingMode === 'multi_day';
  const longest = multiDay ? Math.max(1, ...data.resources.map((r) => r.resource.multiDay?.maxNights ?? 1)) * DAY + DAY : (service.durationMinutes + service.bufferAfterMinutes) * 60_000;
  const ids = data.resources.map((r) => r.resource.id);
  const busy = s.ignoreBusy
    ? new Map<string, never[]>()
    : await loadBusy(db, s.organizationId, ids, { start: windowStart - service.bufferBeforeMinutes * 60_000, end: windowEnd + longest }, s.excludeBookingId);

  const inputs: ResourceAvailabilityInput[] = data.resources.map((r) => ({
    resourceId: r.resource.id,
    timezone: r.timezone,
    weekly: r.weekly,
    overrides: r.overrides,
    blackouts: r.blackouts.map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
    busy: busy.get(r.resource.id) ?? [],
    capacity: r.resource.capacity,
  }));
  const window = { from: s.from, to: s.to, timezone: s.timezone, now: s.now.getTime() };

  if (!multiDay) {
    const slots = computeSlots({ ...serviceParams(service), seatsRequested: s.seats ?? 1 }, inputs, window);
    return { data, slots };
  }

  // Stays: per resource with night settings, merged into one list like slots.
  const merged = new Map<string, Slot>();
  data.resources.forEach((r, i) => {
    const settings = r.resource.multiDay;
    if (!settings) return;
    const options = computeStayOptions(
      { ...settings, minNoticeMinutes: service.minNoticeMinutes, maxAdvanceDays: service.maxAdvanceDays },
      inputs[i]!,
      window,
    );
    for (const o of options) {
      const key = `${o.start}:${o.end}`;
      const hit = merged.get(key);
      if (hit) {
        hit.resourceIds.push(r.resource.id);
        hit.remaining += 1;
      } else merged.set(key, { start: o.start, end: o.end, resourceIds: [r.resource.id], remaining: 1 });
    }
  });
  const slots = [...merged.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const slot of slots) slot.resourceIds.sort();
  return { data, slots };
}

/** The engine's view of a service row. */
export function serviceParams(service: SchedulingData['service']): ServiceParams {
  return {
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    slotIntervalMinutes: service.slotIntervalMinutes,
    minNoticeMinutes: service.minNoticeMinutes,
    maxAdvanceDays: service.maxAdvanceDays,
    capacity: service.capacity,
  };
}

/** ISO 8601 with the zone's offset, e.g. 2026-03-08T09:00:00-04:00. */
export function toIsoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
}

export function localDateOf(ms: number, zone: string): LocalDate {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

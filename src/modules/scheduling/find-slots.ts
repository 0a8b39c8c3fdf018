/**
 * Loads a service's scheduling inputs and busy intervals in a constant number of queries and
 * runs the pure engine. Used by the public availability endpoint, by booking placement (is
 * this exact slot offered?) and for the alternatives offered on a conflict.
 */
import { DateTime } from 'luxon';
import type { Executor } from '@/db/client';
import { ruleViolation } from '@/lib/errors';
import { loadSchedulingData } from '@/modules/catalog';
import {
  computeSlotPage,
  computeStayPage,
  type LocalDate,
  type ResourceAvailabilityInput,
  type ServiceParams,
  type Slot,
  type SlotLimits,
  type SlotPage,
  type StayResource,
  WorkLimitExceeded,
} from './availability';
import { zoneCalendar } from './availability/calendar';
import { formatLocalDate } from './availability/limits';
import { unpackBusy } from './load-busy';

/**
 * What one public availability answer may cost (see availability/limits.ts): at most 20,000
 * candidates examined (so at most 20,000 (slot, resource) pairs listed), 5,000 slots, and
 * 500,000 work units (placing two months of a busy 50-person salon's bookings is ~200,000);
 * whole days beyond the first two limits go to the next page.
 */
export const PUBLIC_SLOT_LIMITS = { maxCandidates: 20_000, maxSlots: 5_000, maxWork: 500_000 } as const satisfies SlotLimits;

/**
 * Server-side checks (placing, moving a booking, alternatives) ask for a few days and need
 * every slot in them, so they are not paged; the budget still stops a pathological catalog.
 */
export const INTERNAL_SLOT_LIMITS = { maxWork: 2_000_000 } as const satisfies SlotLimits;

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
  /** Default INTERNAL_SLOT_LIMITS: every slot of the window, within the work budget. */
  limits?: SlotLimits;
  /**
   * Minutes the booking's add-ons add to the service's duration (bookings/addons.ts): slots are
   * searched for the longer booking, and the result's `data.service.durationMinutes` is the
   * longer one, so every caller (placing, moving, alternatives) computes the same end.
   */
  extraMinutes?: number;
}

export type SchedulingData = NonNullable<Awaited<ReturnType<typeof loadSchedulingData>>>;

export interface SlotSearchResult {
  data: SchedulingData;
  slots: Slot[];
  /** First window date left for the next page (paged limits only); null when none. */
  nextFrom: LocalDate | null;
  /** Work units the engine spent. */
  work: number;
}

const DAY = 86_400_000;

export async function findSlots(db: Executor, s: SlotSearch): Promise<SlotSearchResult | null> {
  const windowStart = DateTime.fromISO(s.from, { zone: s.timezone }).startOf('day').toMillis() - DAY;
  const windowEnd = DateTime.fromISO(s.to, { zone: s.timezone }).startOf('day').toMillis() + 2 * DAY;
  const extra = s.extraMinutes ?? 0;
  // The busy intervals come in the same statement (one round trip): over [window start − buffer
  // before, window end + the longest booking], computed from the service row in SQL.
  const loaded = await loadSchedulingData(db, s.organizationId, {
    serviceId: s.serviceId,
    resourceId: s.resourceId,
    window: { from: new Date(windowStart), to: new Date(windowEnd) },
    busy: s.ignoreBusy ? undefined : { from: new Date(windowStart), to: new Date(windowEnd), extraMinutes: extra, excludeBookingId: s.excludeBookingId },
  });
  if (!loaded) return null;
  const data: SchedulingData = extra > 0 && loaded.service.bookingMode !== 'multi_day' ? { ...loaded, service: { ...loaded.service, durationMinutes: loaded.service.durationMinutes + extra } } : loaded;
  const { service } = data;
  const multiDay = service.bookingMode === 'multi_day';
  const ids = data.resources.map((r) => r.resource.id);
  const busy = unpackBusy(ids, loaded.busyPacked ?? []);

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
  const limits = s.limits ?? INTERNAL_SLOT_LIMITS;

  let page: SlotPage;
  try {
    if (!multiDay) {
      page = computeSlotPage({ ...serviceParams(service), seatsRequested: s.seats ?? 1 }, inputs, window, limits);
    } else {
      // Stays: resources with night settings, merged into one list like slots.
      const stays: StayResource[] = [];
      data.resources.forEach((r, i) => {
        if (r.resource.multiDay) stays.push({ input: inputs[i]!, settings: r.resource.multiDay });
      });
      page = computeStayPage(service, stays, window, limits);
    }
  } catch (err) {
    if (err instanceof WorkLimitExceeded) {
      throw ruleViolation(
        s.resourceId
          ? 'This availability request is too large to answer: ask for fewer days.'
          : 'This availability request is too large to answer: ask for fewer days or for one resource.',
        { rule: 'availability_limit', reason: err.reason, limit: err.limit },
      );
    }
    throw err;
  }
  return { data, slots: page.slots, nextFrom: page.nextFrom, work: page.work };
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
  return fastIsoInZone(ms, zone) ?? luxonIso(ms, zone);
}

function luxonIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
}

/**
 * Luxon asks Intl for the zone's offset on every call (~10 µs; an availability answer formats
 * two instants per slot). The offset is constant between a zone's transitions, and no zone has
 * two transitions within one hour, so it is cached per zone and UTC hour: the hour's offset
 * when it is the same at both ends, else Luxon decides. Anything Luxon writes differently
 * (the "UTC" zone's Z, fractional historic offsets, years outside 1000–9999) goes to Luxon;
 * tests/time-zones.test.ts compares both over DST transitions.
 */
const HOUR = 3_600_000;
const hourOffsets = new Map<string, number | null>();
const zuluZones = new Map<string, boolean>();

function fastIsoInZone(ms: number, zone: string): string | null {
  if (!Number.isFinite(ms)) return null;
  let zulu = zuluZones.get(zone);
  if (zulu === undefined) {
    const probe = DateTime.fromMillis(0, { zone });
    if (!probe.isValid) return null;
    zulu = probe.toISO()!.endsWith('Z');
    // Bounded like the hour cache: callers pass validated zones, but never trust that for memory.
    if (zuluZones.size >= 1_000) zuluZones.clear();
    zuluZones.set(zone, zulu);
  }
  if (zulu) return null;
  const hour = Math.floor(ms / HOUR);
  const key = `${zone}\u0000${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const start = DateTime.fromMillis(hour * HOUR, { zone }).offset;
    const end = DateTime.fromMillis(hour * HOUR + HOUR - 1, { zone }).offset;
    offset = start === end && Number.isInteger(start) ? start : null;
    if (hourOffsets.size >= 50_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (offset === null) return null;
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  const millis = local.getUTCMilliseconds();
  const abs = Math.abs(offset);
  return (
    `${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` +
    `${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

export function localDateOf(ms: number, zone: string): LocalDate {
  return formatLocalDate(zoneCalendar(zone).dayOf(ms));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

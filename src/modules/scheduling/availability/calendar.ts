/**
 * Civil dates as epoch-day integers (1970-01-01 = 0) and wall clock → instant per IANA zone.
 * Nothing here reads the process time zone: every conversion names its zone.
 */
import { DateTime } from 'luxon';
import { isValidTimeZone } from '@/lib/time';
import type { Weekday } from './types';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic, no Date object,
// so day stepping and weekdays never touch a zone.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isoWeekday(days: number): Weekday {
  // Day 0 was a Thursday (ISO 4).
  const r = (days + 3) % 7;
  return ((r < 0 ? r + 7 : r) + 1) as Weekday;
}

/** "YYYY-MM-DD" → epoch day; RangeError when malformed or not a real date. */
export function parseLocalDate(value: unknown, what: string): number {
  const m = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const days = daysFromCivil(year, month, day);
    const back = civilFromDays(days);
    // The round trip rejects 2026-02-30 and month 13 without a month-length table.
    if (month >= 1 && month <= 12 && back.year === year && back.month === month && back.day === day) return days;
  }
  throw new RangeError(`${what}: expected a date "YYYY-MM-DD", got ${JSON.stringify(value)}`);
}

/** "HH:MM" → minutes since local midnight, 0..1440 ("24:00" is the end of the day). */
export function parseLocalTime(value: unknown, what: string): number {
  const m = typeof value === 'string' ? LOCAL_TIME.exec(value) : null;
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if ((hour < 24 && minute < 60) || (hour === 24 && minute === 0)) return hour * 60 + minute;
  }
  throw new RangeError(`${what}: expected a time "HH:MM" (00:00–24:00), got ${JSON.stringify(value)}`);
}

export function assertTimeZone(zone: unknown, what: string): asserts zone is string {
  if (typeof zone !== 'string' || !isValidTimeZone(zone)) {
    throw new RangeError(`${what}: unknown IANA time zone ${JSON.stringify(zone)}`);
  }
}

/**
 * Wall-clock conversions for one zone. A wall time in a spring-forward gap moves forward by the
 * gap (Luxon's rule); a wall time that occurs twice (fall-back) resolves to its earlier instant,
 * so a range opening at the repeated 01:00 covers both passes of that hour (RFC 5545 and
 * Temporal's "compatible" rule; Luxon alone would pick the later one).
 */
export interface ZoneCalendar {
  readonly zone: string;
  /** Instant of local midnight (or the first instant of the day when midnight is skipped). */
  startOfDay(days: number): number;
  /** Instant of `minutes` past local midnight on `days`; 1440 is the next day's start. */
  toInstant(days: number, minutes: number): number;
  /** Local epoch day containing the instant. */
  dayOf(instant: number): number;
}

// Zone rules are fixed for the life of the process, so day starts are memoised across calls:
// a query then costs Luxon only for days no earlier query has seen.
const dayStartCache = new Map<string, Map<number, number>>();
const CACHE_LIMIT_PER_ZONE = 20_000;

function resolveWallTime(zone: string, days: number, minutes: number): number {
  const { year, month, day } = civilFromDays(days);
  const local = DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone });
  let instant = local.toMillis();
  for (const option of local.getPossibleOffsets()) instant = Math.min(instant, option.toMillis());
  return instant;
}

export function zoneCalendar(zone: string): ZoneCalendar {
  let starts = dayStartCache.get(zone);
  if (!starts) {
    starts = new Map();
    dayStartCache.set(zone, starts);
  }
  const cache = starts;
  const startOfDay = (days: number): number => {
    let instant = cache.get(days);
    if (instant === undefined) {
      if (cache.size >= CACHE_LIMIT_PER_ZONE) cache.clear();
      instant = resolveWallTime(zone, days, 0);
      cache.set(days, instant);
    }
    return instant;
  };
  return {
    zone,
    startOfDay,
    toInstant(days, minutes) {
      const start = startOfDay(days);
      if (minutes === 0) return start;
      const next = startOfDay(days + 1);
      if (minutes >= MINUTES_PER_DAY) return next;
      // A day exactly 24 h long keeps one offset throughout (zones do not shift twice in a
      // day), so its wall times are plain arithmetic; only transition days ask Luxon.
      if (next - start === DAY_MS) return start + minutes * MINUTE_MS;
      return resolveWallTime(zone, days, minutes);
    },
    dayOf(instant) {
      const local = DateTime.fromMillis(instant, { zone });
      return daysFromCivil(local.year, local.month, local.day);
    },
  };
}

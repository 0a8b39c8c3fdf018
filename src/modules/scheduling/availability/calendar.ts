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
 * Wall-clock conversions for one zone. One rule covers DST: a range of wall-clock hours on a
 * local date is the set of instants of that date whose wall-clock reading lies inside it.
 * - A boundary in a spring-forward gap (a reading that never occurs) lands on the transition
 *   instant: a start there opens at the first instant after the gap, an end there closes at the
 *   gap. Nothing is moved forward by the gap, so nothing is offered after a posted closing time.
 * - In a fall-back overlap (a reading that occurs twice) the range is open during each pass
 *   whose readings are inside it. A range that covers the whole repeated hour (00:00–06:00)
 *   holds it twice; a range opening inside it (01:30–03:00) opens at the first 01:30, closes
 *   when the clock falls back to 01:00 and reopens at the second 01:30; a range closing inside
 *   it (00:00–01:30) closes at the first 01:30 and holds the second pass's 01:00–01:30 too.
 * So a range is at most two instant intervals; slots step from each one's start.
 */
export interface ZoneCalendar {
  readonly zone: string;
  /** Instant of local midnight (or the first instant of the day when midnight is skipped). */
  startOfDay(days: number): number;
  /** First instant of the date whose reading is at or after `minutes` (1440: the next day's start). */
  toInstant(days: number, minutes: number): number;
  /** The instants of date `days` whose reading lies in [start, end) minutes: sorted, disjoint, non-touching. */
  openIntervals(days: number, start: number, end: number): { start: number; end: number }[];
  /** Local epoch day containing the instant. */
  dayOf(instant: number): number;
}

/** A stretch of one local date with one UTC offset: readings run from `wall` minutes on. */
interface DayPiece {
  start: number;
  end: number;
  wall: number;
}

// Zone rules are fixed for the life of the process, so day starts are memoised across calls:
// a query then costs Luxon only for days no earlier query has seen. Zone names reach here
// validated (a bounded set), and the number of zones is capped all the same.
const dayStartCache = new Map<string, Map<number, number>>();
const piecesCache = new Map<string, Map<number, DayPiece[]>>();
const CACHE_LIMIT_PER_ZONE = 20_000;
const CACHE_LIMIT_ZONES = 1_000;

function resolveWallTime(zone: string, days: number, minutes: number): number {
  const { year, month, day } = civilFromDays(days);
  const local = DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone });
  let instant = local.toMillis();
  for (const option of local.getPossibleOffsets()) instant = Math.min(instant, option.toMillis());
  return instant;
}

function cacheFor<T>(caches: Map<string, Map<number, T>>, zone: string): Map<number, T> {
  let cache = caches.get(zone);
  if (!cache) {
    if (caches.size >= CACHE_LIMIT_ZONES) caches.clear();
    cache = new Map();
    caches.set(zone, cache);
  }
  return cache;
}

/** Offset in minutes of `zone` at `instant`. */
function offsetAt(zone: string, instant: number): number {
  return DateTime.fromMillis(instant, { zone }).offset;
}

/**
 * Splits the date [start, end) where the offset changes (found by bisection to the
 * millisecond), each piece with the wall reading at its start.
 */
function splitDay(zone: string, days: number, start: number, end: number): DayPiece[] {
  const wallAt = (instant: number, offset: number) => (instant + offset * MINUTE_MS - days * DAY_MS) / MINUTE_MS;
  const pieces: DayPiece[] = [];
  let from = start;
  // At most a few transitions in a day; the bound only guards against a zone database surprise.
  for (let guard = 0; from < end && guard < 8; guard++) {
    const offset = offsetAt(zone, from);
    if (offsetAt(zone, end - 1) === offset) {
      pieces.push({ start: from, end, wall: wallAt(from, offset) });
      return pieces;
    }
    let lo = from;
    let hi = end - 1;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    pieces.push({ start: from, end: hi, wall: wallAt(from, offset) });
    from = hi;
  }
  if (from < end) pieces.push({ start: from, end, wall: wallAt(from, offsetAt(zone, from)) });
  return pieces;
}

export function zoneCalendar(zone: string): ZoneCalendar {
  const starts = cacheFor(dayStartCache, zone);
  const startOfDay = (days: number): number => {
    let instant = starts.get(days);
    if (instant === undefined) {
      if (starts.size >= CACHE_LIMIT_PER_ZONE) starts.clear();
      instant = resolveWallTime(zone, days, 0);
      starts.set(days, instant);
    }
    return instant;
  };
  const piecesOf = (days: number): DayPiece[] => {
    const start = startOfDay(days);
    const end = startOfDay(days + 1);
    // A day exactly 24 h long keeps one offset throughout (zones do not shift twice in a
    // day), so its readings are plain arithmetic from midnight; only transition days ask Luxon.
    if (end - start === DAY_MS) return [{ start, end, wall: 0 }];
    const cache = cacheFor(piecesCache, zone);
    let pieces = cache.get(days);
    if (!pieces) {
      if (cache.size >= CACHE_LIMIT_PER_ZONE) cache.clear();
      pieces = splitDay(zone, days, start, end);
      cache.set(days, pieces);
    }
    return pieces;
  };
  return {
    zone,
    startOfDay,
    toInstant(days, minutes) {
      for (const piece of piecesOf(days)) {
        const wallEnd = piece.wall + (piece.end - piece.start) / MINUTE_MS;
        if (minutes < wallEnd) return piece.start + Math.max(0, minutes - piece.wall) * MINUTE_MS;
      }
      return startOfDay(days + 1);
    },
    openIntervals(days, start, end) {
      const out: { start: number; end: number }[] = [];
      for (const piece of piecesOf(days)) {
        const from = Math.max(start, piece.wall);
        const to = Math.min(end, piece.wall + (piece.end - piece.start) / MINUTE_MS);
        if (from >= to) continue;
        const interval = { start: piece.start + (from - piece.wall) * MINUTE_MS, end: piece.start + (to - piece.wall) * MINUTE_MS };
        const last = out[out.length - 1];
        // Pieces meet at a transition: a range running through a gap or across the whole
        // repeated hour stays one interval, so its slots keep one grid.
        if (last && last.end === interval.start) last.end = interval.end;
        else out.push(interval);
      }
      return out;
    },
    // From the memoised day starts: the UTC date is within a day of the local one, so this
    // walks a step or two, and asks Luxon only for a day no earlier call has seen.
    dayOf(instant) {
      let day = Math.floor(instant / DAY_MS);
      while (startOfDay(day) > instant) day -= 1;
      while (startOfDay(day + 1) <= instant) day += 1;
      return day;
    },
  };
}

/**
 * Wall-clock readings by brute force, independent of the engine: every minute of a local date
 * read with Luxon. Test zones have whole-minute offsets and transitions, so a minute scan is
 * exact. Memoised per (zone, date): the property tests ask for the same days many times.
 */
import { DateTime } from 'luxon';

const MINUTE = 60_000;

export interface Minute {
  instant: number;
  /** Minutes since local midnight. */
  wall: number;
}

const cache = new Map<string, Minute[]>();

/** Every minute instant whose local date (in `zone`) is `date`, in order. */
export function minutesOf(zone: string, date: string): Minute[] {
  const key = `${zone}|${date}`;
  let out = cache.get(key);
  if (out) return out;
  out = [];
  // Local dates lie within UTC midnight −15 h … +39 h for every offset in use (−12 … +14). The
  // offset is read per hour, and per minute in an hour whose two ends disagree.
  const utcMidnight = DateTime.fromISO(date, { zone: 'UTC' }).toMillis();
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  for (let hour = utcMidnight - 15 * 3_600_000; hour < utcMidnight + 39 * 3_600_000; hour += 3_600_000) {
    const steady = offset(hour) === offset(hour + 3_600_000 - MINUTE) ? offset(hour) : null;
    for (let t = hour; t < hour + 3_600_000; t += MINUTE) {
      const local = t + (steady ?? offset(t)) * MINUTE;
      const wall = Math.round((local - utcMidnight) / MINUTE);
      if (wall >= 0 && wall < 1440) out.push({ instant: t, wall });
    }
  }
  cache.set(key, out);
  return out;
}

export const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const segmentCache = new Map<string, { instant: number; wall: number; minutes: number }[]>();

/** The date's minutes cut where the reading does not advance by exactly one minute. */
function segmentsOf(zone: string, date: string) {
  const key = `${zone}|${date}`;
  let segments = segmentCache.get(key);
  if (segments) return segments;
  segments = [];
  for (const m of minutesOf(zone, date)) {
    const last = segments[segments.length - 1];
    if (last && last.instant + last.minutes * MINUTE === m.instant && last.wall + last.minutes === m.wall) last.minutes++;
    else segments.push({ instant: m.instant, wall: m.wall, minutes: 1 });
  }
  segmentCache.set(key, segments);
  return segments;
}

/**
 * The instants of `date` whose reading lies in [start, end): maximal runs of consecutive
 * minutes, as half-open [start, end) intervals.
 */
export function openRuns(zone: string, date: string, range: { start: string; end: string }): { start: number; end: number }[] {
  const from = toMinutes(range.start);
  const to = toMinutes(range.end);
  const runs: { start: number; end: number }[] = [];
  for (const seg of segmentsOf(zone, date)) {
    const a = Math.max(from, seg.wall);
    const b = Math.min(to, seg.wall + seg.minutes);
    if (a >= b) continue;
    const run = { start: seg.instant + (a - seg.wall) * MINUTE, end: seg.instant + (b - seg.wall) * MINUTE };
    const last = runs[runs.length - 1];
    if (last && last.end === run.start) last.end = run.end;
    else runs.push(run);
  }
  return runs;
}

/** Local dates (YYYY-MM-DD) in [from, to] whose length in `zone` is not 24 hours. */
export function transitionDays(zone: string, from: string, to: string): string[] {
  const out: string[] = [];
  // Each date's start on its own: a skipped midnight starts the day at 01:00, and adding a day
  // to that instant would land on the next 01:00, hiding the short day.
  const startOf = (date: string) => DateTime.fromISO(date, { zone }).startOf('day');
  for (let date = from; date <= to; date = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!) {
    const next = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
    if (startOf(next).toMillis() - startOf(date).toMillis() !== 86_400_000) out.push(date);
  }
  return out;
}

import { DateTime } from 'luxon';
import { isId } from '@/lib/ids';
import { isSupportedLocalDate, MAX_LOCAL_DATE, MIN_LOCAL_DATE } from '@/lib/time';

type CalendarView = 'day' | 'week';

export interface CalendarQuery {
  view: CalendarView;
  /** YYYY-MM-DD in the organization's zone. */
  date: string;
  /** The week view's one resource (`?resource=`); the page falls back to the first. */
  resource?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * `?view=day|week&date=YYYY-MM-DD`; anything else, or a date outside the years the app handles
 * (0000-01-01, 9999-12-31), falls back to this week / today in `zone`.
 */
export function parseCalendarQuery(params: SearchParams, zone: string, now: Date): CalendarQuery {
  const view = one(params.view) === 'day' ? 'day' : 'week';
  const raw = one(params.date) ?? '';
  const date = isSupportedLocalDate(raw) && DateTime.fromISO(raw, { zone }).isValid ? raw : DateTime.fromJSDate(now, { zone }).toISODate()!;
  const resource = one(params.resource);
  return { view, date, ...(resource && isId('resource', resource) ? { resource } : {}) };
}

const clamp = (date: string) => (date < MIN_LOCAL_DATE ? MIN_LOCAL_DATE : date > MAX_LOCAL_DATE ? MAX_LOCAL_DATE : date);

/** First and last local day shown: the day, or Monday–Sunday of its week (kept within the supported dates). */
export function visibleRange(q: CalendarQuery): { from: string; to: string } {
  const d = DateTime.fromISO(q.date, { zone: 'UTC' });
  if (q.view === 'day') return { from: q.date, to: q.date };
  const start = d.startOf('week');
  return { from: clamp(start.toISODate()!), to: clamp(start.plus({ days: 6 }).toISODate()!) };
}

/** The previous or next day or week; never past the supported dates. */
export function shift(q: CalendarQuery, direction: -1 | 1): string {
  return clamp(
    DateTime.fromISO(q.date, { zone: 'UTC' })
      .plus(q.view === 'day' ? { days: direction } : { weeks: direction })
      .toISODate()!,
  );
}

export const calendarHref = (base: string, q: CalendarQuery) =>
  `${base}/calendar?view=${q.view}&date=${q.date}${q.resource ? `&resource=${encodeURIComponent(q.resource)}` : ''}`;

/**
 * The hours the grid shows: from the earliest opening to the latest closing of the week (whole
 * hours), stretched to any booking shown outside them; 07:00–20:00 when no hours are set.
 */
export function gridHours(weekly: { ranges: { start: string; end: string }[] }[], bookings: { start: string; end: string }[], zone: string): { min: number; max: number } {
  const ranges = weekly.flatMap((d) => d.ranges);
  let min = ranges.length ? Math.min(...ranges.map((r) => Number(r.start.slice(0, 2)))) : 7;
  let max = ranges.length ? Math.max(...ranges.map((r) => Math.ceil(Number(r.end.slice(0, 2)) + Number(r.end.slice(3, 5)) / 60))) : 20;
  for (const b of bookings) {
    const start = DateTime.fromISO(b.start, { zone });
    const end = DateTime.fromISO(b.end, { zone });
    min = Math.min(min, start.hour);
    // A booking that runs past midnight fills the rest of its first day.
    max = Math.max(max, end.hasSame(start, 'day') ? Math.ceil(end.hour + end.minute / 60) : 24);
  }
  return { min: Math.max(0, Math.min(min, 23)), max: Math.min(24, Math.max(max, min + 1)) };
}

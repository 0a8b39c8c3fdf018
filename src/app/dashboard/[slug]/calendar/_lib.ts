import { DateTime } from 'luxon';
import { isSupportedLocalDate, MAX_LOCAL_DATE, MIN_LOCAL_DATE } from '@/lib/time';

type CalendarView = 'day' | 'week';

export interface CalendarQuery {
  view: CalendarView;
  /** YYYY-MM-DD in the organization's zone. */
  date: string;
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
  return { view, date };
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

export const calendarHref = (base: string, q: CalendarQuery) => `${base}/calendar?view=${q.view}&date=${q.date}`;

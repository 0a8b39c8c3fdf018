import { DateTime } from 'luxon';

type CalendarView = 'day' | 'week';

export interface CalendarQuery {
  view: CalendarView;
  /** YYYY-MM-DD in the organization's zone. */
  date: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?view=day|week&date=YYYY-MM-DD`; anything else falls back to this week / today in `zone`. */
export function parseCalendarQuery(params: SearchParams, zone: string, now: Date): CalendarQuery {
  const view = one(params.view) === 'day' ? 'day' : 'week';
  const raw = one(params.date) ?? '';
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? DateTime.fromISO(raw, { zone }) : null;
  const date = parsed?.isValid ? raw : DateTime.fromJSDate(now, { zone }).toISODate()!;
  return { view, date };
}

/** First and last local day shown: the day, or Monday–Sunday of its week. */
export function visibleRange(q: CalendarQuery): { from: string; to: string } {
  const d = DateTime.fromISO(q.date);
  if (q.view === 'day') return { from: q.date, to: q.date };
  const start = d.startOf('week');
  return { from: start.toISODate()!, to: start.plus({ days: 6 }).toISODate()! };
}

export function shift(q: CalendarQuery, direction: -1 | 1): string {
  return DateTime.fromISO(q.date)
    .plus(q.view === 'day' ? { days: direction } : { weeks: direction })
    .toISODate()!;
}

export const calendarHref = (base: string, q: CalendarQuery) => `${base}/calendar?view=${q.view}&date=${q.date}`;

/**
 * Wall-clock helpers for schedules: "HH:MM" times (24:00 allowed as an end), weekly hours
 * grouped by ISO weekday, and the local date of an instant in an IANA zone. Pure, no I/O.
 */
import type { LocalTimeRange } from '@/db/schema';

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const weekdays: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface WeeklyHours {
  weekday: Weekday;
  ranges: LocalTimeRange[];
}

/** Minutes since midnight of "HH:MM" (or the database's "HH:MM:SS"); 24:00 → 1440. */
export function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The `time` column holds "HH:MM:SS"; the API speaks "HH:MM". PostgreSQL stores 24:00 as 24:00:00. */
export const fromDbTime = (time: string): string => time.slice(0, 5);
export const toDbTime = (time: string): string => `${time}:00`;

/** Index pairs (i, j) of ranges that overlap; touching ranges (12:00–14:00, 14:00–18:00) do not. */
export function overlappingRange(ranges: readonly LocalTimeRange[]): { index: number; other: number } | null {
  const order = ranges.map((r, i) => ({ start: toMinutes(r.start), end: toMinutes(r.end), i })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (cur.start < prev.end) return { index: Math.max(cur.i, prev.i), other: Math.min(cur.i, prev.i) };
  }
  return null;
}

const byStart = (a: LocalTimeRange, b: LocalTimeRange) => toMinutes(a.start) - toMinutes(b.start);

/** All seven weekdays in order (closed days have no ranges), from working_hours rows. */
export function groupWeekly(rows: readonly { weekday: number; startTime: string; endTime: string }[]): WeeklyHours[] {
  const days = weekdays.map((weekday) => ({ weekday, ranges: [] as LocalTimeRange[] }));
  for (const row of rows) days[row.weekday - 1]?.ranges.push({ start: fromDbTime(row.startTime), end: fromDbTime(row.endTime) });
  for (const day of days) day.ranges.sort(byStart);
  return days;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD" of `instant` as a wall calendar in `timezone` shows it. */
export function localDate(instant: Date, timezone: string): string {
  let format = dateFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timezone, format);
  }
  return format.format(instant);
}

/** Adds whole days to a "YYYY-MM-DD" date (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** True for a real calendar date "YYYY-MM-DD" (rejects 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

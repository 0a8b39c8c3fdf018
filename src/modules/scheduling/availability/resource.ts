/** A resource's input, validated once and turned into per-day working ranges in minutes. */
import { assertTimeZone, isoWeekday, parseLocalDate, parseLocalTime, zoneCalendar, type ZoneCalendar } from './calendar';
import type { ResourceAvailabilityInput, TimeRange } from './types';
import { checkInteger, checkInterval, isInterval } from './validate';

/** Minutes since local midnight: 0 <= start < end <= 1440. */
export interface MinuteRange {
  start: number;
  end: number;
}

export interface CompiledResource {
  id: string;
  calendar: ZoneCalendar;
  capacity: number;
  input: ResourceAvailabilityInput;
  /** Working ranges of a local date, sorted by start: its override if any, else its weekday's. */
  rangesOn(days: number): readonly MinuteRange[];
}

const NO_RANGES: readonly MinuteRange[] = [];

function compileRanges(ranges: readonly TimeRange[], what: string, into: MinuteRange[]): void {
  if (!Array.isArray(ranges)) throw new RangeError(`${what}: expected an array of ranges`);
  ranges.forEach((range, i) => {
    const start = parseLocalTime(range.start, `${what}[${i}].start`);
    const end = parseLocalTime(range.end, `${what}[${i}].end`);
    if (end <= start) throw new RangeError(`${what}[${i}]: end ${range.end} must be after start ${range.start}`);
    into.push({ start, end });
  });
}

const byStart = (a: MinuteRange, b: MinuteRange) => a.start - b.start || a.end - b.end;

export function compileResource(input: ResourceAvailabilityInput, index: number): CompiledResource {
  const what = `resources[${index}]`;
  if (typeof input.resourceId !== 'string' || input.resourceId === '') {
    throw new RangeError(`${what}.resourceId: expected a non-empty string`);
  }
  assertTimeZone(input.timezone, `${what}.timezone`);
  const capacity = checkInteger(input.capacity, `${what}.capacity`, 1);

  // Several entries for one weekday (or one date) add up: rows often arrive one range each.
  const weekly: MinuteRange[][] = Array.from({ length: 8 }, () => []);
  input.weekly.forEach((entry, i) => {
    const weekday = entry.weekday;
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new RangeError(`${what}.weekly[${i}].weekday: expected 1 (Monday) … 7 (Sunday), got ${String(weekday)}`);
    }
    compileRanges(entry.ranges, `${what}.weekly[${i}].ranges`, weekly[weekday]!);
  });
  for (const day of weekly) day.sort(byStart);

  const overrides = new Map<number, MinuteRange[]>();
  input.overrides.forEach((entry, i) => {
    const days = parseLocalDate(entry.date, `${what}.overrides[${i}].date`);
    let list = overrides.get(days);
    if (!list) overrides.set(days, (list = []));
    compileRanges(entry.ranges, `${what}.overrides[${i}].ranges`, list);
  });
  for (const list of overrides.values()) list.sort(byStart);

  // Tens of thousands of busy rows per query: test first, build the message only on failure.
  input.blackouts.forEach((b, i) => {
    if (!isInterval(b)) checkInterval(b, `${what}.blackouts[${i}]`);
  });
  input.busy.forEach((b, i) => {
    if (!isInterval(b)) checkInterval(b, `${what}.busy[${i}]`);
    if (b.seats !== null && !(Number.isInteger(b.seats) && b.seats >= 1)) checkInteger(b.seats, `${what}.busy[${i}].seats`, 1);
  });

  return {
    id: input.resourceId,
    calendar: zoneCalendar(input.timezone),
    capacity,
    input,
    rangesOn(days) {
      return overrides.get(days) ?? weekly[isoWeekday(days)] ?? NO_RANGES;
    },
  };
}

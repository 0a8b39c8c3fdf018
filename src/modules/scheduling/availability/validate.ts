/**
 * Cheap input checks. The engine is called with data from the database and from API input
 * alike; a RangeError naming the field beats a silently empty (or wrong) list of slots.
 */
import { assertTimeZone, parseLocalDate } from './calendar';
import type { AvailabilityWindow, Interval } from './types';

export function checkInteger(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${what}: expected an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

export function checkPositive(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what}: expected a finite number > 0, got ${String(value)}`);
  }
  return value;
}

export function checkInstant(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${what}: expected epoch milliseconds, got ${String(value)}`);
  }
  return value;
}

export function isInterval(interval: Interval): boolean {
  const { start, end } = interval;
  return typeof start === 'number' && typeof end === 'number' && Number.isFinite(start) && Number.isFinite(end) && end > start;
}

/** Throws the RangeError that explains why `interval` is not a valid [start, end). */
export function checkInterval(interval: Interval, what: string): void {
  checkInstant(interval.start, `${what}.start`);
  checkInstant(interval.end, `${what}.end`);
  if (interval.end <= interval.start) {
    throw new RangeError(`${what}: end (${interval.end}) must be after start (${interval.start})`);
  }
}

export interface CheckedWindow {
  fromDay: number;
  toDay: number;
  timezone: string;
  now: number;
}

export function checkWindow(window: AvailabilityWindow): CheckedWindow {
  assertTimeZone(window.timezone, 'window.timezone');
  const fromDay = parseLocalDate(window.from, 'window.from');
  const toDay = parseLocalDate(window.to, 'window.to');
  if (toDay < fromDay) throw new RangeError(`window: to (${window.to}) is before from (${window.from})`);
  return { fromDay, toDay, timezone: window.timezone, now: checkInstant(window.now, 'window.now') };
}

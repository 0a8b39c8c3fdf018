/**
 * Bounds on one availability answer. Work is counted in units, not timed, so the same input
 * always meets the same bound:
 * - a candidate: one start a resource's hours allow (free or taken) that the answer examines;
 * - a resource-day: one local date of one resource whose hours are read;
 * - a placement: one busy interval or blackout placed, plus each candidate grid it touches.
 * Answers are cut at day boundaries of the window's zone, so a page never splits a day and
 * `nextFrom` (the first date left out) is where the next page starts.
 */
import { civilFromDays } from './calendar';
import type { LocalDate } from './types';

export interface SlotLimits {
  /** Most candidates (one per resource and start the hours allow) one answer may examine;
   * whole days are left for the next page to stay within it. It also caps the answer's
   * (slot, resource) pairs, since every listed resource id is a free candidate. */
  maxCandidates?: number;
  /** Most slots in one answer; whole days are left for the next page to stay within it. */
  maxSlots?: number;
  /** Work units one answer may spend in all; past it the engine throws WorkLimitExceeded. */
  maxWork?: number;
}

/** Thrown when an answer cannot stay within its limits even with a single day. */
export class WorkLimitExceeded extends Error {
  override name = 'WorkLimitExceeded';
  constructor(
    /** 'work': the work budget; 'day': one day alone holds more than an answer may. */
    readonly reason: 'work' | 'day',
    readonly limit: number,
  ) {
    super(reason === 'work' ? `availability needs more than ${limit} work units` : `one day holds more than ${limit} candidates or slots`);
  }
}

/** Counts work units against a budget (Infinity: count only). */
export class WorkMeter {
  spent = 0;
  constructor(readonly limit: number = Infinity) {}

  charge(units: number): void {
    this.spent += units;
    if (this.spent > this.limit) throw new WorkLimitExceeded('work', this.limit);
  }
}

export function formatLocalDate(days: number): LocalDate {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The window's days that [lo, hi) touches, as edges: day j is [edges[j], edges[j + 1]), the
 * first clipped to lo and the last to hi; `firstDay` is day 0's epoch day.
 */
export interface DayEdges {
  firstDay: number;
  edges: number[];
}

export function dayEdges(startOfDay: (days: number) => number, dayOf: (instant: number) => number, lo: number, hi: number): DayEdges {
  const firstDay = dayOf(lo);
  const lastDay = dayOf(hi - 1);
  const edges = [lo];
  for (let day = firstDay + 1; day <= lastDay; day++) edges.push(startOfDay(day));
  edges.push(hi);
  return { firstDay, edges };
}

/** Index of the day holding `instant` (edges[0] <= instant < edges[last]). */
export function dayIndex(edges: readonly number[], instant: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= instant) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * How many leading days fit when day j costs perDay[j] and at most `limit` may be spent.
 * Throws when not even the first day fits.
 */
export function daysWithin(perDay: ArrayLike<number>, limit: number): number {
  let total = 0;
  for (let j = 0; j < perDay.length; j++) {
    total += perDay[j]!;
    if (total > limit) {
      if (j === 0) throw new WorkLimitExceeded('day', limit);
      return j;
    }
  }
  return perDay.length;
}

/**
 * Half-open interval helpers: pairwise overlap, sort/merge, and a union built once so each
 * probe costs a binary search instead of a scan of every booking.
 */
import type { Interval } from './types';

/** [a.start, a.end) and [b.start, b.end) share an instant; touching ends do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function compareIntervals(a: Interval, b: Interval): number {
  return a.start - b.start || a.end - b.end;
}

/** A sorted copy (by start, then end); the input is left alone. */
export function sortIntervals<T extends Interval>(intervals: readonly T[]): T[] {
  return intervals.slice().sort(compareIntervals);
}

/** Sorted, disjoint union; overlapping and touching intervals fuse, empty ones vanish. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  return IntervalSet.of(intervals).toArray();
}

/** Index of the first interval whose end is after `instant` in a sorted, disjoint list. */
export function firstEndingAfter(sortedDisjoint: readonly Interval[], instant: number): number {
  let lo = 0;
  let hi = sortedDisjoint.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedDisjoint[mid]!.end > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether `probe` overlaps any interval of a sorted, disjoint list (see mergeIntervals). */
export function overlapsAny(sortedDisjoint: readonly Interval[], probe: Interval): boolean {
  const hit = sortedDisjoint[firstEndingAfter(sortedDisjoint, probe.start)];
  return hit !== undefined && hit.start < probe.end;
}

/**
 * The union of many intervals, answering "does [start, end) overlap it?" in O(log n).
 * Built from starts and ends sorted separately: the union is where (#starts ≤ t) − (#ends ≤ t)
 * is positive, so pairing does not matter and both sorts are native numeric typed-array sorts,
 * several times faster than sorting objects with a comparator.
 */
export class IntervalSet {
  private constructor(
    private readonly starts: Float64Array,
    private readonly ends: Float64Array,
  ) {}

  static of(intervals: readonly Interval[]): IntervalSet {
    const starts = new Float64Array(intervals.length);
    const ends = new Float64Array(intervals.length);
    let n = 0;
    for (const { start, end } of intervals) {
      if (end <= start) continue;
      starts[n] = start;
      ends[n] = end;
      n++;
    }
    const s = starts.subarray(0, n).sort();
    const e = ends.subarray(0, n).sort();
    const us = new Float64Array(n);
    const ue = new Float64Array(n);
    let m = 0;
    let depth = 0;
    let open = 0;
    let j = 0;
    for (let i = 0; i < n; ) {
      // Starts win ties so touching intervals fuse instead of leaving an empty gap.
      if (s[i]! <= e[j]!) {
        if (depth++ === 0) open = s[i]!;
        i++;
      } else {
        if (--depth === 0) {
          us[m] = open;
          ue[m++] = e[j]!;
        }
        j++;
      }
    }
    if (depth > 0) {
      us[m] = open;
      ue[m++] = e[n - 1]!;
    }
    return new IntervalSet(us.subarray(0, m), ue.subarray(0, m));
  }

  overlaps(start: number, end: number): boolean {
    const ends = this.ends;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > start) hi = mid;
      else lo = mid + 1;
    }
    return lo < ends.length && this.starts[lo]! < end;
  }

  toArray(): Interval[] {
    return Array.from(this.starts, (start, i) => ({ start, end: this.ends[i]! }));
  }
}

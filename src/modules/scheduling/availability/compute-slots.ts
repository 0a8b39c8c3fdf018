/**
 * Bookable slots for a service across resources. Wall-clock hours become instants once per
 * range boundary; from there everything is arithmetic on epoch ms. Candidates form one grid per
 * working range; each busy interval or blackout finds the grids it touches by binary search and
 * marks the candidates it blocks in a difference array, and one sweep reads the survivors off:
 * O(candidates + busy · log ranges), with no sort of the bookings and no per-slot scan.
 */
import { DAY_MS, MINUTE_MS, zoneCalendar } from './calendar';
import { compileResource, type CompiledResource } from './resource';
import type { AvailabilityWindow, Interval, ResourceAvailabilityInput, ServiceParams, Slot } from './types';
import { checkInteger, checkPositive, checkWindow } from './validate';

interface CheckedService {
  duration: number;
  bufferBefore: number;
  bufferAfter: number;
  step: number;
  notice: number;
  horizon: number;
  capacity: number;
  seatsRequested: number;
}

function checkService(service: ServiceParams): CheckedService {
  return {
    duration: checkInteger(service.durationMinutes, 'service.durationMinutes', 1) * MINUTE_MS,
    bufferBefore: checkInteger(service.bufferBeforeMinutes, 'service.bufferBeforeMinutes', 0) * MINUTE_MS,
    bufferAfter: checkInteger(service.bufferAfterMinutes, 'service.bufferAfterMinutes', 0) * MINUTE_MS,
    step: checkInteger(service.slotIntervalMinutes, 'service.slotIntervalMinutes', 1) * MINUTE_MS,
    notice: checkInteger(service.minNoticeMinutes, 'service.minNoticeMinutes', 0) * MINUTE_MS,
    horizon: checkPositive(service.maxAdvanceDays, 'service.maxAdvanceDays') * DAY_MS,
    capacity: checkInteger(service.capacity, 'service.capacity', 1),
    seatsRequested: checkInteger(service.seatsRequested ?? 1, 'service.seatsRequested', 1),
  };
}

/** A working range's candidate starts: first + k·step for k in [0, count), at offset + k. */
interface Grid {
  first: number;
  last: number;
  count: number;
  offset: number;
}

/**
 * Candidate grids of one resource inside [lo, hi), sorted by first start. A range on local date
 * D lies within [start of D, start of D + 1], so only dates from the one holding `lo` to the one
 * holding the last instant before `hi` contribute; one day earlier covers a range end pushed
 * past midnight by a gap.
 */
function gridsOf(resource: CompiledResource, svc: CheckedService, lo: number, hi: number): Grid[] {
  const { calendar } = resource;
  const { duration, step } = svc;
  const grids: Grid[] = [];
  const lastDay = calendar.dayOf(hi - 1);
  for (let day = calendar.dayOf(lo) - 1; day <= lastDay; day++) {
    for (const range of resource.rangesOn(day)) {
      const rangeStart = calendar.toInstant(day, range.start);
      const rangeEnd = calendar.toInstant(day, range.end);
      // Clipping to `lo` keeps the range's own grid (rangeStart + k·step).
      const first = lo > rangeStart ? rangeStart + Math.ceil((lo - rangeStart) / step) * step : rangeStart;
      // Starts must stay below `hi` and leave the whole duration inside the range.
      const count = Math.min(Math.ceil((hi - first) / step), Math.floor((rangeEnd - duration - first) / step) + 1);
      if (count <= 0) continue;
      grids.push({ first, last: first + (count - 1) * step, count, offset: 0 });
    }
  }
  grids.sort((a, b) => a.first - b.first || a.last - b.last);
  let offset = 0;
  for (const grid of grids) {
    grid.offset = offset;
    offset += grid.count;
  }
  return grids;
}

interface GridIndex {
  grids: Grid[];
  firsts: Float64Array;
  /** maxLast[i] = the latest start among grids 0..i. */
  maxLast: Float64Array;
}

/**
 * Adds `weight` (in difference-array form) to every candidate start s with low < s < high.
 * A candidate's blocked interval [s − before, s + duration + after) overlaps a busy [b0, b1)
 * exactly when b0 − duration − after < s < b1 + before, which is how callers pick low and high.
 * Each busy interval costs a binary search over the grids plus the grids it actually touches,
 * so no candidate ever scans the bookings.
 */
function markOverlaps(index: GridIndex, step: number, diff: Float64Array, low: number, high: number, weight: number): void {
  const { grids, firsts, maxLast } = index;
  // Grids [0, lo) are those whose first start is below `high`.
  let lo = 0;
  let hi = firsts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (firsts[mid]! < high) lo = mid + 1;
    else hi = mid;
  }
  // maxLast is a prefix maximum, so once it falls to `low` no earlier grid can be touched
  // (even when ranges of one day overlap each other).
  for (let i = lo - 1; i >= 0 && maxLast[i]! > low; i--) {
    const grid = grids[i]!;
    const from = Math.max(0, Math.floor((low - grid.first) / step) + 1);
    const to = Math.min(grid.count - 1, Math.ceil((high - grid.first) / step) - 1);
    if (from > to) continue;
    diff[grid.offset + from]! += weight;
    diff[grid.offset + to + 1]! -= weight;
  }
}

interface Merged {
  resourceIds: string[];
  remaining: number;
}

/** Adds one resource's free candidates to `merged`, keyed by start. */
function collect(resource: CompiledResource, svc: CheckedService, lo: number, hi: number, merged: Map<number, Merged>): void {
  const cap = Math.min(svc.capacity, resource.capacity);
  if (cap < svc.seatsRequested) return;
  const grids = gridsOf(resource, svc, lo, hi);
  if (grids.length === 0) return;
  const total = grids[grids.length - 1]!.offset + grids[grids.length - 1]!.count;
  const index: GridIndex = { grids, firsts: new Float64Array(grids.length), maxLast: new Float64Array(grids.length) };
  grids.forEach((grid, i) => {
    index.firsts[i] = grid.first;
    index.maxLast[i] = Math.max(grid.last, i > 0 ? index.maxLast[i - 1]! : -Infinity);
  });

  const { duration, step, bufferBefore, bufferAfter } = svc;
  const exclusive = cap === 1;
  const blocked = new Float64Array(total + 1);
  const seats = exclusive ? blocked : new Float64Array(total + 1);
  const block = (x: Interval) => markOverlaps(index, step, blocked, x.start - duration - bufferAfter, x.end + bufferBefore, 1);
  for (const x of resource.input.blackouts) block(x);
  for (const x of resource.input.busy) {
    if (exclusive || x.seats === null) block(x);
    else markOverlaps(index, step, seats, x.start - duration - bufferAfter, x.end + bufferBefore, x.seats);
  }

  const id = resource.id;
  let fullBlocks = 0;
  let seatsHeld = 0;
  for (const grid of grids) {
    for (let k = 0, at = grid.offset; k < grid.count; k++, at++) {
      fullBlocks += blocked[at]!;
      if (!exclusive) seatsHeld += seats[at]!;
      if (fullBlocks > 0) continue;
      const remaining = exclusive ? 1 : cap - seatsHeld;
      if (remaining < svc.seatsRequested) continue;
      const start = grid.first + k * step;
      const slot = merged.get(start);
      if (!slot) merged.set(start, { resourceIds: [resource.id], remaining });
      // Overlapping ranges of one resource can propose the same start twice; count it once.
      else if (slot.resourceIds[slot.resourceIds.length - 1] !== id) {
        slot.resourceIds.push(id);
        slot.remaining += remaining;
      }
    }
  }
}

/**
 * Slots bookable in `window` (dates in window.timezone, `to` inclusive), merged across
 * resources: one slot per (start, end) with the free resources' ids (ascending) and their
 * summed remaining seats, sorted by start then end. Throws RangeError on malformed input.
 */
export function computeSlots(service: ServiceParams, resources: readonly ResourceAvailabilityInput[], window: AvailabilityWindow): Slot[] {
  const svc = checkService(service);
  const win = checkWindow(window);
  const compiled = resources.map(compileResource);
  // Code-unit order, not localeCompare: ids must sort the same under every locale.
  compiled.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < compiled.length; i++) {
    if (compiled[i]!.id === compiled[i - 1]!.id) throw new RangeError(`resources: duplicate resourceId ${JSON.stringify(compiled[i]!.id)}`);
  }

  const windowZone = zoneCalendar(win.timezone);
  const lo = Math.max(windowZone.startOfDay(win.fromDay), win.now + svc.notice);
  const hi = Math.min(windowZone.startOfDay(win.toDay + 1), win.now + svc.horizon);
  if (lo >= hi) return [];

  const merged = new Map<number, Merged>();
  for (const resource of compiled) collect(resource, svc, lo, hi, merged);

  // Every slot lasts `duration`, so (start, end) is keyed by start alone.
  const starts = Float64Array.from(merged.keys()).sort();
  return Array.from(starts, (start) => {
    const slot = merged.get(start)!;
    return { start, end: start + svc.duration, resourceIds: slot.resourceIds, remaining: slot.remaining };
  });
}

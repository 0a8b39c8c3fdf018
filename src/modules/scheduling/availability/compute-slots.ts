/**
 * Bookable slots for a service across resources. Wall-clock hours become instants once per
 * range boundary; from there everything is arithmetic on epoch ms. Candidates form one grid per
 * open interval of a working range; each busy interval or blackout finds the grids it touches by
 * binary search and marks the candidates it blocks in a difference array, and one sweep reads
 * the survivors off: O(candidates + busy · log ranges), with no sort of the bookings and no
 * per-slot scan. Resources' free starts stay in typed arrays until one sort merges them, so
 * "any resource" never builds an object per (slot, resource).
 */
import { DAY_MS, MINUTE_MS, zoneCalendar } from './calendar';
import { dayEdges, dayIndex, daysWithin, formatLocalDate, type SlotLimits, WorkLimitExceeded, WorkMeter } from './limits';
import { compileResource, type CompiledResource } from './resource';
import type { AvailabilityWindow, LocalDate, ResourceAvailabilityInput, ServiceParams, Slot } from './types';
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

/** An open interval's candidate starts: first + k·step for k in [0, count), at offset + k. */
interface Grid {
  first: number;
  last: number;
  count: number;
  offset: number;
}

/**
 * Candidate grids of one resource inside [lo, hi), sorted by first start. A range on local date
 * D lies within [start of D, start of D + 1] (calendar.openIntervals), so only dates from the
 * one holding `lo` to the one holding the last instant before `hi` contribute. Each date read
 * costs a work unit.
 */
function gridsOf(resource: CompiledResource, svc: CheckedService, lo: number, hi: number, meter: WorkMeter): Grid[] {
  const { calendar } = resource;
  const { duration, step } = svc;
  const grids: Grid[] = [];
  const lastDay = calendar.dayOf(hi - 1);
  for (let day = calendar.dayOf(lo) - 1; day <= lastDay; day++) {
    meter.charge(1);
    for (const range of resource.rangesOn(day)) {
      for (const open of calendar.openIntervals(day, range.start, range.end)) {
        // Clipping to `lo` keeps the interval's own grid (open.start + k·step).
        const first = lo > open.start ? open.start + Math.ceil((lo - open.start) / step) * step : open.start;
        // Starts must stay below `hi` and leave the whole duration inside the interval.
        const count = Math.min(Math.ceil((hi - first) / step), Math.floor((open.end - duration - first) / step) + 1);
        if (count <= 0) continue;
        grids.push({ first, last: first + (count - 1) * step, count, offset: 0 });
      }
    }
  }
  grids.sort((a, b) => a.first - b.first || a.last - b.last);
  return grids;
}

/** Keeps the candidates below `hi` and numbers them (offsets) in grid order. */
function clipGrids(grids: readonly Grid[], step: number, hi: number): Grid[] {
  const out: Grid[] = [];
  let offset = 0;
  for (const grid of grids) {
    const count = Math.min(grid.count, Math.ceil((hi - grid.first) / step));
    if (count <= 0) continue;
    out.push({ first: grid.first, last: grid.first + (count - 1) * step, count, offset });
    offset += count;
  }
  return out;
}

/** Adds each grid's candidates to the day (of `edges`) they start in. */
function countPerDay(grids: readonly Grid[], step: number, edges: readonly number[], perDay: Float64Array): void {
  for (const grid of grids) {
    let day = dayIndex(edges, grid.first);
    let k = 0;
    while (k < grid.count) {
      const dayEnd = edges[day + 1]!;
      // Candidates k … n−1 start before this day's end.
      const n = Math.min(grid.count, Math.ceil((dayEnd - grid.first) / step));
      perDay[day]! += n - k;
      k = n;
      day++;
    }
  }
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
 * Each busy interval costs a binary search over the grids plus the grids it actually touches
 * (a work unit each), so no candidate ever scans the bookings.
 */
function markOverlaps(index: GridIndex, step: number, diff: Float64Array, low: number, high: number, weight: number, meter: WorkMeter): void {
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
  let touched = 1;
  for (let i = lo - 1; i >= 0 && maxLast[i]! > low; i--) {
    touched++;
    const grid = grids[i]!;
    const from = Math.max(0, Math.floor((low - grid.first) / step) + 1);
    const to = Math.min(grid.count - 1, Math.ceil((high - grid.first) / step) - 1);
    if (from > to) continue;
    diff[grid.offset + from]! += weight;
    diff[grid.offset + to + 1]! -= weight;
  }
  meter.charge(touched);
}

/** One resource's free starts, ascending and distinct, with the seats left at each. */
interface FreeStarts {
  starts: Float64Array;
  remaining: Float64Array;
  length: number;
}

function freeStarts(resource: CompiledResource, cap: number, svc: CheckedService, grids: Grid[], meter: WorkMeter): FreeStarts {
  const total = grids.length === 0 ? 0 : grids[grids.length - 1]!.offset + grids[grids.length - 1]!.count;
  const starts = new Float64Array(total);
  const remainingAt = new Float64Array(total);
  if (total === 0) return { starts, remaining: remainingAt, length: 0 };
  const index: GridIndex = { grids, firsts: new Float64Array(grids.length), maxLast: new Float64Array(grids.length) };
  grids.forEach((grid, i) => {
    index.firsts[i] = grid.first;
    index.maxLast[i] = Math.max(grid.last, i > 0 ? index.maxLast[i - 1]! : -Infinity);
  });

  const { duration, step, bufferBefore, bufferAfter } = svc;
  const exclusive = cap === 1;
  const blocked = new Float64Array(total + 1);
  const seats = exclusive ? blocked : new Float64Array(total + 1);
  const block = (x: { start: number; end: number }) => markOverlaps(index, step, blocked, x.start - duration - bufferAfter, x.end + bufferBefore, 1, meter);
  for (const x of resource.input.blackouts) block(x);
  for (const x of resource.input.busy) {
    if (exclusive || x.seats === null) block(x);
    else markOverlaps(index, step, seats, x.start - duration - bufferAfter, x.end + bufferBefore, x.seats, meter);
  }

  let n = 0;
  let sorted = true;
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
      if (n > 0 && start <= starts[n - 1]!) sorted = false;
      starts[n] = start;
      remainingAt[n++] = remaining;
    }
  }
  if (sorted) return { starts, remaining: remainingAt, length: n };
  // Overlapping ranges of one resource (the engine accepts them) interleave their grids and
  // can propose one start twice: order them and count each start once.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  const s2 = new Float64Array(n);
  const r2 = new Float64Array(n);
  let m = 0;
  for (const i of order) {
    if (m > 0 && s2[m - 1] === starts[i]) continue;
    s2[m] = starts[i]!;
    r2[m++] = remainingAt[i]!;
  }
  return { starts: s2, remaining: r2, length: m };
}

/** Result of one bounded answer. */
export interface SlotPage {
  slots: Slot[];
  /** First date of the window (in its zone) this answer leaves out; null when it covers the window. */
  nextFrom: LocalDate | null;
  /** Work units spent (see limits.ts). */
  work: number;
}

/**
 * Slots bookable in `window` (dates in window.timezone, `to` inclusive), merged across
 * resources: one slot per (start, end) with the free resources' ids (ascending) and their
 * summed remaining seats, sorted by start then end. With limits, the answer covers as many
 * whole days from `from` as fit and names the next one; WorkLimitExceeded when not even one
 * day fits. Throws RangeError on malformed input.
 */
export function computeSlotPage(service: ServiceParams, resources: readonly ResourceAvailabilityInput[], window: AvailabilityWindow, limits: SlotLimits = {}): SlotPage {
  const svc = checkService(service);
  const win = checkWindow(window);
  const meter = new WorkMeter(limits.maxWork ?? Infinity);
  const compiled = resources.map(compileResource);
  // Code-unit order, not localeCompare: ids must sort the same under every locale.
  compiled.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < compiled.length; i++) {
    if (compiled[i]!.id === compiled[i - 1]!.id) throw new RangeError(`resources: duplicate resourceId ${JSON.stringify(compiled[i]!.id)}`);
  }

  const windowZone = zoneCalendar(win.timezone);
  const lo = Math.max(windowZone.startOfDay(win.fromDay), win.now + svc.notice);
  const hi = Math.min(windowZone.startOfDay(win.toDay + 1), win.now + svc.horizon);
  if (lo >= hi) return { slots: [], nextFrom: null, work: 0 };

  // 1. Plan: every resource's grids, and how many candidates each day of the window holds.
  const { firstDay, edges } = dayEdges(windowZone.startOfDay, windowZone.dayOf, lo, hi);
  const dayCount = edges.length - 1;
  const perDay = new Float64Array(dayCount);
  const planned = compiled
    .map((resource) => ({ resource, cap: Math.min(svc.capacity, resource.capacity) }))
    .filter((p) => p.cap >= svc.seatsRequested)
    .map((p) => {
      const grids = gridsOf(p.resource, svc, lo, hi, meter);
      countPerDay(grids, svc.step, edges, perDay);
      return { ...p, grids };
    });

  // 2. Keep the leading days whose candidates fit, and examine only those.
  let kept = daysWithin(perDay, limits.maxCandidates ?? Infinity);
  const cut = edges[kept]!;
  let candidates = 0;
  for (let j = 0; j < kept; j++) candidates += perDay[j]!;
  meter.charge(candidates);

  const lists: FreeStarts[] = [];
  let pairs = 0;
  for (const p of planned) {
    const free = freeStarts(p.resource, p.cap, svc, clipGrids(p.grids, svc.step, cut), meter);
    lists.push(free);
    pairs += free.length;
  }

  // 3. Merge: one sort of (start, resource) pairs, resources in id order within a start.
  const starts = new Float64Array(pairs);
  const owner = new Uint32Array(pairs);
  const remaining = new Float64Array(pairs);
  let at = 0;
  lists.forEach((list, r) => {
    starts.set(list.starts.subarray(0, list.length), at);
    remaining.set(list.remaining.subarray(0, list.length), at);
    owner.fill(r, at, at + list.length);
    at += list.length;
  });
  const order = Uint32Array.from({ length: pairs }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]! || owner[a]! - owner[b]!);

  const maxSlots = limits.maxSlots ?? Infinity;
  const slots: Slot[] = [];
  for (const i of order) {
    const start = starts[i]!;
    const last = slots[slots.length - 1];
    if (last && last.start === start) {
      last.resourceIds.push(planned[owner[i]!]!.resource.id);
      last.remaining += remaining[i]!;
      continue;
    }
    if (slots.length === maxSlots) {
      // One slot too many: leave this slot's day (and every later one) for the next page.
      const day = dayIndex(edges, start);
      if (day === 0) throw new WorkLimitExceeded('day', maxSlots);
      kept = day;
      while (slots.length > 0 && slots[slots.length - 1]!.start >= edges[day]!) slots.pop();
      break;
    }
    slots.push({ start, end: start + svc.duration, resourceIds: [planned[owner[i]!]!.resource.id], remaining: remaining[i]! });
  }
  return { slots, nextFrom: kept < dayCount ? formatLocalDate(firstDay + kept) : null, work: meter.spent };
}

/** Every slot of the window, without page limits (server-side checks of one exact slot). */
export function computeSlots(service: ServiceParams, resources: readonly ResourceAvailabilityInput[], window: AvailabilityWindow, limits: Pick<SlotLimits, 'maxWork'> = {}): Slot[] {
  return computeSlotPage(service, resources, window, { maxWork: limits.maxWork }).slots;
}

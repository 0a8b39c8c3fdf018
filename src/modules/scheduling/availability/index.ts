/**
 * scheduling/availability — the pure availability engine: schedules, overrides, blackouts and
 * busy intervals in; bookable slots (and multi-night stays) out. No I/O, no clock, no database:
 * `now` and every instant arrive as epoch ms. Invariants: wall-clock hours are read in each
 * resource's IANA zone, never the process zone; slots step in absolute time from each working
 * range's start (a range is the instants whose wall-clock reading lies in it, so DST gaps and
 * repeated hours never put a slot outside the posted hours); output is sorted by (start, end)
 * with no duplicates. Answers can be bounded (SlotLimits): whole days, `nextFrom` to continue,
 * WorkLimitExceeded past the work budget. Bad input → RangeError.
 */
export { computeSlotPage, computeSlots, type SlotPage } from './compute-slots';
export { type SlotLimits, WorkLimitExceeded } from './limits';
export { computeStayOptions, computeStayPage, type StayResource, type StaySettings } from './multi-day';
export { compareIntervals, firstEndingAfter, IntervalSet, mergeIntervals, overlaps, overlapsAny, sortIntervals } from './intervals';
export type {
  AvailabilityWindow,
  BusyInterval,
  DateOverride,
  Interval,
  LocalDate,
  LocalTime,
  ResourceAvailabilityInput,
  ServiceParams,
  Slot,
  StayOption,
  StayParams,
  TimeRange,
  Weekday,
  WeeklyHours,
} from './types';

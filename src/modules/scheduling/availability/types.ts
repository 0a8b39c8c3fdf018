/** Inputs and outputs of the availability engine. Instants are epoch milliseconds. */

export type LocalTime = string; // "HH:MM", 24h, "24:00" allowed as an end
export type LocalDate = string; // "YYYY-MM-DD"
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1 … Sunday = 7

/** end > start; no overnight ranges. */
export interface TimeRange {
  start: LocalTime;
  end: LocalTime;
}

/** Several ranges per day: lunch breaks are gaps. */
export interface WeeklyHours {
  weekday: Weekday;
  ranges: TimeRange[];
}

/** Replaces that date's weekly hours; [] = closed. */
export interface DateOverride {
  date: LocalDate;
  ranges: TimeRange[];
}

/** Epoch ms, half-open [start, end). */
export interface Interval {
  start: number;
  end: number;
}

/** Already includes that booking's buffers; null = blocks the resource entirely; n = a group booking holding n seats. */
export interface BusyInterval extends Interval {
  seats: number | null;
}

export interface ResourceAvailabilityInput {
  resourceId: string;
  /** IANA; wall-clock hours are in this zone. */
  timezone: string;
  weekly: WeeklyHours[];
  overrides: DateOverride[];
  /** Resource unavailable (holiday, maintenance), absolute instants. */
  blackouts: Interval[];
  /** Unsorted, may overlap. */
  busy: BusyInterval[];
  /** Seats this resource offers for a group service (1 for exclusive). */
  capacity: number;
}

export interface ServiceParams {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Slot starts step by this, from each working range's start. */
  slotIntervalMinutes: number;
  minNoticeMinutes: number;
  /** Booking horizon, in 24-hour periods from `now`. */
  maxAdvanceDays: number;
  /** 1 = exclusive; N = group/seats, bounded per resource by min(service.capacity, resource.capacity). */
  capacity: number;
  /** Default 1: a slot is offered only if remaining >= seatsRequested. */
  seatsRequested?: number;
}

/** from..to inclusive, as dates in `timezone`. */
export interface AvailabilityWindow {
  from: LocalDate;
  to: LocalDate;
  timezone: string;
  now: number;
}

export interface Slot {
  start: number;
  end: number;
  resourceIds: string[];
  remaining: number;
}

/** Assets booked by the night (residences, boats). */
export interface StayParams {
  checkInTime: LocalTime;
  checkOutTime: LocalTime;
  minNights: number;
  maxNights: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
}

export interface StayOption {
  start: number;
  end: number;
  nights: number;
  resourceIds: [string];
  remaining: 1;
}

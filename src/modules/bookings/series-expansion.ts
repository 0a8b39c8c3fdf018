/**
 * Expands a recurring reservation's rule (RFC 5545, the `rrule` library) into occurrence
 * instants. Pure: no clock, no database.
 *
 * The rule runs on FLOATING local date-times: rrule is handed the local wall clock as if it were
 * UTC and does no zone math at all; each local date-time it yields is then placed in the zone
 * by the scheduling module's zone calendar. So a weekly 09:00 in New York is 09:00 local on
 * both sides of a DST change (13:00Z in summer, 14:00Z in winter). A wall time that does not
 * exist on a date (a spring-forward gap) lands on the first instant after the gap, as working
 * hours do (modules/scheduling/availability/calendar.ts).
 *
 * Monthly by day follows RFC 5545: a month without that day (the 31st in April) has no
 * occurrence; "the last Friday" is bySetPos -1 with one weekday.
 */
import * as rruleModule from 'rrule';
import type { Options, Weekday as RWeekday } from 'rrule';
import { civilFromDays, daysFromCivil, zoneCalendar } from '@/modules/scheduling';

import { MAX_OCCURRENCES, type SeriesWeekday, type seriesFrequencies } from './schemas';

export { MAX_OCCURRENCES };

export interface RepeatRule {
  freq: (typeof seriesFrequencies)[number];
  /** Every N days / weeks / months. */
  interval: number;
  /** Weekly: the weekdays (default: the start's weekday). Monthly by weekday: exactly one, with bySetPos. */
  byWeekday?: SeriesWeekday[];
  /** Monthly by day of the month (1–31). */
  byMonthDay?: number;
  /** Monthly by weekday: the 1st–4th (1..4) or the last (-1) of byWeekday in the month. */
  bySetPos?: number;
  /** End after this many occurrences… */
  count?: number;
  /** …or on this local date (inclusive). */
  until?: string;
}

export interface SeriesStart {
  /** Local date and time of the first occurrence's start ("YYYY-MM-DD", "HH:MM"). */
  date: string;
  time: string;
  zone: string;
}

export interface Occurrence {
  /** The occurrence's local date. */
  date: string;
  /** Its start instant (epoch ms). */
  start: number;
}

/** More occurrences than a series may have: the caller answers 422. */
export class TooManyOccurrences extends Error {
  override name = 'TooManyOccurrences';
  constructor(readonly limit: number) {
    super(`a series has at most ${limit} occurrences`);
  }
}

// rrule 2.8 ships an ES module (bundlers) and a UMD bundle without named exports (Node's own
// loader): take the class from whichever this runtime loaded.
const RRule: typeof rruleModule.RRule = rruleModule.RRule ?? (rruleModule as unknown as { default: typeof rruleModule }).default.RRule;

const rruleDay: Record<SeriesWeekday, RWeekday> = { MO: RRule.MO, TU: RRule.TU, WE: RRule.WE, TH: RRule.TH, FR: RRule.FR, SA: RRule.SA, SU: RRule.SU };
const frequency = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** The rule's options without DTSTART (floating: rrule sees local times as UTC). */
function ruleOptions(rule: RepeatRule): Partial<Options> {
  const options: Partial<Options> = { freq: frequency[rule.freq], interval: rule.interval };
  if (rule.byWeekday?.length) {
    options.byweekday = rule.byWeekday.map((d) => rruleDay[d]);
  }
  if (rule.freq === 'monthly' && rule.byMonthDay !== undefined) options.bymonthday = rule.byMonthDay;
  if (rule.freq === 'monthly' && rule.bySetPos !== undefined) options.bysetpos = rule.bySetPos;
  if (rule.count !== undefined) options.count = rule.count;
  if (rule.until !== undefined) {
    const [y, m, d] = parts(rule.until);
    options.until = new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
  }
  return options;
}

/** The RRULE line stored with the series ("RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=6"); UNTIL is a floating local date-time. */
export function rruleText(rule: RepeatRule): string {
  return `RRULE:${RRule.optionsToString(ruleOptions(rule))
    .replace(/^RRULE:/, '')
    .replace(/(UNTIL=\d{8}T\d{6})Z/, '$1')}`;
}

/**
 * The occurrences of `rule` from `start`, in order, at most MAX_OCCURRENCES (more → TooManyOccurrences).
 * The first occurrence is the first date at or after the start that the rule matches.
 */
export function expandSeries(rule: RepeatRule, start: SeriesStart, limit = MAX_OCCURRENCES): Occurrence[] {
  const [y, m, d] = parts(start.date);
  const [hh, mm] = start.time.split(':').map(Number) as [number, number];
  const dtstart = new Date(Date.UTC(y, m - 1, d, hh, mm));
  const options = ruleOptions(rule);
  // A weekly rule without weekdays repeats on the start's weekday (rrule's default too).
  const rrule = new RRule({ ...options, dtstart });
  const floating = rrule.all((_date, i) => i <= limit);
  if (floating.length > limit) throw new TooManyOccurrences(limit);
  const calendar = zoneCalendar(start.zone);
  const minutes = hh * 60 + mm;
  return floating.map((f) => {
    const days = daysFromCivil(f.getUTCFullYear(), f.getUTCMonth() + 1, f.getUTCDate());
    return { date: localDate(days), start: calendar.toInstant(days, minutes) };
  });
}

/** A stay's check-out for an occurrence: `dayOffset` days after its date, at `time` local. */
export function occurrenceEnd(occurrenceDate: string, dayOffset: number, time: string, zone: string): number {
  const [y, m, d] = parts(occurrenceDate);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return zoneCalendar(zone).toInstant(daysFromCivil(y, m, d) + dayOffset, hh * 60 + mm);
}

function localDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

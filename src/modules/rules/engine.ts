/**
 * The booking-rules engine: pure and transport-free, like the availability engine. Rules, the
 * request, who books and their bookings in; a decision with one result per rule out, each with
 * its reason in English and Spanish. No I/O, no clock: `now` and every instant are epoch ms, and
 * local dates are read in the organization's zone.
 *
 * Verdict: any applicable, failed, non-exempt deny rule → deny; else any such approval rule →
 * approval; else allow (failed warn rules ride along as warnings). A rule that does not apply
 * (another scope, tier or action) passes and says why, so the dry run lists every rule.
 *
 * Counting conventions:
 *  - a quota counts the member's bookings whose start falls in the period (day, ISO week,
 *    month, year, in local time) that contains the request's start, in the rule's `per` scope,
 *    plus the request; with `peak` or `weekdays`, only bookings starting on those dates count,
 *    and a request outside them is not counted (the rule does not apply).
 *  - nights are local dates crossed (a stay from Friday 15:00 to Sunday 11:00 is 2 nights);
 *    days are local dates touched.
 *  - max_consecutive joins the request with the member's bookings of the same resource that
 *    touch it (nights: the next starts on the day the previous ends; days: on that day or the
 *    next), and measures the whole run.
 *  - lead_time `create` rules also bind the new time of a change (what could not be booked
 *    cannot be moved to); `change` and `cancel` rules measure notice before the booking's
 *    current start.
 */
import type { RuleKind, RuleOutcome, RuleScope } from '@/db/enums';
import { civilFromDays, daysFromCivil, isoWeekday, zoneCalendar } from '@/modules/scheduling';
import { describe, type Localized, type ReasonCode } from './reasons';
import type { RuleParams } from './schemas';

export type RuleAction = 'create' | 'change' | 'cancel';

export interface RuleDef<K extends RuleKind = RuleKind> {
  id: string;
  name: string;
  /** The name in other content languages (missing: the base name). */
  names?: Partial<Localized>;
  kind: K;
  params: RuleParams[K];
  scope: RuleScope;
  section: string | null;
  resourceId: string | null;
  /** Applies only to members of this tier; null: to everyone who books. */
  tierId: string | null;
  outcome: RuleOutcome;
  adminsExempt: boolean;
}

export interface TierInfo {
  id: string;
  name: string;
  names?: Partial<Localized>;
}

/** Who books: a guest, or a member (their tier), and whether they act as an owner or admin. */
export interface Booker {
  member: boolean;
  tierId: string | null;
  isAdmin: boolean;
}

export interface RuleRequest {
  action: RuleAction;
  resourceId: string;
  resourceName: string;
  /** The resource's name in other content languages (reasons name it in the reader's language). */
  resourceNames?: Partial<Localized>;
  section: string | null;
  start: number;
  end: number;
  /** A change or cancellation: the booking's current start (notice is measured to it). */
  currentStart?: number;
  zone: string;
  now: number;
}

/** One of the booker's bookings that still counts (not cancelled, rejected or a no-show). */
export interface CountedBooking {
  id: string;
  resourceId: string;
  section: string | null;
  start: number;
  end: number;
}

export interface RuleInput {
  request: RuleRequest;
  booker: Booker;
  /** The booker's bookings (without the one being changed); guests have none on record here. */
  bookings: readonly CountedBooking[];
  tiers: readonly TierInfo[];
}

export interface RuleResult {
  ruleId: string;
  ruleName: Localized;
  kind: RuleKind;
  outcome: RuleOutcome;
  /** The rule concerns this request (scope, tier, action). */
  applies: boolean;
  /** The request satisfies it (or it does not apply, or the booker is exempt). */
  passed: boolean;
  exempt: boolean;
  code: ReasonCode;
  values: Record<string, string | number>;
  reason: Localized;
}

export type Verdict = 'allow' | 'approval' | 'deny';

export interface Decision {
  verdict: Verdict;
  results: RuleResult[];
}

export function evaluateRules(rules: readonly RuleDef[], input: RuleInput): Decision {
  const clock = localClock(input.request.zone);
  const days = bookingDays(input.bookings, clock);
  const results = rules.map((rule) => evaluateRule(rule, input, clock, days));
  const failed = (o: RuleOutcome) => results.some((r) => !r.passed && r.outcome === o);
  return { verdict: failed('deny') ? 'deny' : failed('approval') ? 'approval' : 'allow', results };
}

// ─── One rule ────────────────────────────────────────────────────────────────────────────────

type Check = { passed: boolean; code: ReasonCode; values: Record<string, string | number> };

function evaluateRule(rule: RuleDef, input: RuleInput, clock: LocalClock, days: BookingDays): RuleResult {
  const tier = rule.tierId ? input.tiers.find((t) => t.id === rule.tierId) : undefined;
  const base = { ruleId: rule.id, ruleName: localize(rule.name, rule.names), kind: rule.kind, outcome: rule.outcome };
  const finish = (applies: boolean, exempt: boolean, check: Check): RuleResult => {
    const { tiers_es: tiersEs, ...own } = check.values;
    const values = { ...own, resource: input.request.resourceName, ...(tier ? { tier: tier.name } : {}) };
    const tierNames = tier ? localize(tier.name, tier.names) : null;
    // Names in the reader's language: the resource's and the tiers' translations where given.
    const resourceEs = input.request.resourceNames?.es || input.request.resourceName;
    const valuesEs = { ...values, resource: resourceEs, ...(tiersEs !== undefined ? { tiers: tiersEs } : {}) };
    return {
      ...base,
      applies,
      passed: check.passed,
      exempt,
      code: check.code,
      values,
      reason: { en: describe(check.code, values, tierNames).en, es: describe(check.code, valuesEs, tierNames).es },
    };
  };
  const notApplicable = appliesTo(rule, input);
  if (notApplicable) return finish(false, false, { passed: true, code: notApplicable, values: {} });
  const check = checkRule(rule, input, clock, days);
  if (!check.passed && rule.adminsExempt && input.booker.isAdmin) {
    return finish(true, true, { passed: true, code: 'exempt', values: { because: check.code } });
  }
  return finish(true, false, check);
}

/** Null when the rule concerns the request; otherwise the reason it does not. */
function appliesTo(rule: RuleDef, { request, booker }: RuleInput): ReasonCode | null {
  if (rule.scope === 'resource' && rule.resourceId !== request.resourceId) return 'other_resource';
  if (rule.scope === 'section' && rule.section !== request.section) return 'other_section';
  if (rule.tierId && (!booker.member || booker.tierId !== rule.tierId)) return 'other_tier';
  if (rule.kind === 'lead_time') {
    const action = (rule.params as RuleParams['lead_time']).action;
    // A change is also held to the creation notice for its new time.
    if (action !== request.action && !(action === 'create' && request.action === 'change')) return 'other_action';
  } else if (request.action === 'cancel') {
    return 'other_action';
  }
  return null;
}

function checkRule(rule: RuleDef, input: RuleInput, clock: LocalClock, days: BookingDays): Check {
  const { request } = input;
  switch (rule.kind) {
    case 'blackout': {
      const p = rule.params as RuleParams['blackout'];
      const from = clock.startOfDay(parseDay(p.from));
      const to = clock.startOfDay(parseDay(p.to) + 1);
      const passed = !(request.start < to && from < request.end);
      return { passed, code: passed ? 'blackout_ok' : 'blackout', values: { from: p.from, to: p.to, reason: p.reason } };
    }
    case 'lead_time': {
      const p = rule.params as RuleParams['lead_time'];
      const measured = p.action === 'create' ? request.start : (request.currentStart ?? request.start);
      const hours = (measured - request.now) / 3_600_000;
      if (p.minHours !== undefined && hours < p.minHours) {
        return { passed: false, code: `lead_min_${p.action}`, values: { min: p.minHours, hours: round1(Math.max(0, hours)) } };
      }
      if (p.maxDays !== undefined && hours > p.maxDays * 24) {
        return { passed: false, code: 'lead_max', values: { max: p.maxDays, days: round1(hours / 24) } };
      }
      return { passed: true, code: 'lead_ok', values: { min: p.minHours ?? 0, max: p.maxDays ?? 0 } };
    }
    case 'duration': {
      const p = rule.params as RuleParams['duration'];
      const minutes = Math.round((request.end - request.start) / 60_000);
      if (p.minMinutes !== undefined && minutes < p.minMinutes) return { passed: false, code: 'duration_min', values: { min: p.minMinutes, asked: minutes } };
      if (p.maxMinutes !== undefined && minutes > p.maxMinutes) return { passed: false, code: 'duration_max', values: { max: p.maxMinutes, asked: minutes } };
      return { passed: true, code: 'duration_ok', values: { asked: minutes } };
    }
    case 'max_consecutive': {
      const p = rule.params as RuleParams['max_consecutive'];
      const run = consecutiveRun(request, days.runsOf(request.resourceId), clock, p.unit);
      const passed = run <= p.max;
      return { passed, code: passed ? `consecutive_ok_${p.unit}` : `consecutive_${p.unit}`, values: { max: p.max, asked: run } };
    }
    case 'min_gap': {
      const p = rule.params as RuleParams['min_gap'];
      const gapMs = p.hours * 3_600_000;
      let nearest: CountedBooking | null = null;
      let nearestGap = Infinity;
      for (const b of input.bookings) {
        if (!inPer(p.per, b, request)) continue;
        const gap = Math.max(b.start - request.end, request.start - b.end);
        if (gap < gapMs && gap < nearestGap) {
          nearest = b;
          nearestGap = gap;
        }
      }
      if (!nearest) return { passed: true, code: 'gap_ok', values: { hours: p.hours } };
      return { passed: false, code: `gap_${p.per}`, values: { hours: p.hours, other: clock.dateText(nearest.start) } };
    }
    case 'quota':
      return checkQuota(rule.params as RuleParams['quota'], input, clock, days);
    case 'max_upcoming': {
      const p = rule.params as RuleParams['max_upcoming'];
      const count = input.bookings.filter((b) => b.end > request.now && inPer(p.per, b, request)).length + 1;
      const passed = count <= p.limit;
      return { passed, code: passed ? 'upcoming_ok' : 'upcoming', values: { limit: p.limit, count } };
    }
    case 'tier_only': {
      const p = rule.params as RuleParams['tier_only'];
      const named = (locale: keyof Localized) =>
        p.tierIds.map((id) => {
          const t = input.tiers.find((x) => x.id === id);
          return (locale === 'es' && t?.names?.es) || t?.name || id;
        });
      const names = { tiers: named('en').join(', '), tiers_es: named('es').join(', ') };
      if (!input.booker.member) return { passed: false, code: 'tier_only_guest', values: names };
      const passed = input.booker.tierId !== null && p.tierIds.includes(input.booker.tierId);
      return { passed, code: passed ? 'tier_only_ok' : 'tier_only', values: names };
    }
  }
}

function checkQuota(p: RuleParams['quota'], { request, bookings }: RuleInput, clock: LocalClock, days: BookingDays): Check {
  const values = { limit: p.limit, period: p.period, unit: p.unit };
  const counts = (day: number) => {
    if (p.weekdays && p.weekdays.length > 0 && !p.weekdays.includes(isoWeekday(day))) return false;
    if (p.peak && p.peak.length > 0 && !p.peak.some((range) => inSeason(day, range))) return false;
    return true;
  };
  if (!counts(clock.dayOf(request.start))) return { passed: true, code: 'quota_off_peak', values };
  const [from, to] = periodOf(clock.dayOf(request.start), p.period);
  const lo = clock.startOfDay(from);
  const hi = clock.startOfDay(to);
  const filtered = (p.weekdays && p.weekdays.length > 0) || (p.peak && p.peak.length > 0);
  let used = 0;
  for (let i = 0; i < bookings.length; i++) {
    const b = bookings[i]!;
    if (b.start < lo || b.start >= hi || !inPer(p.per, b, request) || (filtered && !counts(days.startDay(i)))) continue;
    used += p.unit === 'reservations' ? 1 : p.unit === 'hours' ? (b.end - b.start) / 3_600_000 : Math.max(0, days.endDay(i) - days.startDay(i));
  }
  const asked =
    p.unit === 'reservations' ? 1 : p.unit === 'hours' ? (request.end - request.start) / 3_600_000 : Math.max(0, clock.dayOf(request.end) - clock.dayOf(request.start));
  const total = used + asked;
  const passed = total <= p.limit + 1e-9;
  return { passed, code: passed ? 'quota_ok' : 'quota', values: { ...values, used: round1(used), asked: round1(asked) } };
}

function inPer(per: 'resource' | 'section' | 'organization', b: CountedBooking, r: RuleRequest): boolean {
  if (per === 'organization') return true;
  if (per === 'resource') return b.resourceId === r.resourceId;
  return r.section !== null && b.section === r.section;
}

function consecutiveRun(request: RuleRequest, mine: readonly DaySpan[], clock: LocalClock, unit: 'days' | 'nights'): number {
  let from = clock.dayOf(request.start);
  let to = clock.dayOf(request.end - 1);
  let toNight = clock.dayOf(request.end);
  // Grow the run both ways until no booking touches it (the list is short and sorted).
  for (let grown = true; grown; ) {
    grown = false;
    for (const b of mine) {
      const touches = unit === 'nights' ? b.from <= toNight && b.toNight >= from : b.from <= to + 1 && b.to >= from - 1;
      if (!touches) continue;
      if (b.from < from || b.to > to || b.toNight > toNight) {
        from = Math.min(from, b.from);
        to = Math.max(to, b.to);
        toNight = Math.max(toNight, b.toNight);
        grown = true;
      }
    }
  }
  return unit === 'nights' ? toNight - from : to - from + 1;
}

// ─── The bookings' local days, worked out once per evaluation ────────────────────────────────

/** A booking's local days: the first, the last it touches, and the one it ends on (nights). */
interface DaySpan {
  from: number;
  to: number;
  toNight: number;
}

/**
 * The bookings' local days, each computed at most once for all the rules of one evaluation
 * (several quotas and runs read them), and each resource's spans sorted by first day.
 */
interface BookingDays {
  startDay(i: number): number;
  endDay(i: number): number;
  runsOf(resourceId: string): readonly DaySpan[];
}

function bookingDays(bookings: readonly CountedBooking[], clock: LocalClock): BookingDays {
  const starts = new Float64Array(bookings.length).fill(NaN);
  const ends = new Float64Array(bookings.length).fill(NaN);
  const runs = new Map<string, DaySpan[]>();
  const startDay = (i: number) => {
    const known = starts[i]!;
    return known === known ? known : (starts[i] = clock.dayOf(bookings[i]!.start));
  };
  const endDay = (i: number) => {
    const known = ends[i]!;
    return known === known ? known : (ends[i] = clock.dayOf(bookings[i]!.end));
  };
  return {
    startDay,
    endDay,
    runsOf(resourceId) {
      let spans = runs.get(resourceId);
      if (!spans) {
        spans = [];
        for (let i = 0; i < bookings.length; i++) {
          const b = bookings[i]!;
          if (b.resourceId === resourceId) spans.push({ from: startDay(i), to: clock.dayOf(b.end - 1), toNight: endDay(i) });
        }
        spans.sort((a, b) => a.from - b.from);
        runs.set(resourceId, spans);
      }
      return spans;
    },
  };
}

// ─── Local time ──────────────────────────────────────────────────────────────────────────────

interface LocalClock {
  startOfDay(day: number): number;
  dayOf(instant: number): number;
  dateText(instant: number): string;
}

/** Epoch-day arithmetic on the zone's cached day starts (no date library call per booking). */
function localClock(zone: string): LocalClock {
  const { startOfDay, dayOf } = zoneCalendar(zone);
  return { startOfDay, dayOf, dateText: (instant) => formatDay(dayOf(instant)) };
}

function periodOf(day: number, period: 'day' | 'week' | 'month' | 'year'): [number, number] {
  if (period === 'day') return [day, day + 1];
  if (period === 'week') {
    const monday = day - (isoWeekday(day) - 1);
    return [monday, monday + 7];
  }
  const { year, month } = civilFromDays(day);
  if (period === 'month') return [daysFromCivil(year, month, 1), month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)];
  return [daysFromCivil(year, 1, 1), daysFromCivil(year + 1, 1, 1)];
}

/** A season "MM-DD".."MM-DD" (inclusive; may wrap the new year, e.g. 12-15..01-10). */
function inSeason(day: number, range: { from: string; to: string }): boolean {
  const { month, day: d } = civilFromDays(day);
  const md = month * 100 + d;
  const from = Number(range.from.slice(0, 2)) * 100 + Number(range.from.slice(3));
  const to = Number(range.to.slice(0, 2)) * 100 + Number(range.to.slice(3));
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

function parseDay(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function formatDay(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function localize(base: string, names?: Partial<Localized>): Localized {
  return { en: names?.en || base, es: names?.es || base };
}

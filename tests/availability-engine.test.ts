import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  computeSlotPage,
  computeSlots,
  computeStayOptions,
  computeStayPage,
  mergeIntervals,
  overlaps,
  overlapsAny,
  type AvailabilityWindow,
  type BusyInterval,
  type DateOverride,
  type Interval,
  type ResourceAvailabilityInput,
  type ServiceParams,
  type Slot,
  type StayParams,
  type TimeRange,
  type Weekday,
  type WeeklyHours,
  WorkLimitExceeded,
} from '@/modules/scheduling/availability';
import { openRuns } from './support/wall-clock';

const ZONE = 'Europe/Madrid';
const NOW = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const MONDAY = '2026-06-01';

const at = (local: string, zone = ZONE) => DateTime.fromISO(local, { zone }).toMillis();
const hhmm = (ms: number, zone = ZONE) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
const isoIn = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO();
const startsOf = (slots: Slot[], zone = ZONE) => slots.map((s) => hhmm(s.start, zone));

/** "09:00".."12:00" every `step` minutes, inclusive. */
function times(from: string, to: string, step: number): string[] {
  const out: string[] = [];
  const base = DateTime.fromISO(`2026-06-01T${from}`, { zone: 'UTC' });
  const end = DateTime.fromISO(`2026-06-01T${to}`, { zone: 'UTC' });
  for (let t = base; t <= end; t = t.plus({ minutes: step })) out.push(t.toFormat('HH:mm'));
  return out;
}

const service = (over: Partial<ServiceParams> = {}): ServiceParams => ({
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  slotIntervalMinutes: 30,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  capacity: 1,
  ...over,
});

const week = (ranges: TimeRange[], days: Weekday[] = [1, 2, 3, 4, 5, 6, 7]): WeeklyHours[] => days.map((weekday) => ({ weekday, ranges }));

const resource = (over: Partial<ResourceAvailabilityInput> = {}): ResourceAvailabilityInput => ({
  resourceId: 'r1',
  timezone: ZONE,
  weekly: week([{ start: '09:00', end: '17:00' }]),
  overrides: [],
  blackouts: [],
  busy: [],
  capacity: 1,
  ...over,
});

const days = (from: string, to = from, over: Partial<AvailabilityWindow> = {}): AvailabilityWindow => ({ from, to, timezone: ZONE, now: NOW, ...over });
const busy = (from: string, to: string, seats: number | null = null, zone = ZONE): BusyInterval => ({ start: at(from, zone), end: at(to, zone), seats });

describe('computeSlots: examples', () => {
  it('keeps a lunch break free (09:00–13:00 and 14:00–18:00)', () => {
    const slots = computeSlots(service(), [resource({ weekly: week([{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }]) })], days(MONDAY));
    expect(startsOf(slots)).toEqual([...times('09:00', '12:00', 30), ...times('14:00', '17:00', 30)]);
    const lunch = { start: at(`${MONDAY}T13:00`), end: at(`${MONDAY}T14:00`) };
    expect(slots.some((s) => overlaps(s, lunch))).toBe(false);
    expect(slots.every((s) => s.end - s.start === 60 * MINUTE)).toBe(true);
  });

  it('keeps 15-minute buffers clear of an existing booking, but lets them leave working hours', () => {
    const svc = service({ durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15, slotIntervalMinutes: 15 });
    const slots = computeSlots(svc, [resource({ busy: [busy(`${MONDAY}T11:00`, `${MONDAY}T12:00`)] })], days(MONDAY));
    // [s − 15, s + 75) must miss [11:00, 12:00): s ≤ 09:45 or s ≥ 12:15 (half-open ends touch).
    expect(startsOf(slots)).toEqual([...times('09:00', '09:45', 15), ...times('12:15', '16:00', 15)]);
  });

  it('aligns starts to the range start by the slot interval, not by the duration', () => {
    const svc = service({ durationMinutes: 45, slotIntervalMinutes: 30 });
    const slots = computeSlots(svc, [resource({ weekly: week([{ start: '09:15', end: '12:00' }]) })], days(MONDAY));
    expect(startsOf(slots)).toEqual(['09:15', '09:45', '10:15', '10:45', '11:15']);
    expect(slots.at(-1)!.end).toBe(at(`${MONDAY}T12:00`));
  });

  it('closes a day with an empty override', () => {
    const r = resource({ weekly: week([{ start: '09:00', end: '11:00' }]), overrides: [{ date: '2026-06-02', ranges: [] }] });
    const slots = computeSlots(service({ slotIntervalMinutes: 60 }), [r], days('2026-06-01', '2026-06-03'));
    expect(slots.map((s) => isoIn(s.start, ZONE))).toEqual(['2026-06-01T09:00:00.000+02:00', '2026-06-01T10:00:00.000+02:00', '2026-06-03T09:00:00.000+02:00', '2026-06-03T10:00:00.000+02:00']);
  });

  it('replaces weekly hours with special hours, also on a day the week leaves closed', () => {
    const r = resource({
      weekly: week([{ start: '09:00', end: '17:00' }], [1, 2, 3, 4, 5]),
      overrides: [
        { date: '2026-06-01', ranges: [{ start: '10:00', end: '12:00' }] },
        { date: '2026-06-07', ranges: [{ start: '10:00', end: '11:00' }] },
      ],
    });
    expect(startsOf(computeSlots(service(), [r], days('2026-06-01')))).toEqual(['10:00', '10:30', '11:00']);
    expect(startsOf(computeSlots(service(), [r], days('2026-06-06', '2026-06-07')))).toEqual(['10:00']);
  });

  it('respects a blackout, including the candidate buffers', () => {
    const r = resource({ weekly: week([{ start: '09:00', end: '13:00' }]), blackouts: [{ start: at(`${MONDAY}T10:00`), end: at(`${MONDAY}T11:30`) }] });
    expect(startsOf(computeSlots(service(), [r], days(MONDAY)))).toEqual(['09:00', '11:30', '12:00']);
    expect(startsOf(computeSlots(service({ bufferBeforeMinutes: 15 }), [r], days(MONDAY)))).toEqual(['09:00', '12:00']);
    expect(startsOf(computeSlots(service({ bufferAfterMinutes: 15 }), [r], days(MONDAY)))).toEqual(['11:30', '12:00']);
  });

  describe('group capacity', () => {
    const group = service({ capacity: 5, slotIntervalMinutes: 60 });
    const hours = week([{ start: '09:00', end: '12:00' }]);

    it('subtracts held seats and offers a slot only when enough remain', () => {
      const r = resource({ weekly: hours, capacity: 8, busy: [busy(`${MONDAY}T10:00`, `${MONDAY}T11:00`, 3)] });
      expect(computeSlots(group, [r], days(MONDAY)).map((s) => [hhmm(s.start), s.remaining])).toEqual([
        ['09:00', 5],
        ['10:00', 2],
        ['11:00', 5],
      ]);
      expect(startsOf(computeSlots({ ...group, seatsRequested: 3 }, [r], days(MONDAY)))).toEqual(['09:00', '11:00']);
      expect(startsOf(computeSlots({ ...group, seatsRequested: 2 }, [r], days(MONDAY)))).toEqual(['09:00', '10:00', '11:00']);
    });

    it('is bounded by the resource capacity and fully blocked by a seatless busy interval', () => {
      const r = resource({ weekly: hours, capacity: 3, busy: [busy(`${MONDAY}T10:00`, `${MONDAY}T11:00`, 3), busy(`${MONDAY}T11:00`, `${MONDAY}T12:00`, null)] });
      expect(computeSlots(group, [r], days(MONDAY)).map((s) => [hhmm(s.start), s.remaining])).toEqual([['09:00', 3]]);
    });

    it('adds up every seat booking that overlaps the blocked interval (an upper bound)', () => {
      const r = resource({ weekly: hours, capacity: 5, busy: [busy(`${MONDAY}T10:00`, `${MONDAY}T10:30`, 2), busy(`${MONDAY}T10:30`, `${MONDAY}T11:00`, 2)] });
      expect(computeSlots(group, [r], days(MONDAY)).map((s) => s.remaining)).toEqual([5, 1, 5]);
    });

    it('treats a resource of capacity 1 as exclusive: any overlapping booking blocks it', () => {
      const r = resource({ weekly: hours, capacity: 1, busy: [busy(`${MONDAY}T10:00`, `${MONDAY}T11:00`, 1)] });
      expect(computeSlots(group, [r], days(MONDAY)).map((s) => [hhmm(s.start), s.remaining])).toEqual([
        ['09:00', 1],
        ['11:00', 1],
      ]);
    });
  });

  it('merges resources: one slot per start, ids ascending, remaining summed', () => {
    const hours = week([{ start: '09:00', end: '12:00' }]);
    const bob = resource({ resourceId: 'bob', weekly: hours, busy: [busy(`${MONDAY}T10:00`, `${MONDAY}T11:00`)] });
    const ana = resource({ resourceId: 'ana', weekly: hours });
    const slots = computeSlots(service({ slotIntervalMinutes: 60 }), [bob, ana], days(MONDAY));
    expect(slots.map((s) => ({ at: hhmm(s.start), ids: s.resourceIds, remaining: s.remaining }))).toEqual([
      { at: '09:00', ids: ['ana', 'bob'], remaining: 2 },
      { at: '10:00', ids: ['ana'], remaining: 1 },
      { at: '11:00', ids: ['ana', 'bob'], remaining: 2 },
    ]);
  });

  it('applies minimum notice and the booking horizon from now', () => {
    const now = at(`${MONDAY}T09:10`);
    const slots = computeSlots(service({ minNoticeMinutes: 60, maxAdvanceDays: 1 }), [resource()], days('2026-06-01', '2026-06-03', { now }));
    // Notice: nothing before 10:10 (next grid point 10:30). Horizon: nothing from Tue 09:10.
    expect(slots.map((s) => isoIn(s.start, ZONE))).toEqual([
      ...times('10:30', '16:00', 30).map((t) => `2026-06-01T${t}:00.000+02:00`),
      '2026-06-02T09:00:00.000+02:00',
    ]);
  });

  it('reads a window in another zone than the resource', () => {
    // Madrid's 1 June is 31 May 18:00 → 1 June 18:00 in New York.
    const ny = resource({ timezone: 'America/New_York', weekly: week([{ start: '09:00', end: '20:00' }]) });
    const slots = computeSlots(service(), [ny], days(MONDAY));
    expect(slots).toHaveLength(3 + 18);
    expect(isoIn(slots[0]!.start, 'America/New_York')).toBe('2026-05-31T18:00:00.000-04:00');
    expect(isoIn(slots[2]!.start, 'America/New_York')).toBe('2026-05-31T19:00:00.000-04:00');
    expect(isoIn(slots[3]!.start, 'America/New_York')).toBe('2026-06-01T09:00:00.000-04:00');
    expect(isoIn(slots.at(-1)!.start, 'America/New_York')).toBe('2026-06-01T17:30:00.000-04:00');
  });

  it('gives the same instants whatever the process zone (fixed UTC expectations)', () => {
    const kolkata = resource({ resourceId: 'k', timezone: 'Asia/Kolkata', weekly: week([{ start: '09:00', end: '10:30' }]) });
    const ny = resource({ resourceId: 'n', timezone: 'America/New_York', weekly: week([{ start: '23:00', end: '24:00' }]) });
    const slots = computeSlots(service({ durationMinutes: 30 }), [kolkata, ny], { from: MONDAY, to: MONDAY, timezone: 'UTC', now: NOW });
    // New York's 31 May 23:00–24:00 and Kolkata's 1 June 09:00–10:30 both fall in UTC's 1 June.
    expect(slots.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString(), s.resourceIds.join(), s.remaining])).toEqual([
      ['2026-06-01T03:00:00.000Z', '2026-06-01T03:30:00.000Z', 'n', 1],
      ['2026-06-01T03:30:00.000Z', '2026-06-01T04:00:00.000Z', 'k,n', 2],
      ['2026-06-01T04:00:00.000Z', '2026-06-01T04:30:00.000Z', 'k', 1],
      ['2026-06-01T04:30:00.000Z', '2026-06-01T05:00:00.000Z', 'k', 1],
    ]);
  });
});

describe('computeStayOptions', () => {
  const PANAMA = 'America/Panama';
  const stay = (over: Partial<StayParams> = {}): StayParams => ({ checkInTime: '15:00', checkOutTime: '11:00', minNights: 2, maxNights: 3, minNoticeMinutes: 0, maxAdvanceDays: 365, ...over });
  const villa = (over: Partial<ResourceAvailabilityInput> = {}) => resource({ resourceId: 'villa', timezone: PANAMA, weekly: week([{ start: '00:00', end: '24:00' }]), ...over });
  const window = (from: string, to: string, now = NOW): AvailabilityWindow => ({ from, to, timezone: PANAMA, now });
  const shown = (options: ReturnType<typeof computeStayOptions>) => options.map((o) => `${isoIn(o.start, PANAMA)} → ${isoIn(o.end, PANAMA)} (${o.nights})`);

  it('offers every check-in date in the window for min..max nights', () => {
    const options = computeStayOptions(stay(), villa(), window('2026-06-01', '2026-06-02'));
    expect(shown(options)).toEqual([
      '2026-06-01T15:00:00.000-05:00 → 2026-06-03T11:00:00.000-05:00 (2)',
      '2026-06-01T15:00:00.000-05:00 → 2026-06-04T11:00:00.000-05:00 (3)',
      '2026-06-02T15:00:00.000-05:00 → 2026-06-04T11:00:00.000-05:00 (2)',
      '2026-06-02T15:00:00.000-05:00 → 2026-06-05T11:00:00.000-05:00 (3)',
    ]);
    expect(options.every((o) => o.remaining === 1 && o.resourceIds.length === 1 && o.resourceIds[0] === 'villa')).toBe(true);
  });

  it('blocks every stay across a busy night, but not one that checks out before it', () => {
    const r = villa({ busy: [busy('2026-06-03T20:00', '2026-06-04T10:00', null, PANAMA)] });
    expect(shown(computeStayOptions(stay(), r, window('2026-06-01', '2026-06-02')))).toEqual(['2026-06-01T15:00:00.000-05:00 → 2026-06-03T11:00:00.000-05:00 (2)']);
  });

  it('blocks stays across a blackout too', () => {
    const r = villa({ blackouts: [{ start: at('2026-06-02T09:00', PANAMA), end: at('2026-06-02T10:00', PANAMA) }] });
    expect(shown(computeStayOptions(stay({ minNights: 1, maxNights: 1 }), r, window('2026-06-01', '2026-06-02')))).toEqual(['2026-06-02T15:00:00.000-05:00 → 2026-06-03T11:00:00.000-05:00 (1)']);
  });

  it('needs every night to be an open day; check-out may fall on a closed one', () => {
    const closedByOverride = villa({ overrides: [{ date: '2026-06-03', ranges: [] }] });
    expect(shown(computeStayOptions(stay(), closedByOverride, window('2026-06-01', '2026-06-02')))).toEqual(['2026-06-01T15:00:00.000-05:00 → 2026-06-03T11:00:00.000-05:00 (2)']);
    // 7 June 2026 is a Sunday, closed in this weekly schedule.
    const closedSundays = villa({ weekly: week([{ start: '08:00', end: '18:00' }], [1, 2, 3, 4, 5, 6]) });
    expect(computeStayOptions(stay({ minNights: 1, maxNights: 7 }), closedSundays, window('2026-06-05', '2026-06-07')).map((o) => o.nights)).toEqual([1, 2, 1]);
    const openedByOverride = villa({ weekly: [], overrides: [{ date: '2026-06-10', ranges: [{ start: '10:00', end: '11:00' }] }] });
    expect(computeStayOptions(stay({ minNights: 1 }), openedByOverride, window('2026-06-09', '2026-06-11')).map((o) => o.nights)).toEqual([1]);
  });

  it('applies notice and horizon to the check-in instant', () => {
    const now = at('2026-06-01T14:00', PANAMA);
    const options = computeStayOptions(stay({ minNights: 1, maxNights: 1, minNoticeMinutes: 120, maxAdvanceDays: 3 }), villa(), window('2026-06-01', '2026-06-10', now));
    // 1 June 15:00 is inside the notice; 4 June 15:00 is past now + 72 h.
    expect(options.map((o) => isoIn(o.start, PANAMA))).toEqual(['2026-06-02T15:00:00.000-05:00', '2026-06-03T15:00:00.000-05:00']);
  });

  it('rejects malformed parameters', () => {
    expect(() => computeStayOptions(stay({ checkInTime: '3pm' }), villa(), window('2026-06-01', '2026-06-02'))).toThrow(RangeError);
    expect(() => computeStayOptions(stay({ minNights: 3, maxNights: 2 }), villa(), window('2026-06-01', '2026-06-02'))).toThrow(/maxNights/);
    expect(() => computeStayOptions(stay({ minNights: 0 }), villa(), window('2026-06-01', '2026-06-02'))).toThrow(/minNights/);
  });
});

describe('input validation', () => {
  const call = (svc: Partial<ServiceParams> = {}, r: Partial<ResourceAvailabilityInput> = {}, w: Partial<AvailabilityWindow> = {}) => () =>
    computeSlots(service(svc), [resource(r)], days(MONDAY, MONDAY, w));

  it.each([
    ['an unknown resource zone', call({}, { timezone: 'Mars/Olympus' }), /timezone/],
    ['an unknown window zone', call({}, {}, { timezone: 'UTC+3' }), /window\.timezone/],
    ['a malformed time', call({}, { weekly: week([{ start: '9:00', end: '17:00' }]) }), /HH:MM/],
    ['an impossible time', call({}, { weekly: week([{ start: '09:60', end: '17:00' }]) }), /HH:MM/],
    ['a range that ends before it starts', call({}, { weekly: week([{ start: '17:00', end: '09:00' }]) }), /after start/],
    ['an empty range', call({}, { weekly: week([{ start: '09:00', end: '09:00' }]) }), /after start/],
    ['a malformed override date', call({}, { overrides: [{ date: '2026-02-30', ranges: [] }] }), /YYYY-MM-DD/],
    ['a malformed window date', call({}, {}, { from: '1/6/2026' }), /window\.from/],
    ['a window that ends before it starts', call({}, {}, { from: '2026-06-02', to: '2026-06-01' }), /before from/],
    ['a zero duration', call({ durationMinutes: 0 }), /durationMinutes/],
    ['a negative interval', call({ slotIntervalMinutes: -15 }), /slotIntervalMinutes/],
    ['a negative buffer', call({ bufferBeforeMinutes: -5 }), /bufferBeforeMinutes/],
    ['a zero horizon', call({ maxAdvanceDays: 0 }), /maxAdvanceDays/],
    ['a weekday out of range', call({}, { weekly: [{ weekday: 0 as Weekday, ranges: [] }] }), /weekday/],
    ['a busy interval that ends before it starts', call({}, { busy: [{ start: 10, end: 5, seats: null }] }), /busy\[0\]/],
    ['a busy interval holding 0 seats', call({}, { busy: [{ start: 5, end: 10, seats: 0 }] }), /seats/],
  ])('throws RangeError for %s', (_label, run, message) => {
    expect(run).toThrow(RangeError);
    expect(run).toThrow(message);
  });

  it('throws on duplicate resource ids', () => {
    expect(() => computeSlots(service(), [resource(), resource()], days(MONDAY))).toThrow(/duplicate resourceId/);
  });

  it('accepts 24:00 as an end only', () => {
    expect(computeSlots(service(), [resource({ weekly: week([{ start: '23:00', end: '24:00' }]) })], days(MONDAY))).toHaveLength(1);
    expect(call({}, { weekly: week([{ start: '24:00', end: '24:00' }]) })).toThrow(RangeError);
  });
});

describe('interval helpers', () => {
  it('treat intervals as half-open', () => {
    expect(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 0, end: 11 }, { start: 10, end: 20 })).toBe(true);
    expect(overlaps({ start: 12, end: 13 }, { start: 10, end: 20 })).toBe(true);
  });

  it('merge overlapping and touching intervals and answer overlap queries by binary search', () => {
    const merged = mergeIntervals([
      { start: 50, end: 60 },
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 5, end: 8 },
      { start: 30, end: 30 },
      { start: 40, end: 45 },
    ]);
    expect(merged).toEqual([
      { start: 0, end: 20 },
      { start: 40, end: 45 },
      { start: 50, end: 60 },
    ]);
    expect(overlapsAny(merged, { start: 20, end: 40 })).toBe(false);
    expect(overlapsAny(merged, { start: 44, end: 50 })).toBe(true);
    expect(overlapsAny(merged, { start: 60, end: 99 })).toBe(false);
    expect(overlapsAny([], { start: 0, end: 1 })).toBe(false);
  });

  it('agree with a brute-force overlap check', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 40 })).map(([start, len]): Interval => ({ start, end: start + len }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), interval, (xs, probe) => {
        const merged = mergeIntervals(xs);
        for (let i = 1; i < merged.length; i++) expect(merged[i]!.start).toBeGreaterThan(merged[i - 1]!.end);
        expect(overlapsAny(merged, probe)).toBe(xs.some((x) => overlaps(x, probe)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('computeSlots: properties', () => {
  // Zones with an hour shift, a 30-minute shift (Lord Howe), a skipped midnight (Santiago),
  // a half-hour offset without DST (Kolkata) and none at all.
  const ZONES = ['UTC', 'America/New_York', 'Europe/Madrid', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Tokyo'];
  // Windows start near 2026's transitions in those zones, and once in a quiet month.
  const BASE_DATES = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-06-15', '2026-09-04', '2026-10-02', '2026-10-23', '2026-10-30'];

  const plusDays = (date: string, n: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
  const clock = (minutes: number) => (minutes === 1440 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

  // Independent of the engine: Luxon per boundary, earliest instant when a wall time repeats.
  function wall(zone: string, date: string, time: string): number {
    if (time === '24:00') return wall(zone, plusDays(date, 1), '00:00');
    const local = DateTime.fromISO(`${date}T${time}`, { zone });
    return Math.min(local.toMillis(), ...local.getPossibleOffsets().map((d) => d.toMillis()));
  }

  function rangesOn(r: ResourceAvailabilityInput, date: string): TimeRange[] {
    const overrides = r.overrides.filter((o) => o.date === date);
    if (overrides.length > 0) return overrides.flatMap((o) => o.ranges);
    const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
    return r.weekly.filter((w) => w.weekday === weekday).flatMap((w) => w.ranges);
  }

  const windowBounds = (w: AvailabilityWindow) => ({ start: wall(w.timezone, w.from, '00:00'), end: wall(w.timezone, plusDays(w.to, 1), '00:00') });

  /** The brief, transcribed naively: every candidate checked against every busy interval. */
  function oracle(svc: ServiceParams, resources: ResourceAvailabilityInput[], w: AvailabilityWindow): Slot[] {
    const bounds = windowBounds(w);
    const step = svc.slotIntervalMinutes * MINUTE;
    const duration = svc.durationMinutes * MINUTE;
    const byStart = new Map<number, Slot>();
    for (const r of [...resources].sort((a, b) => (a.resourceId < b.resourceId ? -1 : 1))) {
      const cap = Math.min(svc.capacity, r.capacity);
      const first = DateTime.fromMillis(bounds.start, { zone: r.timezone }).minus({ days: 1 }).toISODate()!;
      const last = DateTime.fromMillis(bounds.end, { zone: r.timezone }).plus({ days: 1 }).toISODate()!;
      const seen = new Set<number>();
      for (let date = first; date <= last; date = plusDays(date, 1)) {
        // A range is the minutes of its date whose reading lies inside it (one or two runs on
        // a transition day); starts step from each run's first minute.
        for (const run of rangesOn(r, date).flatMap((range) => openRuns(r.timezone, date, range))) {
          for (let s = run.start; s + duration <= run.end; s += step) {
            if (s < bounds.start || s >= bounds.end || seen.has(s)) continue;
            if (s < w.now + svc.minNoticeMinutes * MINUTE || s >= w.now + svc.maxAdvanceDays * DAY) continue;
            const blockedInterval = { start: s - svc.bufferBeforeMinutes * MINUTE, end: s + duration + svc.bufferAfterMinutes * MINUTE };
            if (r.blackouts.some((b) => overlaps(b, blockedInterval))) continue;
            const hits = r.busy.filter((b) => overlaps(b, blockedInterval));
            let remaining: number;
            if (cap === 1) remaining = hits.length > 0 ? 0 : 1;
            else remaining = hits.some((b) => b.seats === null) ? 0 : cap - hits.reduce((sum, b) => sum + (b.seats ?? 0), 0);
            if (remaining < (svc.seatsRequested ?? 1)) continue;
            seen.add(s);
            const slot = byStart.get(s) ?? { start: s, end: s + duration, resourceIds: [], remaining: 0 };
            slot.resourceIds.push(r.resourceId);
            slot.remaining += remaining;
            byStart.set(s, slot);
          }
        }
      }
    }
    return [...byStart.values()].sort((a, b) => a.start - b.start);
  }

  // Boundaries in 00:00–04:00 are over-sampled: that is where the transitions are.
  const fiveMinuteArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 287 }), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 48 }), weight: 1 });
  const rangeArb = fc
    .tuple(fiveMinuteArb, fc.integer({ min: 1, max: 144 }))
    .map(([start, length]): TimeRange => ({ start: clock(start * 5), end: clock(Math.min(288, start + length) * 5) }));
  const rangesArb = fc.array(rangeArb, { maxLength: 3 });
  const busyArb = fc.record({ offset: fc.integer({ min: 0, max: 8 * 1440 }), length: fc.integer({ min: 1, max: 300 }), seats: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) });
  const resourceArb = fc.record({
    timezone: fc.constantFrom(...ZONES),
    weekly: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }).map((d) => d as Weekday), ranges: rangesArb }), { maxLength: 9 }),
    overrides: fc.array(fc.record({ day: fc.integer({ min: -1, max: 5 }), ranges: rangesArb }), { maxLength: 3 }),
    busy: fc.array(busyArb, { maxLength: 25 }),
    blackouts: fc.array(busyArb, { maxLength: 2 }),
    capacity: fc.integer({ min: 1, max: 4 }),
  });
  const caseArb = fc.record({
    service: fc.record({
      durationMinutes: fc.integer({ min: 1, max: 240 }),
      bufferBeforeMinutes: fc.integer({ min: 0, max: 30 }),
      bufferAfterMinutes: fc.integer({ min: 0, max: 30 }),
      slotIntervalMinutes: fc.integer({ min: 1, max: 90 }),
      minNoticeMinutes: fc.integer({ min: 0, max: 2000 }),
      maxAdvanceDays: fc.integer({ min: 1, max: 5 }),
      capacity: fc.integer({ min: 1, max: 5 }),
      seatsRequested: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
    resources: fc.uniqueArray(fc.tuple(fc.constantFrom('ana', 'bob', 'cy', 'dee'), resourceArb), { minLength: 1, maxLength: 3, selector: ([id]) => id }),
    base: fc.constantFrom(...BASE_DATES),
    shift: fc.integer({ min: 0, max: 2 }),
    length: fc.integer({ min: 0, max: 2 }),
    windowZone: fc.constantFrom(...ZONES),
    nowOffsetMinutes: fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
  });

  type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

  /** Turns generated offsets into concrete inputs around the window. */
  function build(c: Generated<typeof caseArb>) {
    const from = plusDays(c.base, c.shift);
    const to = plusDays(from, c.length);
    const origin = wall(c.windowZone, from, '00:00');
    const window: AvailabilityWindow = { from, to, timezone: c.windowZone, now: origin + c.nowOffsetMinutes * MINUTE };
    const toInterval = (b: Generated<typeof busyArb>): BusyInterval => ({ start: origin - 2 * DAY + b.offset * MINUTE, end: origin - 2 * DAY + (b.offset + b.length) * MINUTE, seats: b.seats });
    const resources = c.resources.map(([resourceId, r]): ResourceAvailabilityInput => ({
      resourceId,
      timezone: r.timezone,
      weekly: r.weekly,
      overrides: r.overrides.map((o): DateOverride => ({ date: plusDays(from, o.day), ranges: o.ranges })),
      busy: r.busy.map(toInterval),
      blackouts: r.blackouts.map(toInterval).map(({ start, end }) => ({ start, end })),
      capacity: r.capacity,
    }));
    return { service: c.service as ServiceParams, resources, window };
  }

  it('matches a brute-force transcription of the rules', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { service: svc, resources, window } = build(c);
        expect(computeSlots(svc, resources, window)).toEqual(oracle(svc, resources, window));
      }),
      { numRuns: 300 },
    );
  });

  it('never offers a blocked, misaligned, out-of-hours or out-of-window slot', () => {
    let offered = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const { service: svc, resources, window } = build(c);
        const slots = computeSlots(svc, resources, window);
        offered += slots.length;
        const bounds = windowBounds(window);
        const byId = new Map(resources.map((r) => [r.resourceId, r]));
        const step = svc.slotIntervalMinutes * MINUTE;
        for (const [i, slot] of slots.entries()) {
          // Sorted, no duplicate (start, end), fixed length.
          if (i > 0) expect(slot.start > slots[i - 1]!.start || (slot.start === slots[i - 1]!.start && slot.end > slots[i - 1]!.end)).toBe(true);
          expect(slot.end - slot.start).toBe(svc.durationMinutes * MINUTE);
          // Window, notice, horizon.
          expect(slot.start).toBeGreaterThanOrEqual(Math.max(bounds.start, window.now + svc.minNoticeMinutes * MINUTE));
          expect(slot.start).toBeLessThan(bounds.end);
          expect(slot.start).toBeLessThan(window.now + svc.maxAdvanceDays * DAY);
          expect(slot.resourceIds).toEqual([...new Set(slot.resourceIds)].sort());
          expect(slot.remaining).toBeGreaterThanOrEqual((svc.seatsRequested ?? 1) * slot.resourceIds.length);

          const blockedInterval = { start: slot.start - svc.bufferBeforeMinutes * MINUTE, end: slot.end + svc.bufferAfterMinutes * MINUTE };
          for (const id of slot.resourceIds) {
            const r = byId.get(id)!;
            const exclusive = Math.min(svc.capacity, r.capacity) === 1;
            expect(r.blackouts.some((b) => overlaps(b, blockedInterval))).toBe(false);
            expect(r.busy.some((b) => (exclusive || b.seats === null) && overlaps(b, blockedInterval))).toBe(false);
            // Inside one working range of its local date (every minute's reading within it), on
            // that range's grid.
            const date = DateTime.fromMillis(slot.start, { zone: r.timezone }).toISODate()!;
            const home = rangesOn(r, date)
              .flatMap((range) => openRuns(r.timezone, date, range))
              .some((run) => run.start <= slot.start && slot.end <= run.end && (slot.start - run.start) % step === 0);
            expect(home, `${id} ${isoIn(slot.start, r.timezone)}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    // Guards against a generator that only ever produces empty answers.
    expect(offered).toBeGreaterThan(1000);
  });

  it('keeps every answer within its limits, and pages add up to the unlimited answer', () => {
    let paged = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        // Three-day windows well inside notice and horizon, so there are days to page through.
        caseArb.map((c) => ({ ...c, length: 2, nowOffsetMinutes: Math.min(c.nowOffsetMinutes, -1440), service: { ...c.service, minNoticeMinutes: 0, maxAdvanceDays: 5 } })),
        // Limits as fractions of what the unlimited answer spends and holds, so they bite.
        fc.record({ candidates: fc.double({ min: 0.05, max: 1.2, noNaN: true }), slots: fc.double({ min: 0.05, max: 1.2, noNaN: true }), work: fc.double({ min: 0.3, max: 1.5, noNaN: true }) }),
        (c, share) => {
          const { service: svc, resources, window } = build(c);
          const unlimited = computeSlotPage(svc, resources, window);
          const all = unlimited.slots;
          const pairs = all.reduce((n, s) => n + s.resourceIds.length, 0);
          const limits = {
            maxCandidates: Math.max(1, Math.floor(unlimited.work * share.candidates)),
            maxSlots: Math.max(1, Math.floor(all.length * share.slots)),
            maxWork: Math.max(1, Math.floor(unlimited.work * share.work)),
          };
          expect(pairs).toBeLessThanOrEqual(unlimited.work);
          const collected: Slot[] = [];
          let from: string | null = window.from;
          for (let guard = 0; from; guard++) {
            expect(guard).toBeLessThan(10);
            let page;
            try {
              page = computeSlotPage(svc, resources, { ...window, from }, limits);
            } catch (err) {
              expect(err).toBeInstanceOf(WorkLimitExceeded);
              refused++;
              return;
            }
            // Whatever the catalog: bounded slots, (slot, resource) pairs and work.
            expect(page.slots.length).toBeLessThanOrEqual(limits.maxSlots);
            expect(page.slots.reduce((n, s) => n + s.resourceIds.length, 0)).toBeLessThanOrEqual(limits.maxCandidates);
            expect(page.work).toBeLessThanOrEqual(limits.maxWork);
            if (page.nextFrom) {
              // Whole days: nothing from nextFrom on, and progress.
              expect(page.nextFrom > from).toBe(true);
              const next = wall(window.timezone, page.nextFrom, '00:00');
              expect(page.slots.every((s) => s.start < next)).toBe(true);
              paged++;
            }
            collected.push(...page.slots);
            from = page.nextFrom;
          }
          expect(collected).toEqual(all);
        },
      ),
      { numRuns: 300 },
    );
    // The generator exercises both paging and refusal. The counts vary with the run's seed
    // (seen: 36 to 60+ pages over 300 runs); the floor only says both paths were taken often.
    expect(paged).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(5);
  });
});

describe('limits of one answer (issue #11)', () => {
  const allDay = week([{ start: '00:00', end: '24:00' }]);
  const crowd = (n: number, over: Partial<ResourceAvailabilityInput> = {}) =>
    Array.from({ length: n }, (_, i) => resource({ resourceId: `r${String(i).padStart(4, '0')}`, timezone: 'UTC', weekly: allDay, ...over }));
  // The public endpoint's limits (PUBLIC_SLOT_LIMITS in find-slots.ts).
  const PUBLIC = { maxCandidates: 20_000, maxSlots: 5_000, maxWork: 500_000 };
  const sixtyTwoDays: AvailabilityWindow = { from: '2026-06-01', to: '2026-08-01', timezone: 'UTC', now: NOW };

  it('counts work in units: resource-days read, placements, candidates', () => {
    // One resource, one day, 09:00–17:00, hourly service every 30 minutes: 2 days read (the
    // day before may spill into the window), 15 candidates, one busy interval touching one grid.
    const page = computeSlotPage(service(), [resource({ busy: [busy('2026-06-01T10:00', '2026-06-01T11:00')] })], days(MONDAY));
    expect(page.slots).toHaveLength(12);
    expect(page.work).toBe(2 + 15 + 2);
  });

  it("answers the issue's request (20 resources, 5-minute grid around the clock, 62 days) with three days and a bounded amount of work", () => {
    const page = computeSlotPage(service({ durationMinutes: 5, slotIntervalMinutes: 5 }), crowd(20), sixtyTwoDays, PUBLIC);
    expect(page.nextFrom).toBe('2026-06-04');
    expect(page.slots).toHaveLength(3 * 288);
    expect(page.work).toBeLessThanOrEqual(PUBLIC.maxWork);
    // Without limits the same request is 62 days' worth.
    expect(computeSlots(service({ durationMinutes: 5, slotIntervalMinutes: 5 }), crowd(20), sixtyTwoDays)).toHaveLength(62 * 288);
  });

  it('refuses, instead of running on, when a single day is too large or the work budget is spent', () => {
    // A 1-minute grid (the catalog now refuses it, old rows may hold it): 20 × 1,440 starts in one day.
    expect(() => computeSlotPage(service({ durationMinutes: 1, slotIntervalMinutes: 1 }), crowd(20), sixtyTwoDays, PUBLIC)).toThrow(WorkLimitExceeded);
    // 10,000 resources: reading their hours alone is past the budget, before any slot is made.
    const err = (() => {
      try {
        computeSlotPage(service(), crowd(10_000), sixtyTwoDays, PUBLIC);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WorkLimitExceeded);
    expect((err as WorkLimitExceeded).reason).toBe('work');
    // Busy intervals count too.
    const booked = crowd(1, { busy: Array.from({ length: 300 }, (_, i) => ({ start: at('2026-06-01T00:00') + i * MINUTE, end: at('2026-06-01T00:01') + i * MINUTE, seats: null })) });
    expect(() => computeSlotPage(service(), booked, days(MONDAY), { maxWork: 200 })).toThrow(WorkLimitExceeded);
    expect(computeSlotPage(service(), booked, days(MONDAY), { maxWork: 2_000 }).work).toBeGreaterThan(300);
  });

  it('pages stays the same way', () => {
    const villas = Array.from({ length: 3 }, (_, i) => ({
      input: resource({ resourceId: `villa${i}`, timezone: 'America/Panama', weekly: allDay }),
      settings: { checkInTime: '15:00', checkOutTime: '11:00', minNights: 1, maxNights: 30 },
    }));
    const notice = { minNoticeMinutes: 0, maxAdvanceDays: 365 };
    const window: AvailabilityWindow = { from: '2026-06-01', to: '2026-06-30', timezone: 'America/Panama', now: NOW };
    const all = computeStayPage(notice, villas, window);
    expect(all.nextFrom).toBeNull();
    expect(all.slots).toHaveLength(30 * 30);
    // Each check-in may try 30 nights: 3 villas × 30 = 90 candidates a day, so 1,000 fit 11 days.
    const first = computeStayPage(notice, villas, window, { maxCandidates: 1_000 });
    expect(first.nextFrom).toBe('2026-06-12');
    expect(first.slots).toEqual(all.slots.filter((s) => s.start < at('2026-06-12T00:00', 'America/Panama')));
    expect(first.slots.every((s) => s.resourceIds.join() === 'villa0,villa1,villa2')).toBe(true);
  });

  it('reads the stay window in the requested zone, like slots', () => {
    // Check-in at 15:00 in Panama (20:00 UTC). The Tokyo date 2 June runs from 1 June 10:00 to 2 June 10:00 in Panama.
    const villa = resource({ resourceId: 'villa', timezone: 'America/Panama', weekly: allDay });
    const stay = { checkInTime: '15:00', checkOutTime: '11:00', minNights: 1, maxNights: 1, minNoticeMinutes: 0, maxAdvanceDays: 365 };
    const inTokyo = computeStayOptions(stay, villa, { from: '2026-06-02', to: '2026-06-02', timezone: 'Asia/Tokyo', now: NOW });
    expect(inTokyo.map((o) => isoIn(o.start, 'America/Panama'))).toEqual(['2026-06-01T15:00:00.000-05:00']);
    const slot = computeSlots(service(), [resource({ timezone: 'America/Panama', weekly: week([{ start: '15:00', end: '16:00' }]) })], { from: '2026-06-02', to: '2026-06-02', timezone: 'Asia/Tokyo', now: NOW });
    expect(slot.map((s) => isoIn(s.start, 'America/Panama'))).toEqual(['2026-06-01T15:00:00.000-05:00']);
  });
});

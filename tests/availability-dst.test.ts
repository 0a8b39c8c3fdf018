import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeSlots, computeStayOptions, type AvailabilityWindow, type ResourceAvailabilityInput, type ServiceParams, type Slot, type TimeRange } from '@/modules/scheduling/availability';
import { localDateOf } from '@/modules/scheduling/find-slots';
import { minutesOf, toMinutes, transitionDays } from './support/wall-clock';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;

const service = (minutes: number): ServiceParams => ({
  durationMinutes: minutes,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  slotIntervalMinutes: 30,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  capacity: 1,
});

const everyDay = (zone: string, range: TimeRange): ResourceAvailabilityInput => ({
  resourceId: 'r1',
  timezone: zone,
  weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, ranges: [range] })),
  overrides: [],
  blackouts: [],
  busy: [],
  capacity: 1,
});

const on = (date: string, timezone: string, to = date): AvailabilityWindow => ({ from: date, to, timezone, now: NOW });
const iso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO();
const startsIn = (slots: Slot[], zone: string) => slots.map((s) => iso(s.start, zone));

describe('a 09:00–17:00 day on DST transition days', () => {
  it.each([
    ['America/New_York', '2026-03-08', '-04:00', 'spring forward'],
    ['America/New_York', '2026-11-01', '-05:00', 'fall back'],
    ['Europe/Madrid', '2026-03-29', '+02:00', 'spring forward'],
    ['Europe/Madrid', '2026-10-25', '+01:00', 'fall back'],
  ])('%s %s stays 09:00–17:00 local (%s, %s)', (zone, date, offset) => {
    const slots = computeSlots(service(60), [everyDay(zone, { start: '09:00', end: '17:00' })], on(date, zone));
    // 09:00, 09:30 … 16:00: 15 one-hour slots, each exactly one hour of absolute time.
    expect(slots).toHaveLength(15);
    expect(iso(slots[0]!.start, zone)).toBe(`${date}T09:00:00.000${offset}`);
    expect(iso(slots.at(-1)!.start, zone)).toBe(`${date}T16:00:00.000${offset}`);
    expect(iso(slots.at(-1)!.end, zone)).toBe(`${date}T17:00:00.000${offset}`);
    expect(slots.every((s) => s.end - s.start === HOUR)).toBe(true);
  });

  it('keeps local hours across a window that spans the transition', () => {
    const zone = 'Europe/Madrid';
    const slots = computeSlots(service(60), [everyDay(zone, { start: '09:00', end: '17:00' })], on('2026-03-28', zone, '2026-03-30'));
    expect(slots).toHaveLength(45);
    const firsts = slots.filter((s) => DateTime.fromMillis(s.start, { zone }).toFormat('HH:mm') === '09:00');
    expect(firsts.map((s) => iso(s.start, zone))).toEqual(['2026-03-28T09:00:00.000+01:00', '2026-03-29T09:00:00.000+02:00', '2026-03-30T09:00:00.000+02:00']);
  });
});

describe('ranges that cross the transition hour', () => {
  const zone = 'America/New_York';

  it('offers nothing in the hour skipped on spring-forward day', () => {
    const slots = computeSlots(service(30), [everyDay(zone, { start: '00:00', end: '06:00' })], on('2026-03-08', zone));
    // 00:00 EST → 06:00 EDT is five hours of absolute time: ten 30-minute slots.
    expect(startsIn(slots, zone)).toEqual([
      '2026-03-08T00:00:00.000-05:00',
      '2026-03-08T00:30:00.000-05:00',
      '2026-03-08T01:00:00.000-05:00',
      '2026-03-08T01:30:00.000-05:00',
      '2026-03-08T03:00:00.000-04:00',
      '2026-03-08T03:30:00.000-04:00',
      '2026-03-08T04:00:00.000-04:00',
      '2026-03-08T04:30:00.000-04:00',
      '2026-03-08T05:00:00.000-04:00',
      '2026-03-08T05:30:00.000-04:00',
    ]);
    expect(slots.some((s) => DateTime.fromMillis(s.start, { zone }).hour === 2)).toBe(false);
  });

  it('offers the repeated hour twice, as distinct instants, on fall-back day', () => {
    const slots = computeSlots(service(30), [everyDay(zone, { start: '00:00', end: '06:00' })], on('2026-11-01', zone));
    // 00:00 EDT → 06:00 EST is seven hours: fourteen slots.
    expect(slots).toHaveLength(14);
    expect(new Set(slots.map((s) => s.start)).size).toBe(14);
    const oneAm = slots.filter((s) => DateTime.fromMillis(s.start, { zone }).hour === 1).map((s) => iso(s.start, zone));
    expect(oneAm).toEqual(['2026-11-01T01:00:00.000-04:00', '2026-11-01T01:30:00.000-04:00', '2026-11-01T01:00:00.000-05:00', '2026-11-01T01:30:00.000-05:00']);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.start - slots[i - 1]!.start).toBe(HOUR / 2);
  });

  it('steps absolute time from a range that opens just before the gap', () => {
    const slots = computeSlots(service(30), [everyDay(zone, { start: '01:00', end: '04:00' })], on('2026-03-08', zone));
    expect(slots.map((s) => DateTime.fromMillis(s.start, { zone }).toFormat('HH:mm'))).toEqual(['01:00', '01:30', '03:00', '03:30']);
  });

  it('opens a range that starts inside the repeated hour at its first occurrence', () => {
    const slots = computeSlots(service(30), [everyDay(zone, { start: '01:00', end: '04:00' })], on('2026-11-01', zone));
    expect(startsIn(slots, zone)).toEqual([
      '2026-11-01T01:00:00.000-04:00',
      '2026-11-01T01:30:00.000-04:00',
      '2026-11-01T01:00:00.000-05:00',
      '2026-11-01T01:30:00.000-05:00',
      '2026-11-01T02:00:00.000-05:00',
      '2026-11-01T02:30:00.000-05:00',
      '2026-11-01T03:00:00.000-05:00',
      '2026-11-01T03:30:00.000-05:00',
    ]);
  });

  it('opens a range that starts in the gap at the end of the gap', () => {
    const slots = computeSlots(service(30), [everyDay(zone, { start: '02:30', end: '04:00' })], on('2026-03-08', zone));
    // 02:30 never happens: the first reading at or after it is 03:00 EDT (not 03:30, the gap's length later).
    expect(startsIn(slots, zone)).toEqual(['2026-03-08T03:00:00.000-04:00', '2026-03-08T03:30:00.000-04:00']);
  });

  it('handles a zone whose midnight is skipped (Santiago, 6 September 2026)', () => {
    const santiago = 'America/Santiago';
    const slots = computeSlots(service(60), [everyDay(santiago, { start: '00:00', end: '03:00' })], on('2026-09-06', santiago));
    // The day begins at 01:00 (−03:00), so the range holds two hours.
    expect(startsIn(slots, santiago)).toEqual(['2026-09-06T01:00:00.000-03:00', '2026-09-06T01:30:00.000-03:00', '2026-09-06T02:00:00.000-03:00']);
  });
});

describe('a window in another zone than the resource', () => {
  it('reads a Tokyo day for a New York resource across the spring-forward switch', () => {
    const ny = 'America/New_York';
    // Tokyo's 9 March is 8 March 11:00 EDT → 9 March 11:00 EDT in New York.
    const slots = computeSlots(service(60), [everyDay(ny, { start: '09:00', end: '17:00' })], on('2026-03-09', 'Asia/Tokyo'));
    expect(slots).toHaveLength(11 + 4);
    expect(iso(slots[0]!.start, ny)).toBe('2026-03-08T11:00:00.000-04:00');
    expect(iso(slots[0]!.start, 'Asia/Tokyo')).toBe('2026-03-09T00:00:00.000+09:00');
    expect(iso(slots[10]!.end, ny)).toBe('2026-03-08T17:00:00.000-04:00');
    expect(iso(slots[11]!.start, ny)).toBe('2026-03-09T09:00:00.000-04:00');
    expect(iso(slots.at(-1)!.start, ny)).toBe('2026-03-09T10:30:00.000-04:00');
    expect(new Date(slots.at(-1)!.start).toISOString()).toBe('2026-03-09T14:30:00.000Z');
  });
});

describe('a range boundary inside a gap or the repeated hour (issue #11)', () => {
  const ny = 'America/New_York';
  // 2027 is beyond the default horizon from NOW.
  const later = (minutes: number, interval: number): ServiceParams => ({ ...service(minutes), slotIntervalMinutes: interval, maxAdvanceDays: 800 });
  const quarter = later(15, 15);

  it('ends a range whose end falls in the gap at the gap: nothing after the posted closing', () => {
    // 00:00–02:30 on 14 March 2027: 02:00–03:00 does not exist, so the day closes at 02:00 EST.
    const slots = computeSlots(quarter, [everyDay(ny, { start: '00:00', end: '02:30' })], on('2027-03-14', ny));
    expect(startsIn(slots, ny).slice(-2)).toEqual(['2027-03-14T01:30:00.000-05:00', '2027-03-14T01:45:00.000-05:00']);
    expect(slots).toHaveLength(8);
    expect(slots.at(-1)!.end).toBe(Date.parse('2027-03-14T07:00:00Z'));
  });

  it('closes a range that opens inside the repeated hour while the clock reads before opening', () => {
    // 01:30–03:00 on 7 November 2027: open 01:30–02:00 EDT, closed while the clock reads 01:00–01:30 EST, open again from 01:30 EST.
    const slots = computeSlots(quarter, [everyDay(ny, { start: '01:30', end: '03:00' })], on('2027-11-07', ny));
    expect(startsIn(slots, ny)).toEqual([
      '2027-11-07T01:30:00.000-04:00',
      '2027-11-07T01:45:00.000-04:00',
      '2027-11-07T01:30:00.000-05:00',
      '2027-11-07T01:45:00.000-05:00',
      '2027-11-07T02:00:00.000-05:00',
      '2027-11-07T02:15:00.000-05:00',
      '2027-11-07T02:30:00.000-05:00',
      '2027-11-07T02:45:00.000-05:00',
    ]);
  });

  it('keeps a range that closes inside the repeated hour to readings before its end, in both passes', () => {
    const slots = computeSlots(later(30, 30), [everyDay(ny, { start: '00:00', end: '01:30' })], on('2027-11-07', ny));
    expect(startsIn(slots, ny)).toEqual(['2027-11-07T00:00:00.000-04:00', '2027-11-07T00:30:00.000-04:00', '2027-11-07T01:00:00.000-04:00', '2027-11-07T01:00:00.000-05:00']);
  });

  it('checks in at the end of the gap when the check-in time falls in it', () => {
    const villa: ResourceAvailabilityInput = { ...everyDay(ny, { start: '00:00', end: '24:00' }), resourceId: 'villa' };
    const stay = { checkInTime: '02:30', checkOutTime: '11:00', minNights: 1, maxNights: 1, minNoticeMinutes: 0, maxAdvanceDays: 800 };
    const [option] = computeStayOptions(stay, villa, on('2027-03-14', ny));
    expect(iso(option!.start, ny)).toBe('2027-03-14T03:00:00.000-04:00');
  });

  // Every transition day of 2026–2027 in zones that shift by an hour (New York, Madrid, Santiago
  // at midnight) and by 30 minutes (Lord Howe).
  const ZONES = ['America/New_York', 'Europe/Madrid', 'America/Santiago', 'Australia/Lord_Howe'];
  const DAYS = ZONES.flatMap((zone) => transitionDays(zone, '2026-01-01', '2027-12-31').map((date) => ({ zone, date })));
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // Boundaries on a 5-minute grid, most of them in 22:00–04:00 where the transitions are.
  const minuteArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 48 }).map((k) => k * 5), weight: 3 }, { arbitrary: fc.integer({ min: 264, max: 288 }).map((k) => k * 5), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 288 }).map((k) => k * 5), weight: 1 });
  const rangeArb = fc
    .tuple(minuteArb, minuteArb)
    .filter(([a, b]) => a !== b)
    .map(([a, b]): TimeRange => ({ start: clock(Math.min(a, b)), end: Math.max(a, b) === 1440 ? '24:00' : clock(Math.max(a, b)) }));

  const readingCache = new Map<string, Map<number, number>>();
  const readingsOf = (zone: string, date: string) => {
    const key = `${zone}|${date}`;
    let map = readingCache.get(key);
    if (!map) readingCache.set(key, (map = new Map(minutesOf(zone, date).map((m) => [m.instant, m.wall]))));
    return map;
  };

  it('never offers a minute outside the posted wall-clock hours on transition days', () => {
    expect(DAYS.length).toBe(16);
    let offered = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...DAYS),
        rangeArb,
        fc.integer({ min: 1, max: 36 }).map((k) => k * 5),
        fc.integer({ min: 1, max: 12 }).map((k) => k * 5),
        fc.constantFrom('same', 'UTC', 'Asia/Tokyo'),
        ({ zone, date }, range, duration, interval, windowZone) => {
          const tz = windowZone === 'same' ? zone : windowZone;
          const from = DateTime.fromISO(date).minus({ days: 1 }).toISODate()!;
          const to = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
          const slots = computeSlots(later(duration, interval), [everyDay(zone, range)], { from, to, timezone: tz, now: NOW });
          offered += slots.length;
          const [open, close] = [toMinutes(range.start), range.end === '24:00' ? 1440 : toMinutes(range.end)];
          for (const slot of slots) {
            // Every minute of the slot belongs to one local date and reads within the range.
            const date0 = DateTime.fromMillis(slot.start, { zone }).toISODate()!;
            const readings = readingsOf(zone, date0);
            for (let t = slot.start; t < slot.end; t += 60_000) {
              const reading = readings.get(t);
              if (reading === undefined || reading < open || reading >= close) {
                expect.fail(`${iso(t, zone)} reads outside ${range.start}–${range.end} on ${date0} (slot from ${iso(slot.start, zone)})`);
              }
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(offered).toBeGreaterThan(2000);
  });
});

describe('the local date of an instant (calendar.dayOf, localDateOf), from the memoised day starts', () => {
  const zones = ['America/New_York', 'America/Santiago', 'Europe/Madrid', 'Australia/Lord_Howe', 'Pacific/Apia', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'UTC'];
  it('agrees with Luxon at every instant, transition days and a skipped date included', () => {
    // Around transitions (the hour either side of local midnight matters most) and anywhere 2010–2030.
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) }),
      fc.constantFrom(Date.UTC(2011, 11, 30, 10), Date.UTC(2011, 11, 29, 9, 59, 59, 999), Date.UTC(2011, 11, 29, 10)), // Apia skipped 30 Dec 2011
      fc.integer({ min: Date.UTC(2026, 8, 5, 0), max: Date.UTC(2026, 8, 7, 0) }), // Santiago's skipped midnight
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, ms) => {
        expect(localDateOf(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
      }),
      { numRuns: 3000 },
    );
    for (const zone of zones) {
      for (const day of transitionDays(zone, '2026-01-01', '2026-12-31')) {
        const midnight = DateTime.fromISO(day, { zone }).startOf('day').toMillis();
        for (const ms of [midnight - 1, midnight, midnight + 1, midnight + HOUR, midnight + 24 * HOUR - 1]) {
          expect(localDateOf(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
        }
      }
    }
  });
});

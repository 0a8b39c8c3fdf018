import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeSlots, type AvailabilityWindow, type ResourceAvailabilityInput, type ServiceParams, type Slot, type TimeRange } from '@/modules/scheduling/availability';

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

  it('moves a boundary that falls in the gap forward by the gap', () => {
    const slots = computeSlots(service(30), [everyDay(zone, { start: '02:30', end: '04:00' })], on('2026-03-08', zone));
    // 02:30 does not exist; it becomes 03:30 EDT.
    expect(startsIn(slots, zone)).toEqual(['2026-03-08T03:30:00.000-04:00']);
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

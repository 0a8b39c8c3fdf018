/**
 * Issue #11, item 13: `/dashboard/<slug>/calendar?date=9999-12-31` (or 0000-01-01) threw and the
 * page never left "Loading the calendar…". Dates parsed from URLs are bounded to the years the
 * app handles, with today as the fallback; the API refuses such dates with a 400.
 */
import { describe, expect, it } from 'vitest';
import { gridHours, parseCalendarQuery, shift, visibleRange } from '@/app/dashboard/[slug]/calendar/_lib';
import { parseBookingFilters } from '@/app/dashboard/_lib/list-query';
import { isSupportedLocalDate } from '@/lib/time';
import { availabilityQuery } from '@/modules/scheduling';

const NOW = new Date('2026-06-03T15:00:00Z');
const ZONE = 'America/Chicago';

describe('dates from dashboard URLs', () => {
  it('falls back to today for dates outside the supported years', () => {
    for (const date of ['9999-12-31', '0000-01-01', '1999-12-31', '2200-01-01', '+10000-01-01', '2026-02-30']) {
      expect(parseCalendarQuery({ date }, ZONE, NOW), date).toEqual({ view: 'week', date: '2026-06-03' });
      expect(parseCalendarQuery({ view: 'day', date }, ZONE, NOW).date, date).toBe('2026-06-03');
    }
    expect(parseCalendarQuery({ date: '2199-12-31' }, ZONE, NOW).date).toBe('2199-12-31');
    expect(parseCalendarQuery({ date: '2000-01-01' }, ZONE, NOW).date).toBe('2000-01-01');
  });

  it('keeps the visible week and the previous/next links within the supported years', () => {
    // 2000-01-01 is a Saturday: its week starts in 1999.
    expect(visibleRange({ view: 'week', date: '2000-01-01' })).toEqual({ from: '2000-01-01', to: '2000-01-02' });
    expect(visibleRange({ view: 'week', date: '2199-12-31' })).toEqual({ from: '2199-12-30', to: '2199-12-31' });
    expect(shift({ view: 'week', date: '2199-12-31' }, 1)).toBe('2199-12-31');
    expect(shift({ view: 'day', date: '2000-01-01' }, -1)).toBe('2000-01-01');
    expect(shift({ view: 'week', date: '2026-06-03' }, 1)).toBe('2026-06-10');
    for (const r of [visibleRange({ view: 'week', date: '2000-01-01' }), visibleRange({ view: 'week', date: '2199-12-31' })]) {
      expect(isSupportedLocalDate(r.from) && isSupportedLocalDate(r.to)).toBe(true);
    }
  });

  it('drops unsupported dates from the bookings filters', () => {
    expect(parseBookingFilters({ from: '9999-12-31', to: '0000-01-01' })).toMatchObject({ from: '', to: '' });
    expect(parseBookingFilters({ from: '2026-06-01', to: '2026-06-30' })).toMatchObject({ from: '2026-06-01', to: '2026-06-30' });
  });

  it('has the API refuse them with a clear message', () => {
    const result = availabilityQuery.safeParse({ serviceId: `svc_${'0'.repeat(26)}`, from: '9999-12-30', to: '9999-12-31' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain('must be between 2000-01-01 and 2199-12-31');
  });
});

describe('the calendar grid (#9.2)', () => {
  it('keeps a resource id from the URL and drops anything else', () => {
    const id = `res_0${'a'.repeat(25)}`;
    expect(parseCalendarQuery({ resource: id }, ZONE, NOW).resource).toBe(id);
    for (const resource of ['res_x', 'svc_' + 'a'.repeat(26), '<script>', '']) expect(parseCalendarQuery({ resource }, ZONE, NOW).resource).toBeUndefined();
  });

  it('runs from the earliest opening to the latest closing, stretched to the bookings shown', () => {
    const shop = [
      { ranges: [{ start: '08:00', end: '18:00' }] },
      { ranges: [{ start: '09:00', end: '15:00' }] },
      { ranges: [] },
    ];
    expect(gridHours(shop, [], ZONE)).toEqual({ min: 8, max: 18 });
    expect(gridHours([{ ranges: [{ start: '09:30', end: '17:30' }] }], [], ZONE)).toEqual({ min: 9, max: 18 });
    // A booking at 06:30–07:15 and one ending 20:10 widen it.
    const early = { start: '2026-06-03T06:30:00-05:00', end: '2026-06-03T07:15:00-05:00' };
    const late = { start: '2026-06-03T19:00:00-05:00', end: '2026-06-03T20:10:00-05:00' };
    expect(gridHours(shop, [early, late], ZONE)).toEqual({ min: 6, max: 21 });
    // Past midnight: the rest of the day.
    expect(gridHours(shop, [{ start: '2026-06-03T22:00:00-05:00', end: '2026-06-04T01:00:00-05:00' }], ZONE)).toEqual({ min: 8, max: 24 });
    expect(gridHours([], [], ZONE)).toEqual({ min: 7, max: 20 });
    expect(gridHours([{ ranges: [{ start: '00:00', end: '24:00' }] }], [], ZONE)).toEqual({ min: 0, max: 24 });
  });
});

/**
 * "Add to calendar" (#9.11): the .ics file parses with an independent iCalendar parser
 * (Mozilla's ical.js) to the booking's instants, with text escaped and long lines folded; the
 * Google Calendar link carries the same times in UTC.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { googleCalendarUrl, icsFile } from '@/app/_lib/calendar-event';

const event = {
  uid: 'bkg_01abc@bookline',
  title: 'Full Detail · One Detail At A Time',
  start: '2026-12-10T09:00:00-06:00',
  end: '2026-12-10T13:00:00-06:00',
  description: `https://bookline.example/one-detail-at-a-time/bookings/manage?token=${'x'.repeat(43)}`,
  location: '4318 Broadway St, 78209 San Antonio; gate, code "12\\34"\nsecond line',
};

describe('a booking as a calendar event', () => {
  it('writes an iCalendar file another parser reads back exactly', () => {
    const text = icsFile(event, new Date('2026-12-06T12:00:00Z'));
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    const parsed = new ICAL.Event(vevent);
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.summary).toBe(event.title);
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-12-10T15:00:00.000Z');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-12-10T19:00:00.000Z');
    expect(parsed.location).toBe(event.location);
    expect(parsed.description).toBe(event.description);
  });

  it('links to Google Calendar with the same UTC times', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('dates')).toBe('20261210T150000Z/20261210T190000Z');
    expect(url.searchParams.get('text')).toBe(event.title);
    expect(url.searchParams.get('location')).toBe(event.location);
  });
});

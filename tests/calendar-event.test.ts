/**
 * "Add to calendar" (#9.11): the .ics file parses with an independent iCalendar parser
 * (Mozilla's ical.js) to the booking's instants, with text escaped and long lines folded; the
 * Google Calendar link carries the same times in UTC.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { googleCalendarUrl, icsFile } from '@/app/_lib/calendar-event';
import { bookingEventUid, icsFeed } from '@/lib/ical';

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

  it('writes a zoned event with a VTIMEZONE an independent parser resolves on both sides of a DST change', () => {
    // Sunday 1 November 2026, 01:30 happens twice in Chicago; the booking runs 00:30 CDT → 02:30 CST.
    const zoned = { ...event, timezone: 'America/Chicago', start: '2026-11-01T00:30:00-05:00', end: '2026-11-01T02:30:00-06:00', sequence: 3 };
    const text = icsFile(zoned, new Date('2026-10-01T12:00:00Z'), 'request');
    expect(text).toContain('METHOD:REQUEST');
    expect(text).toContain('DTSTART;TZID=America/Chicago:20261101T003000');
    expect(text).toContain('DTEND;TZID=America/Chicago:20261101T023000');
    expect(text).toMatch(/DTSTAMP:20261001T120000Z/);
    const root = new ICAL.Component(ICAL.parse(text));
    for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const parsed = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
    expect(parsed.startDate.zone?.tzid).toBe('America/Chicago');
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-11-01T08:30:00.000Z');
    expect(parsed.sequence).toBe(3);
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED for the same UID', () => {
    const text = icsFile({ ...event, timezone: 'Europe/Madrid', sequence: 1 }, new Date('2026-12-06T12:00:00Z'), 'cancel');
    const root = new ICAL.Component(ICAL.parse(text));
    expect(root.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = root.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('uid')).toBe(event.uid);
  });

  it('a zone without daylight saving gets one STANDARD observance', () => {
    const text = icsFile({ ...event, timezone: 'America/Bogota' }, new Date('2026-12-06T12:00:00Z'));
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/Bogota\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0500/);
    expect(text).not.toContain('BEGIN:DAYLIGHT');
  });

  it('links to Google Calendar with the same UTC times', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('dates')).toBe('20261210T150000Z/20261210T190000Z');
    expect(url.searchParams.get('text')).toBe(event.title);
    expect(url.searchParams.get('location')).toBe(event.location);
  });

  it('writes a feed of many events with the emails’ UIDs, one VTIMEZONE, and DTSTAMP/LAST-MODIFIED in UTC from each event’s last change', () => {
    const events = [
      { uid: bookingEventUid('bkg_a'), title: 'Cut · Ana', start: '2026-10-30T10:00:00-05:00', end: '2026-10-30T11:00:00-05:00', timezone: 'America/Chicago', sequence: 0, lastModified: '2026-10-01T08:00:00.000Z' },
      { uid: bookingEventUid('bkg_b'), title: 'Cut · Bo', start: '2026-11-02T10:00:00-06:00', end: '2026-11-02T11:00:00-06:00', timezone: 'America/Chicago', sequence: 2, status: 'cancelled' as const, lastModified: '2026-10-05T09:30:00.000Z' },
    ];
    const feed = { name: 'Staff 1 · Salon', timezone: 'America/Chicago', from: new Date('2026-09-20T00:00:00Z'), to: new Date('2027-10-20T00:00:00Z'), events, refreshSeconds: 900 };
    const text = icsFeed(feed);
    expect(icsFeed(feed)).toBe(text); // the same data, the same bytes (the route's ETag)
    expect(text).not.toContain('METHOD:');
    expect(text).toContain('X-WR-CALNAME:Staff 1 · Salon');
    expect(text).toContain('X-WR-TIMEZONE:America/Chicago');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT15M');
    expect(text).toContain('DTSTAMP:20261005T093000Z');
    expect(text).toContain('LAST-MODIFIED:20261001T080000Z');
    const root = new ICAL.Component(ICAL.parse(text));
    expect(root.getAllSubcomponents('vtimezone')).toHaveLength(1);
    for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const [a, b] = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect([a!.uid, b!.uid]).toEqual(['bkg_a@bookline', 'bkg_b@bookline']);
    expect(a!.startDate.toJSDate().toISOString()).toBe('2026-10-30T15:00:00.000Z');
    expect(b!.startDate.toJSDate().toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(b!.sequence).toBe(2);
    expect(b!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

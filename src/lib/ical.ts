/**
 * The one iCalendar (RFC 5545) generator: the "Add to calendar" download and the .ics attached
 * to booking emails both come from here, built with ical-generator. An event with a time zone
 * is written in that zone (DTSTART;TZID=…) with a VTIMEZONE describing the zone's offsets and
 * daylight-saving changes around the event, so calendar apps show the business's wall-clock
 * time on either side of a DST change; without one, times go out in UTC. Calendar feeds
 * (`icsFeed`, modules/feeds) write many events the same way, with the same UIDs and SEQUENCE
 * as the emails' files, so a calendar app that has both merges them into one event.
 */
import ical, { type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

export interface CalendarEvent {
  /** Stable per booking, so importing the file twice (or a later update) changes one event. */
  uid: string;
  title: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  /** IANA zone the event is written in (the business's); omitted: UTC. */
  timezone?: string;
  description?: string;
  location?: string;
  url?: string;
  /** Revision: bumped on each significant change (a reschedule), so calendars take the update. */
  sequence?: number;
  /** When the event last changed (ISO 8601): LAST-MODIFIED, and DTSTAMP in a feed. */
  lastModified?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

/** A booking's event UID: the same in every email's file and every feed, so calendar apps keep one event. */
export function bookingEventUid(bookingId: string): string {
  return `${bookingId}@bookline`;
}

/** PUBLISH: a file to import; REQUEST: an invitation (email) that adds or updates; CANCEL: removes it. */
export type IcsMethod = 'publish' | 'request' | 'cancel';

const methods = { publish: ICalCalendarMethod.PUBLISH, request: ICalCalendarMethod.REQUEST, cancel: ICalCalendarMethod.CANCEL } as const;
const statuses = { confirmed: ICalEventStatus.CONFIRMED, tentative: ICalEventStatus.TENTATIVE, cancelled: ICalEventStatus.CANCELLED } as const;

export function icsFile(event: CalendarEvent, now: Date = new Date(), method: IcsMethod = 'publish'): string {
  const zone = validZone(event.timezone);
  const start = new Date(event.start);
  const end = new Date(event.end);
  const calendar = ical({
    prodId,
    method: methods[method],
    ...(zone ? { timezone: { name: zone, generator: (tz: string) => vtimezone(tz, start, end) } } : {}),
  });
  addEvent(calendar, event, zone, now, method);
  // With a calendar time zone, ical-generator writes DTSTAMP as a floating local time; RFC 5545
  // wants it in UTC.
  return calendar.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${utcStamp(now.toISOString())}`);
}

export interface CalendarFeed {
  /** The calendar's name in the app (X-WR-CALNAME). */
  name: string;
  /** IANA zone every event is written in; its VTIMEZONE covers `from`…`to`. */
  timezone: string;
  /** The span the feed covers (the VTIMEZONE lists the offset changes around it). */
  from: Date;
  to: Date;
  events: CalendarEvent[];
  /** How often calendar apps should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshSeconds: number;
}

/**
 * A subscribable calendar (RFC 5545 without METHOD, RFC 7986 REFRESH-INTERVAL): the same
 * events as the emails' files, in `feed.timezone` with its VTIMEZONE. DTSTAMP is each event's
 * last change, not the time of the request, so the same data always gives the same bytes (the
 * route's ETag).
 */
export function icsFeed(feed: CalendarFeed): string {
  const zone = validZone(feed.timezone);
  const calendar = ical({
    prodId,
    name: feed.name,
    ttl: feed.refreshSeconds,
    // No calendar-level name: DTSTAMP and LAST-MODIFIED then go out in UTC, as RFC 5545 wants;
    // the generator still writes a VTIMEZONE for the zone the events name.
    ...(zone ? { timezone: { name: null, generator: (tz: string) => vtimezone(tz, feed.from, feed.to) }, x: [['X-WR-TIMEZONE', zone]] as [string, string][] } : {}),
  });
  for (const event of feed.events) addEvent(calendar, event, zone, new Date(event.lastModified ?? event.start), null);
  return calendar.toString();
}

const prodId = { company: 'Bookline', product: 'Bookings', language: 'EN' };

function validZone(timezone: string | undefined): string | null {
  return timezone && timezone !== 'UTC' && DateTime.now().setZone(timezone).isValid ? timezone : null;
}

function addEvent(calendar: ICalCalendar, event: CalendarEvent, zone: string | null, stamp: Date, method: IcsMethod | null): void {
  const start = new Date(event.start);
  const end = new Date(event.end);
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence ?? 0,
    stamp: DateTime.fromJSDate(stamp, { zone: 'UTC' }),
    // Luxon values in the zone: ical-generator writes a native Date's UTC digits under the TZID.
    start: DateTime.fromJSDate(start, { zone: zone ?? 'UTC' }),
    end: DateTime.fromJSDate(end, { zone: zone ?? 'UTC' }),
    ...(zone ? { timezone: zone } : {}),
    ...(event.lastModified ? { lastModified: DateTime.fromISO(event.lastModified, { zone: 'UTC' }) } : {}),
    summary: event.title,
    description: event.description ?? null,
    location: event.location ?? null,
    url: event.url ?? null,
    status: method === 'cancel' ? ICalEventStatus.CANCELLED : event.status ? statuses[event.status] : null,
    organizer: event.organizer ? { name: event.organizer.name, email: event.organizer.email } : null,
    attendees: event.attendee ? [{ name: event.attendee.name, email: event.attendee.email, rsvp: false }] : [],
  });
}

export function googleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({ action: 'TEMPLATE', text: event.title, dates: `${utcStamp(event.start)}/${utcStamp(event.end)}` });
  if (event.description) params.set('details', event.description);
  if (event.location) params.set('location', event.location);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** 2026-12-10T15:00:00-06:00 → 20261210T210000Z */
function utcStamp(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const DAY = 86_400_000;

/** ±HHMM, as TZOFFSETFROM/TO want it. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/**
 * VTIMEZONE for `zone`, listing each offset change from the start of the year before the
 * event to the end of the year after it (explicit observances, no RRULE: exact for the dates
 * that matter, whatever the zone's rules were then). A zone without changes in that window gets
 * one STANDARD observance.
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
  const firstYear = new Date(from).getUTCFullYear() - 1;
  const lastYear = new Date(to).getUTCFullYear() + 2;
  // The block depends only on the zone and the years it spans, and scanning them day by day
  // costs ~14 ms (measured per .ics here): every email and feed reuses the one computed.
  const key = `${zone}|${firstYear}|${lastYear}`;
  const known = vtimezoneCache.get(key);
  if (known !== undefined) return known;
  const block = computeVtimezone(zone, Date.UTC(firstYear, 0, 1), Date.UTC(lastYear, 0, 1));
  if (vtimezoneCache.size >= VTIMEZONE_CACHE_MAX) vtimezoneCache.delete(vtimezoneCache.keys().next().value!);
  vtimezoneCache.set(key, block);
  return block;
}

const VTIMEZONE_CACHE_MAX = 256;
const vtimezoneCache = new Map<string, string>();

function computeVtimezone(zone: string, windowStart: number, windowEnd: number): string {
  const observances: string[] = [];
  let previous = offsetAt(zone, windowStart);
  for (let t = windowStart + DAY; t <= windowEnd; t += DAY) {
    const current = offsetAt(zone, t);
    if (current === previous) continue;
    // Narrow the change to the minute (zones change on the hour or half hour; be exact anyway).
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === previous) lo = mid;
      else hi = mid;
    }
    const isDst = DateTime.fromMillis(hi, { zone }).isInDST;
    // DTSTART is the local time just before the change, in the offset being left (RFC 5545 3.6.5).
    const local = DateTime.fromMillis(hi + previous * 60_000, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss");
    const kind = isDst ? 'DAYLIGHT' : 'STANDARD';
    const name = DateTime.fromMillis(hi, { zone }).toFormat('ZZZZ');
    observances.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offsetText(previous)}`, `TZOFFSETTO:${offsetText(current)}`, `TZNAME:${name}`, `END:${kind}`);
    previous = current;
  }
  if (observances.length === 0) {
    const name = DateTime.fromMillis(windowStart, { zone }).toFormat('ZZZZ');
    observances.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offsetText(previous)}`, `TZOFFSETTO:${offsetText(previous)}`, `TZNAME:${name}`, 'END:STANDARD');
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observances, 'END:VTIMEZONE'].join('\r\n');
}

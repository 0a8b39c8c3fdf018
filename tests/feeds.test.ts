/**
 * Calendar feeds (#12.4): create, list and revoke through the API with their permissions and
 * tenant walls; the public feed parsed back with an independent iCalendar parser (Mozilla's
 * ical.js): events in the organization's zone with its VTIMEZONE on both sides of a DST change,
 * the emails' UIDs, SEQUENCE raised by a reschedule and a cancellation, ETag revalidation, and
 * 404 for unknown, revoked and departed members' feeds. Runs on PGlite, and on PostgreSQL with
 * TEST_DATABASE_URL.
 */
import { and, asc, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, calendarFeeds, mailMessages } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { sha256 } from '@/lib/crypto';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers } from '@/modules/notifications';
import { addMember, call, createOrg, readResponse, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, createResource, guest } from './support/scheduling';

// Tuesday 20 October 2026, 07:00 in Chicago (CDT, UTC−5); the clocks fall back on Sunday 1 November.
const NOW = '2026-10-20T12:00:00Z';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h?.close());

interface Feed {
  id: string;
  kind: 'resource' | 'member';
  url: string;
  webcalUrl: string;
  resource: { id: string; name: string } | null;
  member: { userId: string; name: string } | null;
  mine: boolean;
}

async function createFeed(org: TestOrg, user: TestUser, body: Record<string, unknown>): Promise<Feed> {
  const res = await call(h, `/api/v1/orgs/${org.slug}/feeds`, { cookie: user.cookie, body });
  if (res.status !== 201) throw new Error(`create feed: ${res.status} ${res.text}`);
  return res.json as Feed;
}

async function fetchFeed(url: string, headers: Record<string, string> = {}) {
  return readResponse(await h.app.request(new URL(url).pathname, { headers }));
}

async function book(org: TestOrg, serviceId: string, start: string, extra: Record<string, unknown> = {}, user: TestUser = org.owner) {
  const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: user.cookie, body: { serviceId, start, customer: guest(), status: 'confirmed', ...extra } });
  if (res.status !== 201) throw new Error(`book: ${res.status} ${res.text}`);
  return res.json.booking as { id: string; resourceId: string; status: string };
}

/** The feed's events by UID, read with ical.js after registering the feed's own VTIMEZONEs. */
function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = new Map<string, ICAL.Event>();
  for (const v of root.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(v);
    events.set(e.uid, e);
  }
  return { root, events };
}

async function setup() {
  const org = await createOrg(h);
  const { service, resources } = await bookableSetup(h, org, { staff: 2, service: { maxAdvanceDays: 365 } });
  return { org, service, resources };
}

describe('resource feeds', () => {
  it('an owner creates a feed whose URL, once, serves the resource’s bookings in the organization’s zone across a DST change', async () => {
    const { org, service, resources } = await setup();
    const resource = resources[0]!;
    // Friday 30 October 10:00 CDT (UTC−5) and Monday 2 November 10:00 CST (UTC−6).
    const before = await book(org, service.id, '2026-10-30T10:00:00-05:00', { resourceId: resource.id });
    const after = await book(org, service.id, '2026-11-02T10:00:00-06:00', { resourceId: resource.id });
    const elsewhere = await book(org, service.id, '2026-10-30T10:00:00-05:00', { resourceId: resources[1]!.id });

    const feed = await createFeed(org, org.owner, { kind: 'resource', resourceId: resource.id });
    expect(feed.kind).toBe('resource');
    expect(feed.resource).toEqual({ id: resource.id, name: 'Staff 1' });
    expect(feed.url).toMatch(/^https?:\/\/[^/]+\/api\/v1\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https?:/, 'webcal:'));
    // Only the token's hash is kept.
    const token = /feeds\/([^.]+)\.ics$/.exec(feed.url)![1]!;
    const [row] = await h.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const res = await fetchFeed(feed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const text = res.text;
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain('X-WR-CALNAME:Staff 1 · Org');
    expect(text).toContain('X-WR-TIMEZONE:America/Chicago');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT15M');
    expect(text).not.toContain('METHOD:');
    expect(text).toContain('DTSTART;TZID=America/Chicago:20261030T100000');
    expect(text).toContain('DTSTART;TZID=America/Chicago:20261102T100000');
    // DTSTAMP and LAST-MODIFIED in UTC, as RFC 5545 wants.
    for (const line of text.split('\r\n').filter((l) => /^(DTSTAMP|LAST-MODIFIED):/.test(l))) expect(line).toMatch(/:\d{8}T\d{6}Z$/);

    const { root, events } = parse(text);
    expect(root.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(['America/Chicago']);
    expect([...events.keys()].sort()).toEqual([`${before.id}@bookline`, `${after.id}@bookline`].sort());
    expect(events.has(`${elsewhere.id}@bookline`)).toBe(false);
    const first = events.get(`${before.id}@bookline`)!;
    const second = events.get(`${after.id}@bookline`)!;
    expect(first.startDate.zone?.tzid).toBe('America/Chicago');
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-10-30T15:00:00.000Z');
    expect(second.startDate.toJSDate().toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(second.endDate.toJSDate().toISOString()).toBe('2026-11-02T17:00:00.000Z');
    expect(first.sequence).toBe(0);
    expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(first.summary).toMatch(/^Service \w+ · Guest 1$/);
    expect(first.description).toContain(`/dashboard/${org.slug}/bookings/${before.id}`);

    // The creation is audited, without the token.
    const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'calendar_feed.created')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(feed.id);
    expect(JSON.stringify(audit[0])).not.toContain(token);
  });

  it('a reschedule shows with a higher SEQUENCE and the new time; a cancellation as STATUS:CANCELLED; a rejected request not at all', async () => {
    const { org, service, resources } = await setup();
    const resource = resources[0]!;
    const moved = await book(org, service.id, '2026-10-27T09:00:00-05:00', { resourceId: resource.id });
    const cancelled = await book(org, service.id, '2026-10-27T11:00:00-05:00', { resourceId: resource.id });
    const rejected = await book(org, service.id, '2026-10-27T13:00:00-05:00', { resourceId: resource.id, status: 'pending' });
    const pending = await book(org, service.id, '2026-10-27T15:00:00-05:00', { resourceId: resource.id, status: 'pending' });
    const feed = await createFeed(org, org.owner, { kind: 'resource', resourceId: resource.id });
    const first = await fetchFeed(feed.url);
    const etag = first.headers.get('etag')!;
    expect(parse(first.text).events.get(`${moved.id}@bookline`)!.sequence).toBe(0);
    expect(parse(first.text).events.has(`${rejected.id}@bookline`)).toBe(true);

    // Unchanged: a revalidation answers 304 without a body.
    const same = await fetchFeed(feed.url, { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('etag')).toBe(etag);

    const re = await call(h, `/api/v1/orgs/${org.slug}/bookings/${moved.id}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-11-03T14:00:00-06:00' } });
    expect(re.status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${cancelled.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'sick' } })).status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${rejected.id}/reject`, { cookie: org.owner.cookie, body: { reason: 'full' } })).status).toBe(200);

    const changed = await fetchFeed(feed.url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const { events } = parse(changed.text);
    const m = events.get(`${moved.id}@bookline`)!;
    expect(m.sequence).toBe(1);
    expect(m.startDate.toJSDate().toISOString()).toBe('2026-11-03T20:00:00.000Z');
    expect(m.startDate.zone?.tzid).toBe('America/Chicago');
    const c = events.get(`${cancelled.id}@bookline`)!;
    expect(c.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(c.sequence).toBe(1);
    expect(events.has(`${rejected.id}@bookline`)).toBe(false);
    expect(events.get(`${pending.id}@bookline`)!.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
  });

  it('holds the emails’ own events: the same UID and SEQUENCE as the .ics of the move and of the cancellation', async () => {
    const { org, service, resources } = await setup();
    const customer = guest();
    const b = await book(org, service.id, '2026-10-28T09:00:00-05:00', { resourceId: resources[0]!.id, customer });
    const feed = await createFeed(org, org.owner, { kind: 'resource', resourceId: resources[0]!.id });
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${b.id}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-11-04T09:00:00-06:00' } })).status).toBe(200);
    const moved = parse((await fetchFeed(feed.url)).text).events.get(`${b.id}@bookline`)!;
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${b.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'closed' } })).status).toBe(200);
    const cancelled = parse((await fetchFeed(feed.url)).text).events.get(`${b.id}@bookline`)!;

    // The guest's emails, caught, and their .ics read back.
    const catcher = createMailer(h.database.db, { from: 'Bookline <no-reply@bookline.test>' });
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' }), catcher), new Date(Date.parse(NOW) + 60_000), 1000, { organizationId: org.id });
    const caught = await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, org.id)).orderBy(asc(mailMessages.createdAt));
    const sent = new Map<string, ICAL.Event>();
    for (const m of caught.filter((c) => c.to.includes(customer.email))) {
      const ics = (await simpleParser(m.raw)).attachments.find((a) => a.contentType === 'text/calendar');
      if (ics) sent.set(m.topic, new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!));
    }
    const movedMail = sent.get('booking.rescheduled')!;
    const cancelMail = sent.get('booking.status_changed')!;
    expect([movedMail.uid, cancelMail.uid]).toEqual([moved.uid, cancelled.uid]);
    expect([movedMail.sequence, moved.sequence]).toEqual([1, 1]);
    expect([cancelMail.sequence, cancelled.sequence]).toEqual([2, 2]);
    expect(movedMail.startDate.toJSDate().toISOString()).toBe(moved.startDate.toJSDate().toISOString());
  });

  it('covers the last 30 days and the next 365, no more', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { service: { maxAdvanceDays: 500 } });
    // Booked from a clock 40 days earlier: one booking 35 days before NOW, one 25 days before.
    const past = await createHarness({ database: h.database, clock: fixedClock('2026-09-10T12:00:00Z') });
    const old = await call(past, `/api/v1/orgs/${org.slug}/bookings`, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-09-15T10:00:00-05:00', customer: guest() } });
    const recent = await call(past, `/api/v1/orgs/${org.slug}/bookings`, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-09-25T10:00:00-05:00', customer: guest() } });
    expect([old.status, recent.status]).toEqual([201, 201]);
    const near = await book(org, service.id, '2027-10-18T10:00:00-05:00');
    const far = await book(org, service.id, '2027-10-22T10:00:00-05:00');
    const feed = await createFeed(org, org.owner, { kind: 'resource', resourceId: resources[0]!.id });
    const { events } = parse((await fetchFeed(feed.url)).text);
    expect(events.has(`${old.json.booking.id}@bookline`)).toBe(false);
    expect(events.has(`${recent.json.booking.id}@bookline`)).toBe(true);
    expect(events.has(`${near.id}@bookline`)).toBe(true);
    expect(events.has(`${far.id}@bookline`)).toBe(false);
  });
});

describe('member feeds', () => {
  it('a professional’s feed shows the bookings on their resource; a club member’s the bookings they made', async () => {
    const org = await createOrg(h);
    const staff = await addMember(h, org, 'staff');
    const club = await addMember(h, org, 'member');
    const { service, resources } = await bookableSetup(h, org, { staff: 1, service: { maxAdvanceDays: 365 } });
    const theirs = await createResource(h, org, { name: 'Pat', userId: staff.id });
    const withStaff = await call(h, `/api/v1/orgs/${org.slug}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { resourceIds: [resources[0]!.id, theirs.id] } });
    expect(withStaff.status).toBe(200);
    const onTheirs = await book(org, service.id, '2026-10-28T10:00:00-05:00', { resourceId: theirs.id });
    const onOther = await book(org, service.id, '2026-10-28T10:00:00-05:00', { resourceId: resources[0]!.id });
    const clubBooking = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: club.cookie, body: { serviceId: service.id, start: '2026-10-29T10:00:00-05:00', resourceId: resources[0]!.id } });
    expect(clubBooking.status).toBe(201);

    const staffFeed = await createFeed(org, staff, { kind: 'member' });
    expect(staffFeed.member).toEqual({ userId: staff.id, name: staff.name });
    expect(staffFeed.mine).toBe(true);
    expect([...parse((await fetchFeed(staffFeed.url)).text).events.keys()]).toEqual([`${onTheirs.id}@bookline`]);

    const clubFeed = await createFeed(org, club, { kind: 'member' });
    const clubEvents = parse((await fetchFeed(clubFeed.url)).text).events;
    expect([...clubEvents.keys()]).toEqual([`${clubBooking.json.booking.id}@bookline`]);
    expect(clubEvents.has(`${onOther.id}@bookline`)).toBe(false);

    // A member who leaves the organization takes their feed with them.
    const removed = await call(h, `/api/v1/orgs/${org.slug}/members/${staff.memberId}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(removed.status).toBe(204);
    const gone = await fetchFeed(staffFeed.url);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('NOT_FOUND');
  });
});

describe('permissions, listing and revocation', () => {
  it('owners and admins manage resource feeds; others make, see and revoke only their own', async () => {
    const { org, resources } = await setup();
    const admin = await addMember(h, org, 'admin');
    const staff = await addMember(h, org, 'staff');
    const viewer = await addMember(h, org, 'viewer');
    const base = `/api/v1/orgs/${org.slug}/feeds`;

    const refused = await call(h, base, { cookie: staff.cookie, body: { kind: 'resource', resourceId: resources[0]!.id } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    const resourceFeed = await createFeed(org, admin, { kind: 'resource', resourceId: resources[0]!.id });
    const staffFeed = await createFeed(org, staff, { kind: 'member' });
    const viewerFeed = await createFeed(org, viewer, { kind: 'member' });

    // Lists never carry URLs; owners and admins see every feed, others their own.
    const all = await call(h, base, { cookie: org.owner.cookie });
    expect(all.status).toBe(200);
    expect(all.json.data.map((f: Feed) => f.id).sort()).toEqual([resourceFeed.id, staffFeed.id, viewerFeed.id].sort());
    expect(all.text).not.toMatch(/\.ics|webcal|url/i);
    const own = await call(h, base, { cookie: staff.cookie });
    expect(own.json.data.map((f: Feed) => f.id)).toEqual([staffFeed.id]);
    expect(own.json.data[0].mine).toBe(true);
    const onlyResources = await call(h, `${base}?kind=resource`, { cookie: admin.cookie });
    expect(onlyResources.json.data.map((f: Feed) => f.id)).toEqual([resourceFeed.id]);
    expect(onlyResources.json.data[0].createdBy).toEqual({ userId: admin.id, name: admin.name });

    // A resource's feed: 403 to members without feeds:manage; another member's own feed: unknown.
    expect((await call(h, `${base}/${resourceFeed.id}`, { method: 'DELETE', cookie: staff.cookie })).status).toBe(403);
    expect((await call(h, `${base}/${viewerFeed.id}`, { method: 'DELETE', cookie: staff.cookie })).status).toBe(404);
    expect((await fetchFeed(viewerFeed.url)).status).toBe(200);

    // Each revokes their own; an admin revokes anyone's. The URLs then answer 404 in the envelope.
    expect((await call(h, `${base}/${staffFeed.id}`, { method: 'DELETE', cookie: staff.cookie })).status).toBe(204);
    expect((await call(h, `${base}/${viewerFeed.id}`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(204);
    expect((await call(h, `${base}/${resourceFeed.id}`, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(204);
    for (const feed of [staffFeed, viewerFeed, resourceFeed]) {
      const res = await fetchFeed(feed.url);
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
      expect(typeof res.json.error.requestId).toBe('string');
    }
    // Revoked feeds leave the list, and cannot be revoked twice.
    expect((await call(h, base, { cookie: org.owner.cookie })).json.data).toEqual([]);
    expect((await call(h, `${base}/${resourceFeed.id}`, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(404);
    const revokes = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'calendar_feed.revoked')));
    expect(revokes.map((a) => a.entityId).sort()).toEqual([resourceFeed.id, staffFeed.id, viewerFeed.id].sort());
  });

  it('another organization’s feeds and resources are unknown (404)', async () => {
    const a = await setup();
    const b = await setup();
    const feed = await createFeed(a.org, a.org.owner, { kind: 'resource', resourceId: a.resources[0]!.id });
    expect((await call(h, `/api/v1/orgs/${a.org.slug}/feeds`, { cookie: b.org.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${a.org.slug}/feeds/${feed.id}`, { method: 'DELETE', cookie: b.org.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${b.org.slug}/feeds/${feed.id}`, { method: 'DELETE', cookie: b.org.owner.cookie })).status).toBe(404);
    const foreign = await call(h, `/api/v1/orgs/${b.org.slug}/feeds`, { cookie: b.org.owner.cookie, body: { kind: 'resource', resourceId: a.resources[0]!.id } });
    expect(foreign.status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${b.org.slug}/feeds`, { cookie: b.org.owner.cookie })).json.data).toEqual([]);
    expect((await fetchFeed(feed.url)).status).toBe(200);
  });

  it('answers bad input with a 4xx in the envelope, and unknown or malformed feed paths with 404', async () => {
    const { org } = await setup();
    const base = `/api/v1/orgs/${org.slug}/feeds`;
    for (const body of [{}, { kind: 'calendar' }, { kind: 'resource' }, { kind: 'resource', resourceId: 'res_nope' }, { kind: 'member', resourceId: 'x' }]) {
      const res = await call(h, base, { cookie: org.owner.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    expect((await call(h, `${base}?kind=nope`, { cookie: org.owner.cookie })).status).toBe(400);
    expect((await call(h, `${base}/not-a-feed`, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(400);
    expect((await call(h, base, { body: { kind: 'member' } })).status).toBe(401);
    for (const path of [`${'A'.repeat(43)}.ics`, 'A'.repeat(43), `${'A'.repeat(43)}.ics.ics`, '..%2F..%2Fetc%2Fpasswd', `${'x'.repeat(300)}.ics`]) {
      const res = await readResponse(await h.app.request(`/api/v1/feeds/${path}`));
      expect([400, 404], path).toContain(res.status);
      expect(res.json.error.code).toMatch(/^(VALIDATION|NOT_FOUND)$/);
    }
  });
});

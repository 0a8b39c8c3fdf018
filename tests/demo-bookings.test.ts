/**
 * Demo bookings: each demo organization with a catalog gets a history and a diary, placed
 * through the booking use cases, so they carry every guarantee a real booking does.
 * On a shared PostgreSQL test database another file may have created the demo organizations
 * (and their bookings) first: every assertion reads the bookings table, whichever seeder
 * wrote them.
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingApprovals, bookings, customers, organizations, services } from '@/db/schema';
import { DEMO_PASSWORD, demoBookings, seedDemo } from '@/seed';
import { call, cookieFrom } from './support/factories';
import { waitForDemo } from './support/demo';
import { createHarness, type Harness } from './support/harness';

const slugs = ['one-detail-at-a-time', 'bella-salon', 'reservepty', 'xplorium'];
let h: Harness;
const orgIds = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness();
  await seedDemo(h.database.db);
  for (const [slug, id] of await waitForDemo(h.database.db)) orgIds.set(slug, id);
});
afterAll(() => h.close());

const demoRows = () =>
  h.database.db
    .select()
    .from(bookings)
    // The plans' bookings; the recurring series' occurrences are checked on their own below.
    .where(and(inArray(bookings.organizationId, slugs.map((s) => orgIds.get(s)!)), isNull(bookings.seriesId)));

/** Bookings of the demo organizations, as raw SQL rows (for checks the schema API cannot express). */
const demoIds = () => sql.join(slugs.map((s) => sql`${orgIds.get(s)!}`), sql`, `);

describe('demo bookings', () => {
  it('each organization with a catalog has a history and a diary; the shop has none', async () => {
    const rows = await demoRows();
    const now = Date.now();
    for (const slug of slugs) {
      // The planned bookings; ReservePTY's waitlist adds a hold (demo-waitlist.ts), checked below.
      const mine = rows.filter((b) => b.organizationId === orgIds.get(slug) && b.status !== 'held');
      expect(mine, slug).toHaveLength(demoBookings[slug]!.plans.length);
      const past = mine.filter((b) => b.endsAt.getTime() <= now);
      const future = mine.filter((b) => b.startsAt.getTime() > now);
      expect(past.length, slug).toBeGreaterThan(0);
      expect(future.length, slug).toBeGreaterThan(0);
      // History is settled; the diary has not happened yet.
      expect(past.every((b) => ['completed', 'cancelled', 'no_show', 'rejected'].includes(b.status)), slug).toBe(true);
      expect(future.every((b) => ['pending', 'confirmed', 'cancelled'].includes(b.status)), slug).toBe(true);
      // Roughly the last and next three weeks.
      expect(mine.every((b) => Math.abs(b.startsAt.getTime() - now) < 30 * 86_400_000), slug).toBe(true);
    }
    expect(new Set(rows.map((b) => b.status))).toEqual(new Set(['completed', 'cancelled', 'no_show', 'pending', 'confirmed', 'held']));
    expect(rows.filter((b) => b.status === 'held').map((b) => b.organizationId)).toEqual([orgIds.get('reservepty')]);
    expect(rows.filter((b) => b.status === 'cancelled').every((b) => b.cancellationReason && b.cancelledAt)).toBe(true);
    expect(rows.filter((b) => b.status === 'completed').every((b) => b.completedAt?.getTime() === b.endsAt.getTime() && b.startedAt?.getTime() === b.startsAt.getTime())).toBe(true);
    expect(new Set(rows.map((b) => b.source))).toEqual(new Set(['public', 'staff', 'member']));

    const [shop] = await h.database.db.select({ n: count() }).from(bookings).innerJoin(organizations, eq(organizations.id, bookings.organizationId)).where(eq(organizations.slug, 'bookline-shop'));
    expect(shop?.n).toBe(0);
  });

  it('no resource is ever in two places at once (active or past), and group seats fit', async () => {
    const overlaps = (await h.database.db.execute(sql`
      select a.id, b.id as other from bookings a
      join bookings b on b.organization_id = a.organization_id and b.resource_id = a.resource_id and a.id < b.id and a.blocked_range && b.blocked_range
      where a.organization_id in (${demoIds()}) and a.exclusive and b.exclusive
        and a.status not in ('cancelled', 'rejected') and b.status not in ('cancelled', 'rejected')`)) as unknown as { rows: unknown[] };
    expect(overlaps.rows).toEqual([]);
    const crowded = (await h.database.db.execute(sql`
      select a.id from bookings a join resources r on r.organization_id = a.organization_id and r.id = a.resource_id
      where a.organization_id in (${demoIds()}) and not a.exclusive and a.status in ('pending', 'confirmed', 'in_progress')
        and (select sum(b.seats) from bookings b where b.resource_id = a.resource_id and not b.exclusive
             and b.status in ('pending', 'confirmed', 'in_progress') and b.blocked_range && a.blocked_range) > r.capacity`)) as unknown as { rows: unknown[] };
    expect(crowded.rows).toEqual([]);
  });

  it('every booking has its created event, audit row and outbox message, and a history matching its status', async () => {
    const missing = (await h.database.db.execute(sql`
      select b.id,
        exists (select 1 from booking_events e where e.organization_id = b.organization_id and e.booking_id = b.id and e.action = 'created'
                and e.actor_type = case when b.source = 'member' then 'user' else 'system' end) as event,
        exists (select 1 from audit_log l where l.organization_id = b.organization_id and l.entity = 'booking' and l.entity_id = b.id and l.action = 'booking.created') as audit,
        exists (select 1 from outbox o where o.organization_id = b.organization_id and o.topic = 'booking.created' and o.payload->>'bookingId' = b.id) as outbox,
        exists (select 1 from booking_events e where e.organization_id = b.organization_id and e.booking_id = b.id and e.to_status = b.status
                and e.created_at = (select max(x.created_at) from booking_events x where x.organization_id = b.organization_id and x.booking_id = b.id)) as last_event_matches
      from bookings b where b.organization_id in (${demoIds()})
        -- A waitlist hold is offered inside the change that freed its range (its event: 'held'; the audit row is that change's).
        and b.status <> 'held'
        -- A series' occurrences share one audit row (booking_series.created), checked on their own.
        and b.series_id is null`)) as unknown as { rows: { id: string; event: boolean; audit: boolean; outbox: boolean; last_event_matches: boolean }[] };
    expect(missing.rows.length).toBeGreaterThan(0);
    expect(missing.rows.filter((r) => !r.event || !r.audit || !r.outbox || !r.last_event_matches)).toEqual([]);
    const transitions = (await h.database.db.execute(sql`
      select count(*)::int as n from audit_log l where l.organization_id in (${demoIds()}) and l.action in ('booking.confirm', 'booking.start', 'booking.complete', 'booking.cancel', 'booking.no_show')`)) as unknown as { rows: { n: number }[] };
    expect(transitions.rows[0]!.n).toBeGreaterThan(0);
    // The history's messages are kept but count as delivered: nobody is emailed about it, and
    // the demo's mail catcher starts empty (#12.1).
    const pending = (await h.database.db.execute(sql`
      select count(*)::int as n from outbox o where o.organization_id in (${demoIds()}) and o.status <> 'sent'`)) as unknown as { rows: { n: number }[] };
    expect(pending.rows[0]!.n).toBe(0);
  });

  it('customers are counted: total_bookings is their number of bookings that stand, last_booking_at the latest, and some come back', async () => {
    const ids = slugs.map((s) => orgIds.get(s)!);
    const people = await h.database.db.select().from(customers).where(inArray(customers.organizationId, ids));
    // Every booking counts for its customer, the recurring series' occurrences included.
    const rows = await h.database.db.select().from(bookings).where(inArray(bookings.organizationId, ids));
    expect(people.length).toBeGreaterThan(0);
    for (const c of people) {
      const standing = rows.filter((b) => b.customerId === c.id && b.status !== 'cancelled' && b.status !== 'rejected');
      expect(c.totalBookings, c.email).toBe(standing.length);
      expect(c.lastBookingAt?.getTime() ?? null, c.email).toBe(standing.length ? Math.max(...standing.map((b) => b.startsAt.getTime())) : null);
    }
    expect(rows.some((b) => b.status === 'cancelled')).toBe(true);
    const detailing = people.filter((c) => c.organizationId === orgIds.get('one-detail-at-a-time'));
    expect(detailing.filter((c) => c.totalBookings >= 2).length).toBeGreaterThanOrEqual(2);
    expect(people.every((c) => c.email.endsWith('@example.com') || c.email === 'member@reservepty.demo')).toBe(true);
  });

  it('ReservePTY has stays of several nights, approvals pending and a completed stay; Xplorium has group seats', async () => {
    const db = h.database.db;
    const stays = await db
      .select({ status: bookings.status, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
      .from(bookings)
      .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
      .where(and(eq(bookings.organizationId, orgIds.get('reservepty')!), eq(services.bookingMode, 'multi_day')));
    expect(stays.some((s) => s.endsAt.getTime() - s.startsAt.getTime() > 86_400_000)).toBe(true);
    expect(stays.some((s) => s.status === 'completed')).toBe(true);
    const club = await db.select().from(bookings).where(eq(bookings.organizationId, orgIds.get('reservepty')!));
    expect(club.some((b) => b.status === 'pending')).toBe(true);
    // The member's own requests went through the club's rules: the four-night stay and the flight wait for approval.
    const waiting = await db.select().from(bookingApprovals).where(and(eq(bookingApprovals.organizationId, orgIds.get('reservepty')!), eq(bookingApprovals.status, 'pending')));
    expect(waiting.map((a) => a.ruleName).sort()).toEqual(['Gold members’ flights need approval', 'Stays of more than 3 nights need approval']);
    expect(waiting.every((a) => club.find((b) => b.id === a.bookingId)?.status === 'pending')).toBe(true);

    const play = await db.select().from(bookings).where(eq(bookings.organizationId, orgIds.get('xplorium')!));
    expect(play.some((b) => b.seats > 1 && !b.exclusive)).toBe(true);
    expect(play.some((b) => b.exclusive && typeof b.fieldValues.child_name === 'string')).toBe(true);
  });

  async function signIn(email: string) {
    const res = await h.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return cookieFrom(res.headers);
  }

  it('the pages are not empty: an owner sees pending requests, the club member their own reservations', async () => {
    const owner = await signIn('owner@one-detail-at-a-time.demo');
    const pending = await call(h, '/api/v1/orgs/one-detail-at-a-time/bookings?status=pending', { cookie: owner });
    expect(pending.status).toBe(200);
    expect(pending.json.pagination.total).toBeGreaterThan(0);
    expect(pending.json.data[0]).toMatchObject({ status: 'pending', fields: { vehicle_type: expect.any(String), service_address: expect.objectContaining({ city: 'San Antonio' }) } });

    const member = await signIn('member@reservepty.demo');
    const own = await call(h, '/api/v1/orgs/reservepty/bookings?limit=100', { cookie: member });
    expect(own.status).toBe(200);
    expect(own.json.data.length).toBeGreaterThan(0);
    expect(own.json.data.every((b: { source: string }) => b.source === 'member')).toBe(true);
    // …and the yacht the waitlist holds for them (demo-waitlist.ts).
    expect(new Set(own.json.data.map((b: { status: string }) => b.status))).toEqual(new Set(['completed', 'pending', 'confirmed', 'held']));
    const waitlist = await call(h, '/api/v1/orgs/reservepty/waitlist', { cookie: member });
    expect(waitlist.status).toBe(200);
    expect(waitlist.json.data.map((e: { status: string }) => e.status).sort()).toEqual(['offered', 'waiting']);
    const held = waitlist.json.data.find((e: { status: string }) => e.status === 'offered');
    expect(own.json.data.find((b: { id: string }) => b.id === held.bookingId)?.status).toBe('held');
    const manager = await signIn('manager@reservepty.demo');
    const all = await call(h, '/api/v1/orgs/reservepty/bookings?limit=100', { cookie: manager });
    expect(all.json.pagination.total).toBeGreaterThan(own.json.data.length);
  });

  it('ReservePTY has a recurring Friday yacht day: weekly occurrences at one local time, confirmed, one series audit row', async () => {
    const orgId = orgIds.get('reservepty')!;
    const occurrences = await h.database.db.select().from(bookings).where(and(eq(bookings.organizationId, orgId), sql`${bookings.seriesId} is not null`));
    // Six Fridays, less any the demo's own yacht days already hold (skipped, not double-booked).
    expect(occurrences.length).toBeGreaterThanOrEqual(4);
    expect(new Set(occurrences.map((b) => b.seriesId)).size).toBe(1);
    const local = occurrences.map((b) => new Date(b.startsAt.getTime() - 5 * 3_600_000)); // Panama: UTC−5, no DST
    expect(local.every((d) => d.getUTCDay() === 5 && d.getUTCHours() === local[0]!.getUTCHours())).toBe(true);
    expect(occurrences.every((b) => b.source === 'staff' && b.status === 'confirmed')).toBe(true);
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, orgId), eq(auditLog.entityId, occurrences[0]!.seriesId!)));
    expect(audits.map((r) => r.action).sort()).toEqual(['booking_series.created', 'booking_series.seeded']);
    const manager = await signIn('manager@reservepty.demo');
    const got = await call(h, `/api/v1/orgs/reservepty/bookings/series/${occurrences[0]!.seriesId}`, { cookie: manager });
    expect(got.status).toBe(200);
    expect(got.json.occurrences).toHaveLength(occurrences.length);
    // The demo member's own reservations are theirs only: the club's series is not.
    const member = await signIn('member@reservepty.demo');
    expect((await call(h, `/api/v1/orgs/reservepty/bookings/series/${occurrences[0]!.seriesId}`, { cookie: member })).status).toBe(404);
  });

  it('seeding again adds no bookings', async () => {
    const before = (await demoRows()).length;
    const again = await seedDemo(h.database.db);
    expect(again.created).toEqual([]);
    expect((await demoRows()).length).toBe(before);
  });
});

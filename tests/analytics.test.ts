/**
 * Booking-funnel analytics (#13.4): the booking page's steps (service viewed, time chosen)
 * through the public beacon route, the public booking route's outcomes (details submitted,
 * booked, conflict 409, rule 422, invalid 400), the in-memory counters flushed with one upsert
 * (two counters — two app instances — add up, concurrently too), each step on the
 * organization's local day, pruning after 400 days, and the dashboard's funnel with its
 * permission and tenant walls. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingFunnelDaily } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { flushFunnel, FunnelCounter, funnelCounter, MAX_FUNNEL_KEYS, pruneFunnel, startFunnelFlusher } from '@/modules/analytics';
import { transient } from '@/modules/analytics/flush-funnel';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

// Tuesday 2 June 2026, 03:30 UTC: still Monday 1 June (22:30 CDT) in Chicago, the orgs' zone.
const NOW = '2026-06-02T03:30:00Z';
const LOCAL_TODAY = '2026-06-01';
// Tuesday 2 June 10:00 CDT, inside the Mon–Fri 09:00–17:00 hours.
const SLOT = '2026-06-02T15:00:00Z';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h?.close());

async function setup() {
  const org = await createOrg(h);
  const { service } = await bookableSetup(h, org, { staff: 1 });
  return { org, service };
}

/** Flushes the process's counter (where the routes count) into this file's database. */
const flush = () => flushFunnel(h.database.db, funnelCounter);

async function countsOf(org: TestOrg) {
  const rows = await h.database.db
    .select({ serviceId: bookingFunnelDaily.serviceId, day: bookingFunnelDaily.day, step: bookingFunnelDaily.step, count: bookingFunnelDaily.count })
    .from(bookingFunnelDaily)
    .where(eq(bookingFunnelDaily.organizationId, org.id));
  return Object.fromEntries(rows.map((r) => [`${r.day} ${r.step}`, r.count]));
}

const beacon = (slug: string, body: unknown) => call(h, `/api/v1/public/orgs/${slug}/funnel`, { body });
const bookAsGuest = (org: TestOrg, body: Record<string, unknown>, headers?: Record<string, string>) =>
  call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body, headers });

describe('the booking page’s steps', () => {
  it('counts service viewed and time chosen on the organization’s local day, with no audit row or identity kept', async () => {
    const { org, service } = await setup();
    for (const step of ['service_viewed', 'service_viewed', 'service_viewed', 'time_chosen']) {
      const res = await beacon(org.slug, { serviceId: service.id, step });
      expect(res.status, res.text).toBe(204);
      expect(res.text).toBe('');
    }
    expect(await countsOf(org)).toEqual({}); // nothing written until the flush
    await flush();
    expect(await countsOf(org)).toEqual({ [`${LOCAL_TODAY} service_viewed`]: 3, [`${LOCAL_TODAY} time_chosen`]: 1 });
    const audits = await h.database.db.select().from(auditLog).where(eq(auditLog.organizationId, org.id));
    expect(audits.filter((a) => a.action.includes('funnel'))).toEqual([]);
    // The table has no column that could name a visitor.
    const columns = (await h.database.db.execute(sql`select column_name from information_schema.columns where table_name = 'booking_funnel_daily' order by ordinal_position`)) as unknown as { rows: { column_name: string }[] };
    expect(columns.rows.map((r) => r.column_name)).toEqual(['organization_id', 'service_id', 'day', 'step', 'count']);
  });

  it('answers bad input with the 400 envelope, and unknown or foreign organizations and services with 404', async () => {
    const { org, service } = await setup();
    const other = await setup();
    const bad: unknown[] = [
      {},
      { serviceId: service.id },
      { step: 'service_viewed' },
      { serviceId: service.id, step: 'booked' }, // a server step cannot be claimed by a browser
      { serviceId: service.id, step: 'nope' },
      { serviceId: 'svc_123', step: 'service_viewed' },
      { serviceId: service.id, step: 'service_viewed', email: 'someone@example.test' }, // nothing personal accepted
      [],
      'service_viewed',
    ];
    for (const body of bad) {
      const res = await beacon(org.slug, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    const notJson = await h.app.request(`/api/v1/public/orgs/${org.slug}/funnel`, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(400);
    const notFound = [
      await beacon('no-such-org-here', { serviceId: service.id, step: 'service_viewed' }),
      await beacon(org.slug, { serviceId: other.service.id, step: 'service_viewed' }), // another tenant's service
      await beacon(other.org.slug, { serviceId: service.id, step: 'time_chosen' }),
      await beacon('Bad Slug', { serviceId: service.id, step: 'service_viewed' }),
    ];
    for (const res of notFound) {
      expect(res.status, res.text).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    }
    // An archived service is not offered: 404.
    const archived = await call(h, `/api/v1/orgs/${org.slug}/services/${service.id}/archive`, { cookie: org.owner.cookie, body: {} });
    expect([200, 204]).toContain(archived.status);
    expect((await beacon(org.slug, { serviceId: service.id, step: 'service_viewed' })).status).toBe(404);
    await flush();
    expect(await countsOf(org)).toEqual({});
    expect(await countsOf(other.org)).toEqual({});
  });
});

describe('the booking route’s outcomes', () => {
  it('counts details submitted and booked, conflict (409), rule (422) and invalid (400); not a replay or an unknown service', async () => {
    const { org, service } = await setup();
    const other = await setup();
    const first = { serviceId: service.id, start: SLOT, customer: guest(1) };
    const booked = await bookAsGuest(org, first, { 'idempotency-key': 'funnel-key-1' });
    expect(booked.status, booked.text).toBe(201);
    const replay = await bookAsGuest(org, first, { 'idempotency-key': 'funnel-key-1' });
    expect(replay.status, replay.text).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await bookAsGuest(org, { serviceId: service.id, start: SLOT, customer: guest(2) });
    expect(conflict.status, conflict.text).toBe(409);
    // Sunday 7 June 10:00 CDT: closed.
    const rule = await bookAsGuest(org, { serviceId: service.id, start: '2026-06-07T15:00:00Z', customer: guest(3) });
    expect(rule.status, rule.text).toBe(422);
    const invalid = await bookAsGuest(org, { serviceId: service.id, start: SLOT });
    expect(invalid.status, invalid.text).toBe(400);
    // Not counted: an unknown or foreign service (404), a body naming no service.
    expect((await bookAsGuest(org, { serviceId: other.service.id, start: SLOT, customer: guest(4) })).status).toBe(404);
    expect((await bookAsGuest(org, { start: SLOT, customer: guest(5) })).status).toBe(400);
    await flush();
    expect(await countsOf(org)).toEqual({
      [`${LOCAL_TODAY} details_submitted`]: 4,
      [`${LOCAL_TODAY} booked`]: 1,
      [`${LOCAL_TODAY} conflict`]: 1,
      [`${LOCAL_TODAY} rule`]: 1,
      [`${LOCAL_TODAY} invalid`]: 1,
    });
    expect(await countsOf(other.org)).toEqual({});
  });
});

describe('flushing', () => {
  it('two counters (two app instances) flushing at once add up, on top of what is there', async () => {
    const { org, service } = await setup();
    const a = new FunnelCounter();
    const b = new FunnelCounter();
    const at = new Date(NOW);
    const yesterday = new Date(Date.parse(NOW) - 86_400_000);
    for (let i = 0; i < 50; i++) a.count(org.slug, service.id, 'service_viewed', at);
    for (let i = 0; i < 30; i++) b.count(org.slug, service.id, 'service_viewed', at);
    b.count(org.slug, service.id, 'booked', yesterday, 2);
    a.count('no-such-org-here', service.id, 'service_viewed', at); // dropped: no such organization
    a.count(org.slug, 'svc_01h0000000000000000000000', 'service_viewed', at); // dropped: no such service
    await flushFunnel(h.database.db, a);
    for (let i = 0; i < 7; i++) a.count(org.slug, service.id, 'service_viewed', at);
    const results = await Promise.all([flushFunnel(h.database.db, a), flushFunnel(h.database.db, b)]);
    expect(results.map((r) => r.written)).toEqual([7, 32]);
    expect(a.size + b.size).toBe(0);
    expect(await countsOf(org)).toEqual({ [`${LOCAL_TODAY} service_viewed`]: 87, ['2026-05-31 booked']: 2 });
    expect((await flushFunnel(h.database.db, a)).written).toBe(0);
  });

  it('many instances flushing the same rows concurrently neither deadlock nor lose a count', async () => {
    const { org, service } = await setup();
    const second = await bookableSetup(h, org, { staff: 1 });
    const counters = Array.from({ length: 6 }, () => new FunnelCounter());
    counters.forEach((c, i) => {
      // Opposite insertion orders: the flush sorts, so row locks are always taken in one order.
      const ids = i % 2 ? [service.id, second.service.id] : [second.service.id, service.id];
      for (const id of ids) for (const step of ['service_viewed', 'time_chosen', 'booked'] as const) c.count(org.slug, id, step, new Date(NOW), i + 1);
    });
    await Promise.all(counters.map((c) => flushFunnel(h.database.db, c)));
    const rows = await h.database.db.select().from(bookingFunnelDaily).where(eq(bookingFunnelDaily.organizationId, org.id));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.count === 21)).toBe(true);
  });

  it('bounds the keys a counter holds between flushes, and keeps the counts of keys it has', () => {
    const c = new FunnelCounter();
    const at = new Date(NOW);
    for (let i = 0; i < MAX_FUNNEL_KEYS + 10; i++) c.count(`org-${i}`, 'svc_x', 'service_viewed', at);
    c.count('org-1', 'svc_x', 'service_viewed', at);
    expect(c.size).toBe(MAX_FUNNEL_KEYS);
    const { entries, dropped } = c.take();
    expect(dropped).toBe(10);
    expect(entries.find((e) => e.slug === 'org-1')?.count).toBe(2);
    expect(c.size).toBe(0);
  });

  it('prunes days older than 400 days and keeps the rest', async () => {
    const { org, service } = await setup();
    const now = new Date(NOW);
    const c = new FunnelCounter();
    c.count(org.slug, service.id, 'booked', new Date(now.getTime() - 402 * 86_400_000));
    c.count(org.slug, service.id, 'booked', new Date(now.getTime() - 398 * 86_400_000));
    await flushFunnel(h.database.db, c);
    expect(Object.keys(await countsOf(org))).toHaveLength(2);
    await pruneFunnel(h.database.db, now);
    const left = await h.database.db.select({ day: bookingFunnelDaily.day }).from(bookingFunnelDaily).where(and(eq(bookingFunnelDaily.organizationId, org.id)));
    expect(left).toEqual([{ day: new Date(now.getTime() - 398 * 86_400_000 - 6 * 3_600_000).toISOString().slice(0, 10) }]);
  });
});

describe('the dashboard’s funnel', () => {
  it('totals, conversion by service and the range in local days; owner, admin and manager only; another organization is a 404', async () => {
    const { org, service } = await setup();
    const second = await bookableSetup(h, org, { staff: 1 });
    const c = new FunnelCounter();
    const at = new Date(NOW);
    const tenDaysAgo = new Date(Date.parse(NOW) - 10 * 86_400_000);
    c.count(org.slug, service.id, 'service_viewed', at, 40);
    c.count(org.slug, service.id, 'time_chosen', at, 20);
    c.count(org.slug, service.id, 'details_submitted', at, 12);
    c.count(org.slug, service.id, 'booked', at, 10);
    c.count(org.slug, service.id, 'conflict', at, 1);
    c.count(org.slug, service.id, 'rule', at, 1);
    c.count(org.slug, service.id, 'service_viewed', tenDaysAgo, 60);
    c.count(org.slug, service.id, 'booked', tenDaysAgo, 5);
    await flushFunnel(h.database.db, c);

    const week = await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel?days=7`, { cookie: org.owner.cookie });
    expect(week.status, week.text).toBe(200);
    expect(week.json).toMatchObject({ days: 7, from: '2026-05-26', to: LOCAL_TODAY, timezone: 'America/Chicago', conversionRate: 0.25 });
    expect(week.json.totals).toEqual({ service_viewed: 40, time_chosen: 20, details_submitted: 12, booked: 10, conflict: 1, rule: 1, invalid: 0 });
    const byId = Object.fromEntries(week.json.byService.map((s: { serviceId: string }) => [s.serviceId, s]));
    expect(byId[service.id].conversionRate).toBe(0.25);
    expect(byId[second.service.id]).toMatchObject({ conversionRate: null, counts: { service_viewed: 0, booked: 0 } });

    const month = await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel?days=30`, { cookie: org.owner.cookie });
    expect(month.json.totals.service_viewed).toBe(100);
    expect(month.json.conversionRate).toBe(0.15);
    expect((await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel`, { cookie: org.owner.cookie })).json.days).toBe(30);

    for (const days of ['14', '0', 'x', '7.5']) {
      const res = await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel?days=${days}`, { cookie: org.owner.cookie });
      expect(res.status, days).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    for (const role of ['admin', 'manager'] as const) {
      const member = await addMember(h, org, role);
      expect((await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel`, { cookie: member.cookie })).status, role).toBe(200);
    }
    for (const role of ['staff', 'member', 'viewer'] as const) {
      const member = await addMember(h, org, role);
      const res = await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel`, { cookie: member.cookie });
      expect(res.status, role).toBe(403);
    }
    const outsider = await setup();
    const other = await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel`, { cookie: outsider.org.owner.cookie });
    expect(other.status).toBe(404);
    const own = await call(h, `/api/v1/orgs/${outsider.org.slug}/analytics/funnel?days=90`, { cookie: outsider.org.owner.cookie });
    expect(own.json.totals.service_viewed).toBe(0);
    expect(own.json.conversionRate).toBeNull();
    expect(JSON.stringify(own.json)).not.toContain(service.id);
    expect((await call(h, `/api/v1/orgs/${org.slug}/analytics/funnel`)).status).toBe(401);
  });
});

describe('the flusher', () => {
  it('flushes what is left when it stops (workers.stop(), after the requests in flight)', async () => {
    const { org, service } = await setup();
    const counter = new FunnelCounter();
    const warnings: unknown[] = [];
    const log = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Parameters<typeof startFunnelFlusher>[1];
    const flusher = startFunnelFlusher(h.database.db, log, { counter, intervalMs: 3_600_000, now: () => new Date(NOW) });
    counter.count(org.slug, service.id, 'time_chosen', new Date(NOW), 4);
    expect(await countsOf(org)).toEqual({});
    await flusher.stop();
    expect(await countsOf(org)).toEqual({ [`${LOCAL_TODAY} time_chosen`]: 4 });
    expect(warnings).toEqual([]);
  });

  it('keeps the counts of a flush that failed in passing, and gives up those that would fail every time', async () => {
    const { org, service } = await setup();
    const counter = new FunnelCounter();
    counter.count(org.slug, service.id, 'booked', new Date(NOW), 2);
    // A statement that cannot succeed (a count past the integer column) is dropped, not retried forever.
    counter.count(org.slug, service.id, 'rule', new Date(NOW), 3_000_000_000);
    await expect(flushFunnel(h.database.db, counter)).rejects.toThrow();
    expect(counter.size).toBe(0);
    expect(transient({ cause: { code: '08006' } })).toBe(true);
    expect(transient({ cause: { code: '40P01' } })).toBe(true);
    expect(transient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(transient({ cause: { code: '22003' } })).toBe(false);
  });
});

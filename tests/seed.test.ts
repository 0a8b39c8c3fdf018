import { and, count, eq, gte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingFunnelDaily, bookings, members, organizations, reviews, services } from '@/db/schema';
import { type Ctx, noRequest } from '@/modules/kernel';
import { listDemoAccounts } from '@/modules/organizations';
import { DEMO_PASSWORD, demoOrganizations, seedDemo } from '@/seed';
import { call, cookieFrom } from './support/factories';
import { waitForDemo } from './support/demo';
import { createHarness, type Harness } from './support/harness';
import { usingPostgres } from './support/database';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('demo data', () => {
  it('loads the five organizations with their accounts, once', async () => {
    const first = await seedDemo(h.database.db);
    // A shared PostgreSQL test database may already hold them from an earlier file or run.
    if (!usingPostgres) expect(first.created).toEqual(demoOrganizations.map((o) => o.slug));
    const second = await seedDemo(h.database.db);
    expect(second.created).toEqual([]);
    expect(second.skipped).toEqual(demoOrganizations.map((o) => o.slug));

    for (const demo of demoOrganizations) {
      const [org] = await h.database.db.select().from(organizations).where(eq(organizations.slug, demo.slug));
      expect(org).toMatchObject({ name: demo.name, timezone: demo.timezone, currency: demo.currency, isDemo: true });
      const [n] = await h.database.db.select({ n: count() }).from(members).where(eq(members.organizationId, org!.id));
      expect(n?.n).toBe(demo.accounts.length);
      expect(demo.accounts.filter((a) => a.role === 'owner').map((a) => a.email)).toEqual([`owner@${demo.slug}.demo`]);
      expect(demo.accounts.length).toBeGreaterThanOrEqual(2);
    }
    expect(demoOrganizations.find((o) => o.slug === 'one-detail-at-a-time')?.timezone).toBe('America/Chicago');
    expect(demoOrganizations.find((o) => o.slug === 'reservepty')?.timezone).toBe('America/Panama');
    // The whole demo (five organizations, the shop's catalog and orders, reviews, funnel history)
    // took 22.5 s here with other suites running; a slow CI machine needs more than the default.
  }, 120_000);

  it('is safe when two seeders race (two instances booting on one empty database)', async () => {
    const [a, b] = await Promise.all([seedDemo(h.database.db), seedDemo(h.database.db)]);
    for (const slug of demoOrganizations.map((o) => o.slug)) {
      expect(Number(a.created.includes(slug)) + Number(b.created.includes(slug))).toBeLessThanOrEqual(1);
    }
    const orgs = await h.database.db.select().from(organizations).where(eq(organizations.isDemo, true));
    expect(new Set(orgs.map((o) => o.slug)).size).toBe(orgs.length);
  });

  it('lets a demo owner sign in and reach the dashboard data', async () => {
    await seedDemo(h.database.db);
    const res = await h.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: 'owner@xplorium.demo', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = cookieFrom(res.headers);
    const me = await call(h, '/api/v1/me', { cookie });
    expect(me.json.organizations).toEqual([expect.objectContaining({ slug: 'xplorium', role: 'owner' })]);
    const team = await call(h, '/api/v1/orgs/xplorium/members', { cookie });
    expect(team.json.pagination.total).toBe(2);
  });

  it('gives every demo service 90 days of plausible funnel history before today, shown on the analytics route', async () => {
    await seedDemo(h.database.db);
    await waitForDemo(h.database.db, ['one-detail-at-a-time']);
    const res = await h.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: 'owner@one-detail-at-a-time.demo', password: DEMO_PASSWORD }),
    });
    const cookie = cookieFrom(res.headers);
    const funnel = await call(h, '/api/v1/orgs/one-detail-at-a-time/analytics/funnel?days=90', { cookie });
    expect(funnel.status, funnel.text).toBe(200);
    const { totals, byService } = funnel.json;
    expect(totals.service_viewed).toBeGreaterThan(500);
    expect(totals.booked + totals.conflict + totals.rule + totals.invalid).toBe(totals.details_submitted);
    expect(funnel.json.conversionRate).toBeGreaterThan(0.1);
    expect(funnel.json.conversionRate).toBeLessThan(0.6);
    for (const s of byService) {
      expect(s.counts.service_viewed, s.name).toBeGreaterThan(0);
      expect(s.counts.time_chosen).toBeLessThanOrEqual(s.counts.service_viewed);
      expect(s.counts.details_submitted).toBeLessThanOrEqual(s.counts.time_chosen);
    }
    // Today is left to real visits.
    const [org] = await h.database.db.select().from(organizations).where(eq(organizations.slug, 'one-detail-at-a-time'));
    const today = DateTime.now().setZone(org!.timezone).toISODate()!;
    const [todays] = await h.database.db
      .select({ n: count() })
      .from(bookingFunnelDaily)
      .where(and(eq(bookingFunnelDaily.organizationId, org!.id), gte(bookingFunnelDaily.day, today)));
    expect(todays?.n).toBe(0);
  });

  it("gives the sign-in hint the seed's accounts of the demo organizations present, and no password without one", async () => {
    await seedDemo(h.database.db);
    const ctx: Ctx = { db: h.database.db, tenant: null, actor: { type: 'anonymous' }, now: new Date(), request: noRequest };
    const absent = { slug: 'not-seeded-here', name: 'Not Seeded', accounts: [{ email: 'owner@not-seeded-here.demo', role: 'owner' }] };
    const hint = await listDemoAccounts(ctx, { password: DEMO_PASSWORD, organizations: [...demoOrganizations, absent] });
    expect(hint).toEqual({
      password: DEMO_PASSWORD,
      accounts: demoOrganizations.flatMap((o) => o.accounts.map((a) => ({ email: a.email, role: a.role, organization: o.name }))),
    });
    expect(await listDemoAccounts(ctx, { password: DEMO_PASSWORD, organizations: [absent] })).toEqual({ password: '', accounts: [] });
  });

  it("gives ReservePTY Platinum, Gold and Silver tiers (in Spanish too) and its demo members theirs", async () => {
    await seedDemo(h.database.db);
    const res = await h.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: 'manager@reservepty.demo', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = cookieFrom(res.headers);
    const tiers = await call(h, '/api/v1/orgs/reservepty/tiers', { cookie });
    expect(tiers.status).toBe(200);
    expect(tiers.json.data.map((t: { name: string; rank: number; translations: { es?: { name?: string } }; memberCount: number }) => [t.name, t.rank, t.translations.es?.name, t.memberCount])).toEqual([
      ['Platinum', 1, 'Platino', 1],
      ['Gold', 2, 'Oro', 1],
      ['Silver', 3, 'Plata', 0],
    ]);
    const team = await call(h, '/api/v1/orgs/reservepty/members', { cookie });
    const byEmail = Object.fromEntries((team.json.data as { email: string; tier: { name: string } | null }[]).map((m) => [m.email, m.tier?.name ?? null]));
    expect(byEmail).toEqual({ 'owner@reservepty.demo': 'Platinum', 'manager@reservepty.demo': null, 'member@reservepty.demo': 'Gold' });
  });

  it('gives One Detail At A Time approved and featured service reviews and one pending, on completed bookings, once', async () => {
    await seedDemo(h.database.db);
    await seedDemo(h.database.db);
    const [org] = await h.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, 'one-detail-at-a-time'));
    const rows = await h.database.db
      .select({ status: reviews.status, featured: reviews.featured, bookingStatus: bookings.status })
      .from(reviews)
      .innerJoin(bookings, eq(bookings.id, reviews.bookingId))
      .where(eq(reviews.organizationId, org!.id));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.bookingStatus === 'completed')).toBe(true);
    expect(rows.filter((r) => r.status === 'approved')).toHaveLength(5);
    expect(rows.filter((r) => r.featured)).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
    const featured = await call(h, '/api/v1/public/orgs/one-detail-at-a-time/reviews/featured');
    expect(featured.json.data).toHaveLength(3);
    expect(featured.text).not.toContain('@example.com');
    const [fullDetail] = await h.database.db.select({ id: services.id }).from(services).where(and(eq(services.organizationId, org!.id), eq(services.slug, 'full-detail')));
    const list = await call(h, `/api/v1/public/orgs/one-detail-at-a-time/services/${fullDetail!.id}/reviews`);
    expect(list.json.summary).toEqual({ count: 1, average: 5 });
    expect(list.json.data[0]).toMatchObject({ authorName: 'Emily C.', featured: true });
  });

  it('gives Xplorium three upcoming events with Spanish texts and tickets sold through real orders, the magic show two seats from sold out', async () => {
    await seedDemo(h.database.db);
    await waitForDemo(h.database.db, ['xplorium']);
    const list = await call(h, '/api/v1/public/orgs/xplorium/events?locale=es');
    expect(list.status).toBe(200);
    expect(list.json.data.map((e: { slug: string }) => e.slug)).toEqual(['magic-show', 'science-night', 'lego-workshop']);
    expect(list.json.data[0]).toMatchObject({ title: 'Show de magia con Marko el Magnífico', remaining: 2, soldOut: false, venue: 'Playground', currency: 'RSD' });
    expect(list.text).not.toContain('@example.com');
    const magic = await call(h, '/api/v1/public/orgs/xplorium/events/magic-show?locale=es');
    expect(magic.json.ticketTypes.map((t: { name: string }) => t.name)).toEqual(['Niño', 'Adulto']);
  });
});

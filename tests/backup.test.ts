/**
 * Backup of one organization: export it, import it into a fresh empty database, export again
 * and compare, then use the restored organization through the real app (sign in, 2FA,
 * bookings, availability). On PostgreSQL (TEST_DATABASE_URL) the fresh database is a new
 * database on the same server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { fixedClock } from '@/lib/clock';
import { testEnv } from '@/lib/env';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { flushFunnel, FunnelCounter } from '@/modules/analytics';
import { manageLinkFor } from '@/modules/bookings';
import { deliverOutbox } from '@/modules/kernel';
import { createOutboxHandlers } from '@/modules/notifications';
import { withWebhookFanOut } from '@/modules/webhooks';
import { logger } from '@/lib/logger';
import {
  backupTables,
  exportOrganization,
  importOrganization,
  type OrganizationExport,
  parseExport,
  serializeExport,
  tenantTables,
  unexportedTableNames,
} from '@/modules/backup';
import { openTestDatabase, usingPostgres } from './support/database';
import { addMember, call, cookieFrom, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';
import { totp } from './support/totp';

// Monday 2026-06-01 07:00 in Chicago.
const NOW = '2026-06-01T12:00:00Z';
const now = () => new Date(NOW);
let h: Harness;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await h.close();
});

/** A migrated database with nothing in it: a new in-memory PGlite, or a new PostgreSQL database. */
async function freshDatabase(): Promise<Database> {
  const url = testEnv().TEST_DATABASE_URL;
  if (!url) {
    const database = await openTestDatabase();
    cleanups.push(async () => database.close().catch(() => {}));
    return database;
  }
  const base = new URL(url);
  const name = `${base.pathname.slice(1)}_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), poolMax: 5 });
  await migrate(database);
  cleanups.push(async () => {
    await database.close().catch(() => {});
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.end();
  });
  return database;
}

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}


async function enableTwoFactor(app: Harness, user: TestUser): Promise<string> {
  const enabled = await call(app, '/api/auth/two-factor/enable', { cookie: user.cookie, body: { password: user.password } });
  expect(enabled.status).toBe(200);
  const secret = new URL(enabled.json.totpURI).searchParams.get('secret')!;
  const verified = await call(app, '/api/auth/two-factor/verify-totp', { cookie: user.cookie, body: { code: totp(secret) } });
  expect(verified.status).toBe(200);
  return secret;
}

interface World {
  org: TestOrg;
  serviceId: string;
  /** Every guest booking's manage-link token, as handed out. */
  manageTokens: string[];
  admin: TestUser;
  leaver: TestUser;
  adminTotpSecret: string;
}

/**
 * An organization with something in every tenant table: members of several roles (one in a tier), pending and
 * revoked invitations, catalog with business and resource hours, a closure and a blackout,
 * customers (one merged into another) and bookings in every status with their history.
 */
async function buildWorld(): Promise<World> {
  const org = await createOrg(h);
  const owner = org.owner.cookie;
  const admin = await addMember(h, org, 'admin');
  const staffMember = await addMember(h, org, 'staff');
  await addMember(h, org, 'viewer');
  const leaver = await addMember(h, org, 'admin');
  const base = `/api/v1/orgs/${org.slug}`;

  // Member tiers: one held (members.tier_id must come back pointing at it), one not.
  const gold = await call(h, `${base}/tiers`, { cookie: owner, body: { name: 'Gold', translations: { es: { name: 'Oro' } } } });
  expect(gold.status).toBe(201);
  expect((await call(h, `${base}/tiers`, { cookie: owner, body: { name: 'Silver' } })).status).toBe(201);
  expect((await call(h, `${base}/members/${staffMember.memberId}/tier`, { method: 'PUT', cookie: owner, body: { tierId: gold.json.id } })).status).toBe(200);

  expect((await call(h, `${base}/invitations`, { cookie: owner, body: { email: `pending-${org.slug}@example.test`, role: 'staff' } })).status).toBe(201);
  const revoked = await call(h, `${base}/invitations`, { cookie: owner, body: { email: `revoked-${org.slug}@example.test`, role: 'viewer' } });
  expect((await call(h, `${base}/invitations/${revoked.json.id}`, { method: 'DELETE', cookie: owner })).status).toBe(204);
  // An invitation sent by someone who then leaves: the export must not carry the leaver.
  expect((await call(h, `${base}/invitations`, { cookie: leaver.cookie, body: { email: `from-leaver-${org.slug}@example.test`, role: 'viewer' } })).status).toBe(201);
  expect((await call(h, `${base}/members/${leaver.memberId}`, { method: 'DELETE', cookie: owner })).status).toBe(204);

  const { service, resources } = await bookableSetup(h, org, {
    staff: 2,
    service: {
      durationMinutes: 60,
      slotIntervalMinutes: 60,
      bufferAfterMinutes: 15,
      priceMinor: 4500,
      requiresConfirmation: true,
      customFields: [{ key: 'vehicle', label: 'Vehicle', type: 'select', required: true, options: ['sedan', 'suv'] }],
    },
  });
  const hours = await call(h, `${base}/resources/${resources[1]!.id}/hours`, {
    method: 'PUT',
    cookie: owner,
    body: { weekly: [{ weekday: 2, ranges: [{ start: '10:00', end: '13:00' }, { start: '14:00', end: '18:00' }] }] },
  });
  expect(hours.status).toBe(200);
  expect((await call(h, `${base}/date-overrides`, { cookie: owner, body: { date: '2026-06-05', ranges: [], reason: 'Holiday' } })).status).toBe(201);
  const blackout = await call(h, `${base}/blackouts`, {
    cookie: owner,
    body: { resourceId: resources[0]!.id, startsAt: '2026-06-03T14:00:00-05:00', endsAt: '2026-06-03T16:00:00-05:00', reason: 'Training' },
  });
  expect(blackout.status).toBe(201);

  const manageTokens: string[] = [];
  const book = async (start: string, who = guest()) => {
    const res = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, {
      body: { serviceId: service.id, start, customer: { ...who, phone: '+1 312 555 0100' }, fields: { vehicle: 'suv' }, message: 'Ünïcödé ✓ "quoted"' },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    manageTokens.push(res.json.manageToken);
    return res.json.booking.id as string;
  };
  // Starting, completing and no-shows follow time: those happen on the day, not now.
  const onTheDay = await createHarness({ database: h.database, clock: fixedClock('2026-06-03T20:00:00Z') });
  const act = async (id: string, action: string, body?: unknown) => {
    const res = await call(['start', 'complete', 'no-show'].includes(action) ? onTheDay : h, `${base}/bookings/${id}/${action}`, { cookie: owner, body: body ?? {} });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  };
  const regular = guest(1);
  const pending = await book('2026-06-02T09:00:00-05:00', regular);
  const confirmed = await book('2026-06-02T10:00:00-05:00', regular);
  await act(confirmed, 'confirm');
  const inProgress = await book('2026-06-02T11:00:00-05:00');
  await act(inProgress, 'confirm');
  await act(inProgress, 'start');
  const completed = await book('2026-06-02T13:00:00-05:00');
  await act(completed, 'confirm');
  await act(completed, 'start');
  await act(completed, 'complete');
  // Its guest's review through the manage link, approved (services.rating_* travel with the service).
  const reviewed = await call(h, `/api/v1/public/bookings/${manageTokens[manageTokens.length - 1]}/review`, { body: { rating: 5, title: 'Spotless', body: 'Ünïcödé ✓ "quoted"' } });
  expect(reviewed.status, reviewed.text).toBe(201);
  expect((await call(h, `${base}/reviews/${reviewed.json.id}/approve`, { cookie: owner, method: 'POST' })).status).toBe(200);

  // The shop: a category, a product with two variants sharing one stock item, a stock adjustment,
  // a promo code used by an order that still holds its stock, and a cart left with a line.
  const category = await call(h, `${base}/product-categories`, { cookie: owner, body: { name: 'Care', slug: 'care', translations: { es: { name: 'Cuidado' } } } });
  expect(category.status, category.text).toBe(201);
  const product = await call(h, `${base}/products`, { cookie: owner, body: { title: 'Towel Ünïcödé', slug: 'towel', status: 'active', categoryId: category.json.id, tags: ['cloth'] } });
  expect(product.status, product.text).toBe(201);
  const single = await call(h, `${base}/products/${product.json.id}/variants`, { cookie: owner, body: { sku: 'TOWEL-1', title: 'Single', priceMinor: 400, stock: { onHand: 20 } } });
  expect(single.status, single.text).toBe(201);
  const pack = await call(h, `${base}/products/${product.json.id}/variants`, { cookie: owner, body: { sku: 'TOWEL-3', title: 'Three', priceMinor: 1000, stockItemId: single.json.stockItem.id, unitsPerVariant: 3 } });
  expect(pack.status, pack.text).toBe(201);
  expect((await call(h, `${base}/stock-items/${single.json.stockItem.id}/adjustments`, { cookie: owner, body: { delta: 5, reason: 'delivery' } })).status).toBe(201);
  expect((await call(h, `${base}/promo-codes`, { cookie: owner, body: { code: 'SAVE1', kind: 'fixed', value: 100 } })).status).toBe(201);
  const cartLine = async (variantId: string, quantity: number, cookie?: string) => {
    const res = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines`, { cookie, body: { variantId, quantity } });
    expect(res.status, res.text).toBe(200);
    return cookie ?? res.headers.getSetCookie().find((c) => c.startsWith('bl_cart_'))!.split(';')[0]!;
  };
  const bought = await cartLine(single.json.id, 2);
  await cartLine(pack.json.id, 1, bought);
  const order = await call(h, `/api/v1/public/orgs/${org.slug}/checkout`, { cookie: bought, body: { contact: { ...guest(2), phone: '+1 312 555 0101' }, fulfilment: 'pickup', promoCode: 'SAVE1' } });
  expect(order.status, order.text).toBe(201);
  await cartLine(pack.json.id, 1);
  // An event with a ticket type (its hidden product, variant, own stock item and capacity pool),
  // two tickets sold by a paid digital order, one of them checked in.
  const show = await call(h, `${base}/ticketed-events`, {
    cookie: owner,
    body: { slug: 'magic-show', title: 'Magic show Ünïcödé', translations: { es: { title: 'Show de magia' } }, startsAt: '2026-06-20T18:00:00-05:00', endsAt: '2026-06-20T19:00:00-05:00', capacity: 30, status: 'published' },
  });
  expect(show.status, show.text).toBe(201);
  const seat = await call(h, `${base}/ticketed-events/${show.json.id}/ticket-types`, { cookie: owner, body: { name: 'Child', priceMinor: 900, limit: 20 } });
  expect(seat.status, seat.text).toBe(201);
  const tickets = await call(h, `/api/v1/public/orgs/${org.slug}/checkout`, {
    cookie: await cartLine(seat.json.id, 2),
    body: { contact: guest(4), fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' },
  });
  expect(tickets.status, tickets.text).toBe(201);
  expect(tickets.json.order.tickets).toHaveLength(2);
  expect((await call(h, `${base}/check-in`, { cookie: owner, body: { code: tickets.json.order.tickets[0].code } })).status).toBe(200);
  // A sold-out event (one seat, held by an unpaid order) with a guest on its waitlist: an entry
  // whose link secrets the export leaves out and the import issues afresh.
  const full = await call(h, `${base}/ticketed-events`, {
    cookie: owner,
    body: { slug: 'full-house', title: 'Full house', startsAt: '2026-06-21T18:00:00-05:00', endsAt: '2026-06-21T19:00:00-05:00', capacity: 1, status: 'published' },
  });
  expect(full.status, full.text).toBe(201);
  const lastSeat = await call(h, `${base}/ticketed-events/${full.json.id}/ticket-types`, { cookie: owner, body: { name: 'Seat', priceMinor: 500 } });
  expect(lastSeat.status, lastSeat.text).toBe(201);
  const held = await call(h, `/api/v1/public/orgs/${org.slug}/checkout`, { cookie: await cartLine(lastSeat.json.id, 1), body: { contact: guest(5), fulfilment: 'digital' } });
  expect(held.status, held.text).toBe(201);
  const waitlisted = await call(h, `/api/v1/public/orgs/${org.slug}/events/full-house/waitlist`, { body: { ticketTypeId: lastSeat.json.id, quantity: 1, name: guest(6).name, email: guest(6).email } });
  expect(waitlisted.status, waitlisted.text).toBe(201);
  // A party package with an add-on, booked with its deposit order: service_packages,
  // service_addons, booking_addons, and the booking ↔ order links both ways.
  const party = await call(h, `${base}/services`, {
    cookie: owner,
    body: {
      name: 'Party',
      durationMinutes: 60,
      priceMinor: 20000,
      minNoticeMinutes: 0,
      resourceIds: [resources[0]!.id],
      package: { includedChildren: 10, includedAdults: 5, extraChildMinor: 1000, extraAdultMinor: 500, minGuests: 1, maxGuests: 30, depositType: 'percent', depositValue: 30, cancellationPolicy: [{ minNoticeHours: 72, refundPercent: 50 }] },
    },
  });
  expect(party.status, party.text).toBe(201);
  const cake = await call(h, `${base}/services/${party.json.id}/addons`, { cookie: owner, body: { name: 'Cake', priceMinor: 2500, extraMinutes: 30, translations: { es: { name: 'Pastel' } } } });
  expect(cake.status, cake.text).toBe(201);
  const partyBooking = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, {
    body: { serviceId: party.json.id, start: '2026-06-08T09:00:00-05:00', customer: guest(3), children: 12, adults: 3, addons: [{ addonId: cake.json.id, quantity: 1 }] },
  });
  expect(partyBooking.status, partyBooking.text).toBe(201);
  manageTokens.push(partyBooking.json.manageToken);
  await act(await book('2026-06-03T09:00:00-05:00'), 'cancel', { reason: 'Car sold' });
  await act(await book('2026-06-03T10:00:00-05:00'), 'reject', { reason: 'Out of area' });
  const noShow = await book('2026-06-03T11:00:00-05:00');
  await act(noShow, 'confirm');
  await act(noShow, 'no-show');
  const rescheduled = await call(h, `${base}/bookings/${pending}/reschedule`, { cookie: owner, body: { start: '2026-06-04T09:00:00-05:00' } });
  expect(rescheduled.status).toBe(200);

  // Two customers for one person: merge the duplicate (a self-reference in customers).
  const duplicate = { name: 'Dup Licate', email: `dup-${org.slug}@example.test` };
  await book('2026-06-04T11:00:00-05:00', duplicate);
  await book('2026-06-04T13:00:00-05:00', { ...duplicate, email: `dup2-${org.slug}@example.test` });
  const list = await call(h, `${base}/customers?q=Dup&pageSize=100`, { cookie: owner });
  const [keep, fold] = (list.json.data as { id: string; email: string }[]).sort((a, b) => a.email.localeCompare(b.email));
  expect((await call(h, `${base}/customers/${keep!.id}/merge`, { cookie: owner, body: { sourceIds: [fold!.id] } })).status).toBe(200);

  // Loyalty: a program with its own thresholds and a customer's points (balances and tiers must come back as they were).
  expect((await call(h, `${base}/loyalty`, { method: 'PUT', cookie: owner, body: { enabled: true, silverMin: 500, goldMin: 900, platinumMin: 2000 } })).status).toBe(200);
  expect((await call(h, `${base}/customers/${keep!.id}/loyalty/adjustments`, { cookie: owner, body: { delta: 950, reason: 'Stamp card' } })).status).toBe(201);
  expect((await call(h, `${base}/customers/${keep!.id}/loyalty/adjustments`, { cookie: owner, body: { delta: -100, reason: 'Used in store' } })).status).toBe(201);

  // Booking rules (one for an asset and the Gold tier) and a request waiting for approval (its approval row).
  const tierRule = { name: 'Gold: at most 10 hours', kind: 'duration', params: { maxMinutes: 600 }, scope: 'resource', resourceId: resources[0]!.id, tierId: gold.json.id, outcome: 'warn' };
  expect((await call(h, `${base}/rules`, { cookie: owner, body: tierRule })).status).toBe(201);
  const everyRequest = await call(h, `${base}/rules`, { cookie: owner, body: { name: 'Look at every request', kind: 'duration', params: { maxMinutes: 1 }, outcome: 'approval', adminsExempt: false } });
  expect(everyRequest.status).toBe(201);
  await book('2026-06-04T15:00:00-05:00');
  // Off again, so what the restored organization books is judged as before.
  expect((await call(h, `${base}/rules/${everyRequest.json.id}`, { method: 'PATCH', cookie: owner, body: { active: false } })).status).toBe(200);

  // A waitlist entry: the staff member waits for the time the confirmed booking holds.
  const taken = await call(h, `${base}/bookings/${confirmed}`, { cookie: owner });
  const waiting = await call(h, `${base}/waitlist`, { cookie: staffMember.cookie, body: { serviceId: service.id, resourceId: taken.json.resourceId, start: taken.json.start } });
  expect(waiting.status, waiting.text).toBe(201);
  // A recurring series (booking_series; its occurrences reference it): two weekly dates.
  const series = await call(h, `${base}/bookings/series`, {
    cookie: owner,
    body: { serviceId: service.id, resourceId: resources[0]!.id, start: '2026-06-09T16:00:00-05:00', customer: { name: 'Weekly Wash', email: `weekly-${org.slug}@example.test` }, fields: { vehicle: 'sedan' }, repeat: { freq: 'weekly', count: 2 } },
  });
  expect(series.status, series.text).toBe(201);

  // A webhook endpoint with deliveries queued for it (fanned out by the outbox; nothing is sent).
  const endpoint = await call(h, `${base}/webhooks`, { cookie: owner, body: { url: 'https://93.184.215.14/hooks', eventTypes: ['booking.created', 'customer.created'] } });
  expect(endpoint.status, endpoint.text).toBe(201);
  await deliverOutbox(h.database.db, withWebhookFanOut(createOutboxHandlers(logger())), new Date(NOW), 1000, { organizationId: org.id });

  // Booking-funnel counts (a date in the primary key): the page's steps, flushed on two days.
  const funnel = new FunnelCounter();
  funnel.count(org.slug, service.id, 'service_viewed', new Date(NOW), 12);
  funnel.count(org.slug, service.id, 'booked', new Date(Date.parse(NOW) - 86_400_000), 3);
  await flushFunnel(h.database.db, funnel);

  const adminTotpSecret = await enableTwoFactor(h, admin);
  // That delivery made the bookings the team's notifications; the owner reads one and keeps fewer emails.
  const inbox = await call(h, `${base}/notifications`, { cookie: owner });
  expect(inbox.status, JSON.stringify(inbox.json)).toBe(200);
  expect(inbox.json.data.length).toBeGreaterThan(0);
  expect((await call(h, `${base}/notifications/${inbox.json.data[0].id}/read`, { cookie: owner, method: 'POST' })).status).toBe(200);
  expect((await call(h, `${base}/notification-settings`, { method: 'PATCH', cookie: owner, body: { emailNewBookings: false } })).status).toBe(200);
  return { org, serviceId: service.id, manageTokens, admin, leaver, adminTotpSecret };
}

function summaryAudit(doc: OrganizationExport) {
  return doc.tables.audit_log!.find((r) => r.action === 'organization.imported')!.changes as { after: unknown };
}

/** The second export without the import's own audit row, and without exportedAt. */
function comparable(doc: OrganizationExport, dropImportAudit: boolean): string {
  const tables = { ...doc.tables };
  if (dropImportAudit) tables.audit_log = tables.audit_log!.filter((r) => r.action !== 'organization.imported');
  return serializeExport({ ...doc, exportedAt: 'x', tables });
}

describe('organization export', () => {
  it('covers every table with an organization_id column in the database, and nothing needs a sequence', async () => {
    const columns = await rows<{ table_name: string; column_name: string; is_generated: string; is_identity: string; column_default: string | null }>(
      h.database,
      sql`select table_name, column_name, is_generated, is_identity, column_default from information_schema.columns
          where table_schema = 'public' and table_name in (select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organization_id')
          order by table_name, column_name`,
    );
    const inDatabase = [...new Set(columns.map((c) => c.table_name))].sort();
    // Every one but the secrets of manage links, which no file carries, and the mail catcher's
    // copies of sent messages (their bodies hold those links), and shop carts (a visitor's session).
    expect(unexportedTableNames).toEqual(['booking_manage_tokens', 'mail_messages', 'calendar_feeds', 'carts', 'cart_lines']);
    expect(tenantTables.map((t) => t.name).sort()).toEqual(inDatabase.filter((t) => !unexportedTableNames.includes(t)));
    // Every stored column of every tenant table is exported (a column added only in SQL would be lost).
    for (const table of tenantTables) {
      const stored = columns.filter((c) => c.table_name === table.name && c.is_generated === 'NEVER').map((c) => c.column_name).sort();
      expect(table.columns.map((c) => c.name).sort(), table.name).toEqual(stored);
    }
    // Identity or serial columns would need their sequences moved on import; there are none.
    expect(columns.filter((c) => c.is_identity === 'YES' || c.column_default?.includes('nextval('))).toEqual([]);
  });

  it('is byte-identical for the same data apart from exportedAt, ordered by id, with instants in UTC ISO 8601', async () => {
    const world = await buildWorld();
    const first = await exportOrganization(h.database.db, world.org.slug, { now: now() });
    const second = await exportOrganization(h.database.db, world.org.slug, { now: new Date('2026-06-02T00:00:00Z') });
    expect(second.exportedAt).toBe('2026-06-02T00:00:00.000Z');
    expect(serializeExport({ ...second, exportedAt: first.exportedAt })).toBe(serializeExport(first));
    expect(first).toMatchObject({ format: 'bookline-org-export', version: 1, schemaMigration: expect.stringMatching(/^\d{4}_/) });
    for (const [name, tableRows] of Object.entries(first.tables)) {
      const ids = tableRows.map((r) => String(r.id ?? `${r.service_id}/${r.resource_id}`));
      expect(ids, name).toEqual([...ids].sort()); // ASCII ids: code-unit order is byte order
    }
    expect(first.organization.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    const booking = first.tables.bookings!.find((b) => b.status === 'completed')!;
    expect(booking).toMatchObject({ starts_at: '2026-06-02T18:00:00+00:00', blocked_range: '["2026-06-02 18:00:00+00","2026-06-02 19:15:00+00")', field_values: { vehicle: 'suv' } });
  });

  it("holds the members' identities but nothing of other users or sessions", async () => {
    const world = await buildWorld();
    const doc = await exportOrganization(h.database.db, world.org.slug, { now: now() });
    const text = serializeExport(doc);
    expect(doc.tables.user!.map((u) => u.email).sort()).toHaveLength(4);
    expect(doc.tables.account!.every((a) => typeof a.password === 'string' && a.password.length > 20)).toBe(true);
    expect(doc.tables.two_factor!.map((t) => t.user_id)).toEqual([world.admin.id]);
    // The leaver's address stays in the organization's own history (the invitation they
    // accepted, its audit row); their account — name, password hash — does not travel.
    expect(doc.tables.user!.map((u) => u.id)).not.toContain(world.leaver.id);
    expect(doc.tables.account!.map((a) => a.user_id)).not.toContain(world.leaver.id);
    expect(text).toContain(world.leaver.email);
    const fromLeaver = doc.tables.invitations!.find((i) => String(i.email).startsWith('from-leaver-'))!;
    expect(fromLeaver.invited_by_user_id).toBeNull();
    expect(Object.keys(doc.tables)).not.toContain('session');
    expect(Object.keys(doc.tables)).not.toContain('verification');
  });

  it('carries no manage-link secrets: no tokens, hashes or ciphertexts', async () => {
    const world = await buildWorld();
    const doc = await exportOrganization(h.database.db, world.org.slug, { now: now() });
    const text = serializeExport(doc);
    expect(Object.keys(doc.tables)).not.toContain('booking_manage_tokens');
    const stored = await rows<{ token_hash: string; token_ciphertext: string | null }>(
      h.database,
      sql`select token_hash, token_ciphertext from booking_manage_tokens where organization_id = ${world.org.id}`,
    );
    // Every booking has one, the recurring series' two occurrences included (their links are not handed out here).
    expect(stored.length).toBe(world.manageTokens.length + 2);
    for (const secret of [...world.manageTokens, ...stored.map((r) => r.token_hash), ...stored.flatMap((r) => (r.token_ciphertext ? [r.token_ciphertext] : []))]) {
      expect(text).not.toContain(secret);
    }
    // A file that does carry them was not written by our export: refused.
    const forged = { ...doc, tables: { ...doc.tables, booking_manage_tokens: [{ id: 'bmt_x', organization_id: world.org.id }] } };
    await expect(importOrganization(h.database.db, forged, { now: now() })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('booking_manage_tokens') });

    // Orders' status links likewise: the rows travel, their link secrets do not.
    const orderLinks = await rows<{ status_token_hash: string; status_token_sealed: string }>(
      h.database,
      sql`select status_token_hash, status_token_sealed from orders where organization_id = ${world.org.id}`,
    );
    // The shop's order, the party's deposit order, the event tickets' order and the full house's held seat.
    expect(orderLinks.length).toBe(4);
    expect(doc.tables.orders).toHaveLength(4);
    for (const o of doc.tables.orders!) expect(o).toMatchObject({ status_token_hash: null, status_token_sealed: null });
    for (const secret of orderLinks.flatMap((r) => [r.status_token_hash, r.status_token_sealed])) expect(text).not.toContain(secret);
    const withLink = { ...doc, tables: { ...doc.tables, orders: doc.tables.orders!.map((r) => ({ ...r, status_token_hash: orderLinks[0]!.status_token_hash })) } };
    await expect(importOrganization(h.database.db, withLink, { now: now() })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('status_token_hash') });

    // An event waitlist entry's link too.
    const entryLinks = await rows<{ token_hash: string; token_sealed: string }>(h.database, sql`select token_hash, token_sealed from event_waitlist_entries where organization_id = ${world.org.id}`);
    expect(entryLinks.length).toBe(1);
    expect(doc.tables.event_waitlist_entries).toHaveLength(1);
    for (const e of doc.tables.event_waitlist_entries!) expect(e).toMatchObject({ token_hash: null, token_sealed: null });
    for (const secret of entryLinks.flatMap((r) => [r.token_hash, r.token_sealed])) expect(text).not.toContain(secret);
  });

  it('answers 404-style for an unknown organization', async () => {
    await expect(exportOrganization(h.database.db, 'no-such-org', { now: now() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('organization import', () => {
  it('round-trips into an empty database: the same export, and the organization works', { timeout: 90_000 }, async () => {
    const world = await buildWorld();
    const exported = await exportOrganization(h.database.db, world.org.slug, { now: now() });
    for (const table of backupTables) expect(exported.tables[table.name]?.length ?? 0, `no rows in ${table.name} to prove its round trip`).toBeGreaterThan(0);
    const file = serializeExport(exported);

    const target = await freshDatabase();
    const summary = await importOrganization(target.db, parseExport(file), { now: new Date('2026-06-01T12:30:00Z'), source: 'test.json', authSecret: TEST_AUTH_SECRET });
    expect(summary.organization).toEqual({ id: world.org.id, slug: world.org.slug, name: world.org.name });
    expect(summary.rows.bookings).toBe(exported.tables.bookings!.length);

    // The restored order has a fresh status link, not the old one.
    const [linkBefore] = await rows<{ h: string }>(h.database, sql`select status_token_hash as h from orders where organization_id = ${world.org.id} order by id`);
    const [linkAfter] = await rows<{ h: string }>(target, sql`select status_token_hash as h from orders where organization_id = ${world.org.id} order by id`);
    expect(linkAfter!.h).toMatch(/^[0-9a-f]{64}$/);
    expect(linkAfter!.h).not.toBe(linkBefore!.h);

    const again = await exportOrganization(target.db, world.org.slug, { now: now() });
    expect(comparable(again, true)).toBe(comparable(exported, false));
    const audit = again.tables.audit_log!.filter((r) => r.action === 'organization.imported');
    expect(audit).toEqual([
      expect.objectContaining({ actor_type: 'system', actor_user_id: null, entity: 'organization', entity_id: world.org.id, created_at: '2026-06-01T12:30:00+00:00' }),
    ]);
    expect((audit[0]!.changes as { after: { rows: Record<string, number>; source: string } }).after).toMatchObject({ source: 'test.json', rows: summary.rows });

    const restored = await createHarness({ database: target, clock: fixedClock(NOW) });
    const signIn = await call(restored, '/api/auth/sign-in/email', { body: { email: world.org.owner.email, password: world.org.owner.password } });
    expect(signIn.status).toBe(200);
    const ownerCookie = cookieFrom(signIn.headers);
    const wrong = await call(restored, '/api/auth/sign-in/email', { body: { email: world.org.owner.email, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);

    // The admin's second factor came along: password, then a TOTP code from the same secret.
    const adminSignIn = await call(restored, '/api/auth/sign-in/email', { body: { email: world.admin.email, password: world.admin.password } });
    expect(adminSignIn.json.twoFactorRedirect).toBe(true);
    const second = await call(restored, '/api/auth/two-factor/verify-totp', { cookie: cookieFrom(adminSignIn.headers), body: { code: totp(world.adminTotpSecret) } });
    expect(second.status).toBe(200);

    const base = `/api/v1/orgs/${world.org.slug}`;
    const original = await call(h, `${base}/bookings?pageSize=100`, { cookie: world.org.owner.cookie });
    const copy = await call(restored, `${base}/bookings?pageSize=100`, { cookie: ownerCookie });
    expect(copy.status).toBe(200);
    expect(copy.json).toEqual(original.json);
    expect(copy.json.data.map((b: { status: string }) => b.status).sort()).toEqual(
      // Seven pending: two of them the recurring series' occurrences, one the party waiting for its deposit.
      ['cancelled', 'completed', 'confirmed', 'in_progress', 'no_show', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'rejected'].sort(),
    );
    const members = await call(restored, `${base}/members?pageSize=100`, { cookie: ownerCookie });
    expect(members.json).toEqual((await call(h, `${base}/members?pageSize=100`, { cookie: world.org.owner.cookie })).json);

    const availability = `/api/v1/public/orgs/${world.org.slug}/availability?serviceId=${world.serviceId}&from=2026-06-02&to=2026-06-06`;
    const before = await call(h, availability);
    const after = await call(restored, availability);
    expect(after.status).toBe(200);
    expect(after.json).toEqual(before.json);
    expect(after.json.slots.length).toBeGreaterThan(0);

    // The restored organization takes new bookings, and the double-booking guard holds.
    const taken = before.json.slots[0].start as string;
    const fresh = await call(restored, `/api/v1/public/orgs/${world.org.slug}/bookings`, {
      body: { serviceId: world.serviceId, start: taken, resourceId: before.json.slots[0].resourceIds[0], customer: guest(7), fields: { vehicle: 'sedan' } },
    });
    expect(fresh.status).toBe(201);
    // The restored rules judge it: the tier rule passes quietly, the approval rule is off.
    expect(fresh.json.rules).toEqual([]);
    const queue = await call(restored, `${base}/approvals?status=pending`, { cookie: ownerCookie });
    expect(queue.json.data.map((a: { ruleName: string }) => a.ruleName)).toEqual(['Look at every request']);
    const clash = await call(restored, `${base}/bookings/${copy.json.data.find((b: { status: string }) => b.status === 'confirmed').id}/reschedule`, {
      cookie: ownerCookie,
      body: { start: '2026-06-02T11:00:00-05:00', resourceId: copy.json.data.find((b: { status: string }) => b.status === 'in_progress').resourceId },
    });
    expect(clash.status).toBe(409);

    // Links do not travel: the old ones are unknown there; every restored booking has a fresh one.
    for (const token of world.manageTokens) expect((await call(restored, `/api/v1/public/bookings/${token}`)).status).toBe(404);
    expect((summaryAudit(again).after as { manageLinksIssued: number }).manageLinksIssued).toBe(exported.tables.bookings!.length);
    const link = await manageLinkFor(target.db, world.org.id, copy.json.data[0].id, new Date(NOW));
    const view = await call(restored, `/api/v1/public/bookings/${new URL(link!).searchParams.get('token')}`);
    expect(view.status).toBe(200);
    expect(view.json.booking.id).toBe(copy.json.data[0].id);
  });

  it('refuses an organization or a user that already exists, and writes nothing', async () => {
    const world = await buildWorld();
    const doc = parseExport(serializeExport(await exportOrganization(h.database.db, world.org.slug, { now: now() })));
    const count = async () => (await rows<{ n: number }>(h.database, sql`select count(*)::int as n from audit_log where organization_id = ${world.org.id}`))[0]!.n;
    const auditBefore = await count();
    await expect(importOrganization(h.database.db, doc, { now: now() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`already has the organization "${world.org.slug}"`),
    });
    expect(await count()).toBe(auditBefore);

    // Same users, another organization id and slug: refused for the users, nothing written.
    const renamed = { ...doc, organization: { ...doc.organization, id: 'org_01h455vb4pex5vsknk084sn02q', slug: `${world.org.slug}-copy` } };
    renamed.tables = Object.fromEntries(
      Object.entries(doc.tables).map(([name, list]) => [name, list.map((r) => ('organization_id' in r ? { ...r, organization_id: renamed.organization.id } : r))]),
    );
    await expect(importOrganization(h.database.db, renamed, { now: now() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(world.org.owner.email),
    });
    expect(await rows(h.database, sql`select id from organizations where slug = ${`${world.org.slug}-copy`}`)).toEqual([]);
  });

  it('rolls back everything when a row fails part-way', async () => {
    const world = await buildWorld();
    const doc = await exportOrganization(h.database.db, world.org.slug, { now: now() });
    const target = await freshDatabase();
    // Two active bookings of one resource at one time: the exclusion constraint refuses the second,
    // after users, the organization and the catalog were already inserted in the same transaction.
    const [a, b] = doc.tables.bookings!.filter((r) => r.status === 'confirmed' || r.status === 'in_progress');
    const broken = structuredClone(doc);
    Object.assign(broken.tables.bookings!.find((r) => r.id === b!.id)!, {
      resource_id: a!.resource_id,
      starts_at: a!.starts_at,
      ends_at: a!.ends_at,
      blocked_range: a!.blocked_range,
    });
    await expect(importOrganization(target.db, broken, { now: now() })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/Restoring "bookings" failed, so nothing was imported: .*bookings_no_overlap/),
    });
    for (const table of ['user', 'account', 'organizations', 'members', 'services', 'audit_log']) {
      expect(await rows(target, sql`select 1 from ${sql.raw(`"${table}"`)}`), table).toEqual([]);
    }
    // The same file, intact, then imports cleanly into that database.
    await importOrganization(target.db, doc, { now: now() });
    expect(await rows(target, sql`select slug from organizations`)).toEqual([{ slug: world.org.slug }]);
  });

  it('refuses corrupted, foreign and newer files with a clear message', async () => {
    const world = await buildWorld();
    const text = serializeExport(await exportOrganization(h.database.db, world.org.slug, { now: now() }));
    expect(() => parseExport(text.slice(0, text.length / 2))).toThrow(/not valid JSON.*truncated or corrupted/);
    expect(() => parseExport('{"hello":"world"}')).toThrow(/not a Bookline organization export/);
    expect(() => parseExport(text.replace('"version": 1', '"version": 2'))).toThrow(/format version 2; this Bookline reads version 1 only/);
    expect(() => parseExport(text.replace(/"tables": \{/, '"tables": 7, "x": {'))).toThrow(/malformed: tables/);

    const target = await freshDatabase();
    const doc = parseExport(text);
    const cases: [OrganizationExport, RegExp][] = [
      [{ ...doc, schemaMigration: '9999_from_the_future' }, /migration "9999_from_the_future".*Upgrade Bookline/],
      [{ ...doc, tables: { ...doc.tables, secrets: [{ id: 'x' }] } }, /table "secrets" that this Bookline does not know/],
      [{ ...doc, tables: { ...doc.tables, bookings: [{ ...doc.tables.bookings![0], colour: 'red' }] } }, /Row 1 of "bookings" has columns .*: colour/],
      [{ ...doc, tables: { ...doc.tables, customers: [{ ...doc.tables.customers![0], organization_id: 'org_other' }] } }, /Row 1 of "customers" belongs to another organization/],
      [{ ...doc, tables: { ...doc.tables, members: doc.tables.members!.filter((m) => m.role !== 'owner') } }, /no owner among the members/],
      [{ ...doc, tables: { ...doc.tables, user: doc.tables.user!.slice(1) } }, /refers to user .* not in the file/],
      [{ ...doc, tables: { ...doc.tables, services: [{ ...doc.tables.services![0], duration_minutes: 'an hour' }] } }, /Restoring "services" failed, so nothing was imported: invalid input syntax for type integer/],
    ];
    for (const [bad, message] of cases) {
      await expect(importOrganization(target.db, bad, { now: now() })).rejects.toThrow(message);
    }
    // An installation with another auth secret could not check the admin's TOTP codes.
    await expect(importOrganization(target.db, doc, { now: now(), authSecret: 'another-secret-another-secret-another-secret' })).rejects.toThrow(
      /two-factor secrets in this file were encrypted with another auth secret.*BETTER_AUTH_SECRET/,
    );
    expect(await rows(target, sql`select 1 from organizations`)).toEqual([]);
    expect(await rows(target, sql`select 1 from "user"`)).toEqual([]);
  });
});

describe.runIf(usingPostgres)('on PostgreSQL', () => {
  it('exports the same bytes whatever the session time zone and date style', async () => {
    const world = await buildWorld();
    const plain = serializeExport(await exportOrganization(h.database.db, world.org.slug, { now: now() }));
    const url = testEnv().TEST_DATABASE_URL!;
    const odd = new URL(url);
    odd.searchParams.set('options', '-c TimeZone=Asia/Kolkata -c DateStyle=SQL,DMY');
    const other = await openDatabase({ kind: 'postgres', url: odd.toString(), poolMax: 1 });
    try {
      const zone = await rows<{ tz: string }>(other, sql`select current_setting('TimeZone') as tz`);
      expect(zone[0]!.tz).toBe('Asia/Kolkata');
      expect(serializeExport(await exportOrganization(other.db, world.org.slug, { now: now() }))).toBe(plain);
    } finally {
      await other.close();
    }
  });
});

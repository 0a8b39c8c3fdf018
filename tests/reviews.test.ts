/**
 * Reviews (#15.6, seed 000): a guest reviews a completed booking through its manage link, or the
 * signed-in customer who owns it; eligibility (not completed → 422 with the reason, another
 * organization's booking → 404, a second review → 409, markup → 400, length bounds); moderation
 * (approve, reject with a reason, feature only approved; one audit row each; roles); the public
 * list shows approved reviews only, featured first, with the average and count kept by
 * moderation; RLS and the other tenant's rows. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, products, reviews, services, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { newId } from '@/lib/ids';
import { deliverOutbox } from '@/modules/kernel';
import { createOutboxHandlers } from '@/modules/notifications';
import { displayName } from '@/modules/reviews';
import { addMember, call, createOrg, signUp, type TestOrg, type TestUser, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';
import { addProduct, buy } from './support/shop-fixtures';
import { forgetCachedSessions } from '@/modules/identity';

const NOW = '2026-06-01T12:00:00Z';
const PAST = '2026-05-01T12:00:00Z';
let h: Harness;
let past: Harness;
let a: TestOrg;
let b: TestOrg;
let aService: { id: string };
let bService: { id: string };
let manager: TestUser & { memberId: string };
let staff: TestUser & { memberId: string };

const settings = { durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, cancellationNoticeMinutes: 60, maxAdvanceDays: 365 };

function slots(startDay: string) {
  const day = new Date(`${startDay}T00:00:00Z`);
  let hour = 9;
  return () => {
    for (;;) {
      const wd = day.getUTCDay();
      if (wd !== 0 && wd !== 6 && hour < 17) return `${day.toISOString().slice(0, 10)}T${String(hour++).padStart(2, '0')}:00:00-05:00`;
      hour = 9;
      day.setUTCDate(day.getUTCDate() + 1);
    }
  };
}
const pastSlot = slots('2026-05-04');
const futureSlot = slots('2026-06-02');

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  past = await createHarness({ database: h.database, clock: fixedClock(PAST) });
  a = await createOrg(h);
  b = await createOrg(h);
  manager = await addMember(h, a, 'manager');
  staff = await addMember(h, a, 'staff');
  aService = (await bookableSetup(h, a, { service: settings })).service;
  bService = (await bookableSetup(h, b, { service: settings })).service;
});
// `past` shares h's database: closing h closes both.
afterAll(() => h?.close());

interface Booked {
  id: string;
  token: string;
}

/** A guest booking of `org`; completed (it happened a month ago, then was started and completed) unless told otherwise. */
async function guestBooking(org: TestOrg, serviceId: string, opts: { completed?: boolean; customer?: { name: string; email: string } } = {}): Promise<Booked> {
  const completed = opts.completed ?? true;
  const customer = opts.customer ?? { name: `Maria ${uniq()} Garcia`, email: `${uniq('guest')}@example.test` };
  const res = await call(completed ? past : h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId, start: completed ? pastSlot() : futureSlot(), customer } });
  if (res.status !== 201) throw new Error(`booking: ${res.status} ${res.text}`);
  const id = res.json.booking.id as string;
  if (completed) {
    for (const action of ['start', 'complete']) {
      const t = await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/${action}`, { cookie: org.owner.cookie, body: {} });
      if (t.status !== 200) throw new Error(`${action}: ${t.status} ${t.text}`);
    }
  }
  return { id, token: res.json.manageToken as string };
}

const review = (token: string, body: Record<string, unknown>) => call(h, `/api/v1/public/bookings/${token}/review`, { body });
const good = { rating: 5, title: 'Spotless', body: 'The car looks new. Thank you!' };

async function pendingReview(org = a, serviceId = aService.id, body: Record<string, unknown> = good): Promise<string> {
  const booked = await guestBooking(org, serviceId);
  const res = await review(booked.token, body);
  if (res.status !== 201) throw new Error(`review: ${res.status} ${res.text}`);
  return res.json.id as string;
}

const mod = (org: TestOrg, id: string, action: string, body: unknown = {}, user: TestUser = org.owner) =>
  call(h, `/api/v1/orgs/${org.slug}/reviews/${id}/${action}`, { cookie: user.cookie, body, method: action === 'featured' ? 'PUT' : 'POST' });

const auditCount = async (entityId: string) =>
  (await h.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.entityId, entityId)))[0]!.n;

describe('writing a review', () => {
  it('a guest reviews a completed booking through its manage link; it waits for moderation', async () => {
    const booked = await guestBooking(a, aService.id, { customer: { name: 'Lucía  Fernández Ruiz', email: `${uniq('lucia')}@example.test` } });
    const before = await call(h, `/api/v1/public/bookings/${booked.token}/review`);
    expect(before.json).toEqual({ canReview: true, reason: null, review: null });
    const res = await review(booked.token, { ...good, locale: 'es' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ rating: 5, title: 'Spotless', status: 'pending' });
    const [row] = await h.database.db.select().from(reviews).where(eq(reviews.id, res.json.id));
    expect(row).toMatchObject({ organizationId: a.id, subjectType: 'service', serviceId: aService.id, bookingId: booked.id, authorName: 'Lucía R.', locale: 'es', status: 'pending', featured: false });
    expect(await auditCount(res.json.id)).toBe(1);
    const after = await call(h, `/api/v1/public/bookings/${booked.token}/review`);
    expect(after.json).toMatchObject({ canReview: false, reason: 'already_reviewed', review: { id: res.json.id, status: 'pending' } });
  });

  it('refuses a booking that is not completed (422 with the reason), a second review (409), and a wrong link (404)', async () => {
    const upcoming = await guestBooking(a, aService.id, { completed: false });
    const early = await review(upcoming.token, good);
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'not_completed', status: 'confirmed' } });
    expect((await call(h, `/api/v1/public/bookings/${upcoming.token}/review`)).json).toMatchObject({ canReview: false, reason: 'not_completed' });

    const done = await guestBooking(a, aService.id);
    expect((await review(done.token, good)).status).toBe(201);
    const again = await review(done.token, { rating: 1, body: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.json.error.details).toMatchObject({ reason: 'already_reviewed' });

    const wrong = await review('A'.repeat(43), good);
    expect(wrong.status).toBe(404);
  });

  it('two reviews of one booking at once: exactly one is written', async () => {
    const done = await guestBooking(a, aService.id);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => review(done.token, { rating: 1 + (i % 5), body: `attempt ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await h.database.db.select().from(reviews).where(eq(reviews.bookingId, done.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses markup (400) and enforces the bounds on rating, title and body', async () => {
    const done = await guestBooking(a, aService.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ rating: 5, body: 'Great <script>alert(1)</script>' }, 'body'],
      [{ rating: 5, body: 'nice <b>work</b>' }, 'body'],
      [{ rating: 5, title: '<img src=x onerror=alert(1)>', body: 'ok' }, 'title'],
      [{ rating: 0, body: 'ok' }, 'rating'],
      [{ rating: 6, body: 'ok' }, 'rating'],
      [{ rating: 4.5, body: 'ok' }, 'rating'],
      [{ rating: 5, body: '' }, 'body'],
      [{ rating: 5, body: '   ' }, 'body'],
      [{ rating: 5, body: 'x'.repeat(2001) }, 'body'],
      [{ rating: 5, title: 't'.repeat(121), body: 'ok' }, 'title'],
      [{ rating: 5, body: 'ok', locale: 'fr' }, 'locale'],
      [{ rating: 5, body: 'ok', status: 'approved' }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await review(done.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
      if (field) expect(JSON.stringify(res.json.error.details), JSON.stringify(body)).toContain(field);
    }
    // Text that only looks like markup is text: "5 < 6", "I <3 it".
    const ok = await review(done.token, { rating: 4, body: 'Price 5 < 6 stars, I <3 it & more', title: 'x'.repeat(120) });
    expect(ok.status).toBe(201);
    const long = await guestBooking(a, aService.id);
    expect((await review(long.token, { rating: 3, body: 'y'.repeat(2000) })).status).toBe(201);
  });

  it('the signed-in customer who owns a booking reviews it; anyone else gets 404', async () => {
    const customer = await signUp(h);
    const mine = await guestBooking(a, aService.id, { customer: { name: 'Pat Doe', email: customer.email } });
    const stranger = await signUp(h);
    const path = `/api/v1/me/bookings/${mine.id}/review`;
    expect((await call(h, path, { body: good })).status).toBe(401);
    // An email nobody confirmed proves nothing: anyone can sign up with someone else's address.
    await h.database.db.update(users).set({ emailVerified: false }).where(eq(users.id, customer.id));
    forgetCachedSessions(h.auth, customer.id); // written past Better Auth: its cached sessions go
    expect((await call(h, path, { body: good, cookie: customer.cookie })).status).toBe(404);
    await h.database.db.update(users).set({ emailVerified: true }).where(eq(users.id, customer.id));
    forgetCachedSessions(h.auth, customer.id);
    expect((await call(h, path, { body: good, cookie: stranger.cookie })).status).toBe(404);
    expect((await call(h, path, { body: good, cookie: b.owner.cookie })).status).toBe(404);
    const res = await call(h, path, { body: good, cookie: customer.cookie });
    expect(res.status).toBe(201);
    expect((await call(h, path, { body: good, cookie: customer.cookie })).status).toBe(409);
    const [row] = await h.database.db.select().from(reviews).where(eq(reviews.id, res.json.id));
    expect(row).toMatchObject({ authorName: 'Pat D.', bookingId: mine.id });
    const notYet = await guestBooking(a, aService.id, { completed: false, customer: { name: 'Pat Doe', email: customer.email } });
    expect((await call(h, `/api/v1/me/bookings/${notYet.id}/review`, { body: good, cookie: customer.cookie })).status).toBe(422);
  });

  it("tells the team in the inbox: a new review waits for moderation", async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: settings });
    const booked = await guestBooking(org, service.id, { customer: { name: 'Nora Quinn', email: `${uniq('nora')}@example.test` } });
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' })), new Date(Date.parse(NOW) + 60_000), 1000, { organizationId: org.id });
    expect((await review(booked.token, good)).status).toBe(201);
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' })), new Date(Date.parse(NOW) + 60_000), 1000, { organizationId: org.id });
    const inbox = await call(h, `/api/v1/orgs/${org.slug}/notifications`, { cookie: org.owner.cookie });
    const told = (inbox.json.data as { kind: string; entityId: string; data: Record<string, string> }[]).filter((n) => n.kind === 'review.submitted');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ entityId: booked.id, data: { customer: 'Nora Quinn' } });
  });

  it('names authors by first name and initial only', () => {
    expect(displayName('Maria Garcia Lopez')).toBe('Maria L.');
    expect(displayName('  cher ')).toBe('cher');
    expect(displayName('ana élan')).toBe('ana É.');
    expect(displayName('')).toBe('Guest');
  });
});

describe('moderation', () => {
  it('approve, feature, reject with a reason: one audit row each, counters kept in step', async () => {
    const svc = (await bookableSetup(h, a, { service: { ...settings, name: `Wash ${uniq()}` } })).service;
    const r1 = await pendingReview(a, svc.id, { rating: 5, body: 'Superb' });
    const r2 = await pendingReview(a, svc.id, { rating: 2, body: 'Meh' });
    const counters = async () => (await h.database.db.select({ c: services.ratingCount, s: services.ratingSum }).from(services).where(eq(services.id, svc.id)))[0];

    expect((await mod(a, r1, 'featured', { featured: true })).status).toBe(422);
    const approved = await mod(a, r1, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'approved', moderatedByUserId: a.owner.id, moderatedAt: expect.any(String) });
    expect(await counters()).toEqual({ c: 1, s: 5 });
    expect((await mod(a, r1, 'approve')).status).toBe(409);
    expect(await counters()).toEqual({ c: 1, s: 5 });
    expect((await mod(a, r2, 'approve', {}, manager)).status).toBe(200);
    expect(await counters()).toEqual({ c: 2, s: 7 });

    const featured = await mod(a, r1, 'featured', { featured: true });
    expect(featured.json).toMatchObject({ featured: true, status: 'approved' });

    expect((await mod(a, r1, 'reject', {})).status).toBe(400);
    expect((await mod(a, r1, 'reject', { reason: '  ' })).status).toBe(400);
    const rejected = await mod(a, r1, 'reject', { reason: 'Mentions a staff member by full name' });
    expect(rejected.json).toMatchObject({ status: 'rejected', featured: false, rejectionReason: 'Mentions a staff member by full name' });
    expect(await counters()).toEqual({ c: 1, s: 2 });
    // Approving again brings it back, without the reason.
    expect((await mod(a, r1, 'approve')).json).toMatchObject({ status: 'approved', rejectionReason: null, featured: false });
    expect(await counters()).toEqual({ c: 2, s: 7 });

    const actions = await h.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, r1)).orderBy(auditLog.createdAt, auditLog.id);
    expect(actions.map((x) => x.action).sort()).toEqual(['review.approved', 'review.approved', 'review.featured', 'review.rejected', 'review.submitted'].sort());
  });

  it('moderators racing: the counters always equal the approved reviews', async () => {
    const svc = (await bookableSetup(h, a, { service: { ...settings, name: `Race ${uniq()}` } })).service;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await pendingReview(a, svc.id, { rating: 1 + (i % 5), body: `race ${i}` }));
    // Ten approvals of one review at once: one wins, the rest see it approved.
    const same = await Promise.all(Array.from({ length: 10 }, () => mod(a, ids[0]!, 'approve')));
    expect(same.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    // Approvals, rejections and features over all of them at once, two managers.
    const calls = ids.flatMap((id, i) => [mod(a, id, 'approve', {}, i % 2 ? manager : a.owner), mod(a, id, 'reject', { reason: 'race' }, i % 2 ? a.owner : manager), mod(a, id, 'featured', { featured: true })]);
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    const rows = await h.database.db.select({ status: reviews.status, rating: reviews.rating, featured: reviews.featured }).from(reviews).where(eq(reviews.serviceId, svc.id));
    const approved = rows.filter((r) => r.status === 'approved');
    const [counter] = await h.database.db.select({ c: services.ratingCount, s: services.ratingSum }).from(services).where(eq(services.id, svc.id));
    expect(counter).toEqual({ c: approved.length, s: approved.reduce((sum, r) => sum + r.rating, 0) });
    expect(rows.filter((r) => r.featured && r.status !== 'approved')).toEqual([]);
  });

  it('the queue lists pending first, filters by status and subject, and is paginated', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: settings });
    const ids = [await pendingReview(org, service.id), await pendingReview(org, service.id), await pendingReview(org, service.id)];
    await mod(org, ids[0]!, 'approve');
    await mod(org, ids[1]!, 'reject', { reason: 'spam' });
    const all = await call(h, `/api/v1/orgs/${org.slug}/reviews`, { cookie: org.owner.cookie });
    expect(all.status).toBe(200);
    expect(all.json.pagination).toMatchObject({ total: 3, page: 1 });
    expect(all.json.data[0]).toMatchObject({ id: ids[2], status: 'pending' });
    const rejected = await call(h, `/api/v1/orgs/${org.slug}/reviews?status=rejected`, { cookie: org.owner.cookie });
    expect(rejected.json.data.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    expect(rejected.json.data[0].rejectionReason).toBe('spam');
    const products = await call(h, `/api/v1/orgs/${org.slug}/reviews?subject=product`, { cookie: org.owner.cookie });
    expect(products.json.pagination.total).toBe(0);
    const page2 = await call(h, `/api/v1/orgs/${org.slug}/reviews?pageSize=2&page=2`, { cookie: org.owner.cookie });
    expect(page2.json.data).toHaveLength(1);
    expect(page2.json.pagination).toMatchObject({ hasMore: false, totalPages: 2 });
    expect((await call(h, `/api/v1/orgs/${org.slug}/reviews?status=nope`, { cookie: org.owner.cookie })).status).toBe(400);
  });

  it('staff may not moderate (403); another organization answers 404 and its rows stay apart', async () => {
    const id = await pendingReview();
    const byStaff = await mod(a, id, 'approve', {}, staff);
    expect(byStaff.status).toBe(403);
    expect((await call(h, `/api/v1/orgs/${a.slug}/reviews`, { cookie: staff.cookie })).status).toBe(403);
    // B's owner under B's slug: A's review does not exist there.
    const cross = await call(h, `/api/v1/orgs/${b.slug}/reviews/${id}/approve`, { cookie: b.owner.cookie, body: {} });
    expect(cross.status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${a.slug}/reviews/${id}/approve`, { cookie: b.owner.cookie, body: {} })).status).toBe(404);
    const bQueue = await call(h, `/api/v1/orgs/${b.slug}/reviews?pageSize=100`, { cookie: b.owner.cookie });
    expect(bQueue.json.data.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(await auditCount(id)).toBe(1);
  });

  it('row-level security hides another tenant’s reviews from the app role', async () => {
    const id = await pendingReview();
    const seenBy = (orgId: string) =>
      h.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.organization_id', ${orgId}, true)`);
        await tx.execute(sql`set local role bookline_app`);
        return tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, id));
      });
    expect(await seenBy(b.id)).toHaveLength(0);
    expect(await seenBy(a.id)).toHaveLength(1);
  });

  it('the database refuses what the code must never write', async () => {
    const id = await pendingReview();
    const db = h.database.db;
    const refused = async (p: Promise<unknown>) => expect(await p.then(() => 'ok', (e) => (e as { cause?: { code?: string } }).cause?.code)).toBe('23514');
    await refused(db.update(reviews).set({ featured: true }).where(eq(reviews.id, id)));
    await refused(db.update(reviews).set({ rating: 6 }).where(eq(reviews.id, id)));
    await refused(db.update(reviews).set({ status: 'rejected' }).where(eq(reviews.id, id)));
    await refused(db.update(services).set({ ratingCount: 1, ratingSum: 6 }).where(eq(services.id, aService.id)));
  });
});

describe('public reviews', () => {
  it('shows approved reviews only, featured first then newest, with the average and count, and no personal data', async () => {
    const svc = (await bookableSetup(h, a, { service: { ...settings, name: `Polish ${uniq()}` } })).service;
    const email = `${uniq('secret')}@example.test`;
    const booked = await guestBooking(a, svc.id, { customer: { name: 'Hidden Surname', email } });
    const first = (await review(booked.token, { rating: 4, body: 'Good' })).json.id as string;
    const second = await pendingReview(a, svc.id, { rating: 5, body: 'Great' });
    const third = await pendingReview(a, svc.id, { rating: 1, body: 'Bad' });
    const pending = await pendingReview(a, svc.id, { rating: 3, body: 'Not yet shown' });
    await mod(a, first, 'approve');
    await mod(a, second, 'approve');
    await mod(a, third, 'approve');
    await mod(a, third, 'reject', { reason: 'abusive' });
    await mod(a, first, 'featured', { featured: true });

    const res = await call(h, `/api/v1/public/orgs/${a.slug}/services/${svc.id}/reviews`);
    expect(res.status).toBe(200);
    expect(res.json.data.map((r: { id: string }) => r.id)).toEqual([first, second]);
    expect(res.json.summary).toEqual({ count: 2, average: 4.5 });
    expect(res.json.data[0]).toMatchObject({ authorName: 'Hidden S.', featured: true, subject: { type: 'service', id: svc.id } });
    expect(res.text).not.toContain(email);
    expect(res.text).not.toContain('Surname');
    expect(res.text).not.toContain(booked.id);
    expect(res.text).not.toContain(pending);
    expect(res.text).not.toContain('abusive');

    const featured = await call(h, `/api/v1/public/orgs/${a.slug}/reviews/featured`);
    expect(featured.json.data.map((r: { id: string }) => r.id)).toContain(first);
    expect(featured.json.data.map((r: { id: string }) => r.id)).not.toContain(second);

    // Another organization's slug does not show A's service.
    expect((await call(h, `/api/v1/public/orgs/${b.slug}/services/${svc.id}/reviews`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/${a.slug}/services/${bService.id}/reviews`)).status).toBe(404);
  });

  it('product reviews: a line of a received order, through its status link; approval keeps the product counters', async () => {
    const product = await addProduct(h, a, { title: 'Ceramic wax', variants: [{ sku: uniq('WAX-').toUpperCase(), priceMinor: 1500, onHand: 10 }] });
    const variantId = Object.values(product.variants)[0]!.id;
    const placed = await buy(h, a, variantId, 1, { contact: { email: `${uniq('ana')}@example.test`, name: 'Ana Pérez Ruiz' } });
    expect(placed.status, placed.text).toBe(201);
    const { orderId, statusToken } = placed.json as { orderId: string; statusToken: string };
    const base = `/api/v1/public/orgs/${a.slug}/orders/${statusToken}`;
    const eligibility = await call(h, `${base}/reviews`);
    expect(eligibility.status, eligibility.text).toBe(200);
    const [line] = eligibility.json.data as { orderLineId: string; canReview: boolean; reason: string | null }[];
    expect(line).toMatchObject({ productId: product.id, productTitle: 'Ceramic wax', canReview: false, reason: 'not_received' });
    const review = (body: unknown, lineId = line!.orderLineId, path = base) => call(h, `${path}/lines/${lineId}/review`, { body });

    // Paid is not received: 422 with the reason.
    expect((await call(h, `/api/v1/orgs/${a.slug}/orders/${orderId}/pay`, { cookie: a.owner.cookie, body: {} })).status).toBe(200);
    expect((await review({ rating: 5, body: 'Great' })).json.error).toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'not_received' } });
    expect((await call(h, `/api/v1/orgs/${a.slug}/orders/${orderId}/fulfil`, { cookie: a.owner.cookie, body: {} })).status).toBe(200);
    expect((await call(h, `${base}/reviews`)).json.data[0]).toMatchObject({ canReview: true, reason: null, review: null });

    // Markup and a wrong token or line are refused; another organization's slug does not open A's order.
    expect((await review({ rating: 5, body: '<b>Great</b>' })).status).toBe(400);
    expect((await review({ rating: 5, body: 'Great' }, line!.orderLineId, `/api/v1/public/orgs/${a.slug}/orders/${'x'.repeat(32)}`)).status).toBe(404);
    expect((await review({ rating: 5, body: 'Great' }, newId('orderLine'))).status).toBe(404);
    expect((await review({ rating: 5, body: 'Great' }, line!.orderLineId, `/api/v1/public/orgs/${b.slug}/orders/${statusToken}`)).status).toBe(404);

    // Two sends at once: one review, the other 409.
    const sent = await Promise.all([review({ rating: 4, title: 'Shines', body: 'Deep gloss' }), review({ rating: 4, title: 'Shines', body: 'Deep gloss' })]);
    expect(sent.map((r) => r.status).sort()).toEqual([201, 409]);
    const id = sent.find((r) => r.status === 201)!.json.id as string;
    expect((await call(h, `${base}/reviews`)).json.data[0]).toMatchObject({ canReview: false, reason: 'already_reviewed', review: { id, rating: 4 } });
    const [stored] = await h.database.db.select().from(reviews).where(eq(reviews.id, id));
    expect(stored).toMatchObject({ subjectType: 'product', productId: product.id, authorName: 'Ana R.', status: 'pending' });
    // The team hears of it in the inbox, with a link to the Reviews page.
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' })), new Date(Date.parse(NOW) + 60_000), 1000, { organizationId: a.id });
    const inbox = await call(h, `/api/v1/orgs/${a.slug}/notifications`, { cookie: a.owner.cookie });
    expect((inbox.json.data as { entityId: string }[]).filter((n) => n.entityId === id)).toEqual([
      expect.objectContaining({ kind: 'review.submitted', entity: 'review', data: expect.objectContaining({ service: 'Ceramic wax', customer: 'Ana Pérez Ruiz' }) }),
    ]);

    expect((await call(h, `/api/v1/public/orgs/${a.slug}/products/${product.id}/reviews`)).json).toMatchObject({ data: [], summary: { count: 0, average: null } });
    expect((await mod(a, id, 'approve')).status).toBe(200);
    const [p] = await h.database.db.select({ c: products.ratingCount, s: products.ratingSum }).from(products).where(and(eq(products.id, product.id)));
    expect(p).toEqual({ c: 1, s: 4 });
    const res = await call(h, `/api/v1/public/orgs/${a.slug}/products/${product.id}/reviews`);
    expect(res.json).toMatchObject({ data: [{ id, subject: { type: 'product', id: product.id, name: 'Ceramic wax' } }], summary: { count: 1, average: 4 } });
    expect(res.text).not.toContain('Pérez');
    expect((await call(h, `/api/v1/orgs/${a.slug}/reviews?subject=product`, { cookie: a.owner.cookie })).json.data.map((r: { id: string }) => r.id)).toContain(id);
    expect((await mod(a, id, 'reject', { reason: 'off-topic' })).status).toBe(200);
    const [q] = await h.database.db.select({ c: products.ratingCount, s: products.ratingSum }).from(products).where(eq(products.id, product.id));
    expect(q).toEqual({ c: 0, s: 0 });
  });
});

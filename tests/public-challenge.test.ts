/**
 * The public-form challenge (#16.5, decision 0019): an organization's `publicFormChallenge`
 * setting puts its guest bookings, checkout and reviews behind a solved ALTCHA challenge,
 * solved here the way altcha-lib documents (`solveChallenge`). Accepted once; a replay, an
 * expired one, another organization's or one signed with another key is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits, GENEROUS_RATE_LIMITS } from '@/api/middleware/rate-limit';
import { issuePublicChallenge, PUBLIC_CHALLENGE_TTL_SECONDS, publicChallengeKeys } from '@/api/middleware/public-challenge';
import { fixedClock } from '@/lib/clock';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { CHALLENGE_HEADER, solvedChallenge, solvePayload } from './support/challenge';
import { usingPostgres } from './support/database';
import { addMember, call, createOrg, type TestOrg, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';
import { addProduct, addToCart, placeOrder } from './support/shop-fixtures';

const NOW = '2026-06-01T12:00:00Z';
const PAST = '2026-05-01T12:00:00Z';
let h: Harness;
let past: Harness;
let on: TestOrg;
let off: TestOrg;
let other: TestOrg;
let onService: { id: string };
let offService: { id: string };

const settings = { durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, maxAdvanceDays: 365 };
let hour = 0;
/** A free weekday hour from 2026-06-02 on (Mon–Fri 09–17 in America/Chicago, UTC−5 in June). */
function nextSlot(startDay = '2026-06-02'): string {
  const day = new Date(`${startDay}T00:00:00Z`);
  let n = hour++;
  for (;;) {
    const wd = day.getUTCDay();
    if (wd !== 0 && wd !== 6) {
      if (n < 8) return `${day.toISOString().slice(0, 10)}T${String(9 + n).padStart(2, '0')}:00:00-05:00`;
      n -= 8;
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

const customer = () => ({ name: `Maria ${uniq()} Garcia`, email: `${uniq('guest')}@example.test` });
const book = (org: TestOrg, serviceId: string, header?: string, at: Harness = h, start = nextSlot()) =>
  call(at, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId, start, customer: customer() }, headers: header ? { [CHALLENGE_HEADER]: header } : {} });
const solved = (org: TestOrg) => solvedChallenge((path) => call(h, path), org.slug);
const setChallenge = (org: TestOrg, value: boolean) => call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { publicFormChallenge: value } } });

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  past = await createHarness({ database: h.database, clock: fixedClock(PAST) });
  [on, off, other] = [await createOrg(h), await createOrg(h), await createOrg(h)];
  onService = (await bookableSetup(h, on, { service: settings })).service;
  offService = (await bookableSetup(h, off, { service: settings })).service;
  for (const org of [on, other]) expect((await setChallenge(org, true)).status).toBe(200);
});
afterAll(() => h?.close());

describe('public-form challenge', () => {
  it('is off for a new organization: the profile says so and a guest books without one', async () => {
    const profile = await call(h, `/api/v1/public/orgs/${off.slug}`);
    expect(profile.json.publicFormChallenge).toBe(false);
    const org = await call(h, `/api/v1/orgs/${off.slug}`, { cookie: off.owner.cookie });
    expect(org.json.organization.settings.publicFormChallenge).toBeUndefined();
    expect((await book(off, offService.id)).status).toBe(201);
  });

  it('once on, refuses a booking without a solved challenge (403 challenge_required) and accepts a solved one once', async () => {
    expect((await call(h, `/api/v1/public/orgs/${on.slug}`)).json.publicFormChallenge).toBe(true);
    const missing = await book(on, onService.id);
    expect(missing.status).toBe(403);
    expect(missing.json.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'challenge_required' } });
    expect(missing.json.error.message).toMatch(/verification challenge/);

    const header = await solved(on);
    expect((await book(on, onService.id, header)).status).toBe(201);
    const replay = await book(on, onService.id, header);
    expect(replay.status).toBe(403);
    expect(replay.json.error.details).toEqual({ reason: 'challenge_invalid', why: 'reused' });
  });

  it('issues a challenge that expires in 10 minutes, bound to the organization, never cached; 404 for an unknown slug', async () => {
    const res = await call(h, `/api/v1/public/orgs/${on.slug}/challenge`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json.parameters.algorithm).toBe('SHA-256');
    expect(res.json.parameters.expiresAt - Date.now() / 1000).toBeGreaterThan(PUBLIC_CHALLENGE_TTL_SECONDS - 60);
    expect(res.json.parameters.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(PUBLIC_CHALLENGE_TTL_SECONDS);
    expect((await call(h, `/api/v1/public/orgs/${uniq('nobody-')}/challenge`)).status).toBe(404);
  });

  it('refuses an expired challenge, another organization’s, one signed with another key, and garbage', async () => {
    const keys = publicChallengeKeys(TEST_AUTH_SECRET);
    const expired = await solvePayload(await issuePublicChallenge(keys, on.id, new Date(Date.now() - (PUBLIC_CHALLENGE_TTL_SECONDS + 5) * 1000), 100));
    const theirs = await solved(other);
    const forged = await solvePayload(await issuePublicChallenge(publicChallengeKeys('another secret, another server'), on.id, new Date(), 100));
    for (const [header, why] of [
      [expired, 'expired'],
      [theirs, 'other_organization'],
      [forged, 'invalid'],
      ['bm90IGpzb24', 'malformed'],
    ] as const) {
      const res = await book(on, onService.id, header);
      expect(res.status, why).toBe(403);
      expect(res.json.error.details).toEqual({ reason: 'challenge_invalid', why });
    }
    // The other organization's challenge was not used up by the refusal: it still works there.
    const otherService = (await bookableSetup(h, other, { service: settings })).service;
    expect((await book(other, otherService.id, theirs)).status).toBe(201);
  });

  it('guards the checkout and both review links; turned off, none is needed again', async () => {
    // A completed booking and a fulfilled order to review.
    const booked = await book(on, onService.id, await solved(on), past, nextSlot('2026-05-04'));
    expect(booked.status).toBe(201);
    for (const action of ['start', 'complete']) expect((await call(h, `/api/v1/orgs/${on.slug}/bookings/${booked.json.booking.id}/${action}`, { cookie: on.owner.cookie, body: {} })).status).toBe(200);
    const review = { rating: 5, title: 'Great', body: 'Quick and friendly.' };
    const reviewUrl = `/api/v1/public/bookings/${booked.json.manageToken}/review`;
    expect((await call(h, reviewUrl, { body: review })).json.error.details.reason).toBe('challenge_required');
    expect((await call(h, reviewUrl, { body: review, headers: { [CHALLENGE_HEADER]: await solved(on) } })).status).toBe(201);

    const product = await addProduct(h, on, { variants: [{ sku: uniq('SKU-'), priceMinor: 1500, onHand: 5 }] });
    const variantId = Object.values(product.variants)[0]!.id;
    const { cart } = await addToCart(h, on, variantId, 1);
    const refused = await placeOrder(h, on, {}, { cart });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details.reason).toBe('challenge_required');
    const placed = await call(h, `/api/v1/public/orgs/${on.slug}/checkout`, {
      body: { contact: { email: `${uniq('buyer')}@example.test`, name: 'Pat Buyer' }, fulfilment: 'pickup' },
      cookie: cart,
      headers: { [CHALLENGE_HEADER]: await solved(on) },
    });
    expect(placed.status).toBe(201);
    const lines = await call(h, `/api/v1/public/orgs/${on.slug}/orders/${placed.json.statusToken}/reviews`);
    const orderReview = `/api/v1/public/orgs/${on.slug}/orders/${placed.json.statusToken}/lines/${lines.json.data[0].orderLineId}/review`;
    // Not fulfilled yet: the route's own 422, once the challenge is passed; none sent: 403 first.
    expect((await call(h, orderReview, { body: review })).json.error.details.reason).toBe('challenge_required');
    expect((await call(h, orderReview, { body: review, headers: { [CHALLENGE_HEADER]: await solved(on) } })).status).toBe(422);

    expect((await setChallenge(on, false)).status).toBe(200);
    expect((await book(on, onService.id)).status).toBe(201);
    expect((await setChallenge(on, true)).status).toBe(200);
  });

  it('is changed by owners and admins only, and validated', async () => {
    const staff = await addMember(h, off, 'staff');
    const admin = await addMember(h, off, 'admin');
    const patch = (cookie: string, settings: unknown) => call(h, `/api/v1/orgs/${off.slug}`, { method: 'PATCH', cookie, body: { settings } });
    expect((await patch(staff.cookie, { publicFormChallenge: true })).status).toBe(403);
    expect((await patch(off.owner.cookie, { publicFormChallenge: 'yes' })).status).toBe(400);
    const ok = await patch(admin.cookie, { publicFormChallenge: true });
    expect(ok.status).toBe(200);
    expect(ok.json.settings.publicFormChallenge).toBe(true);
    expect((await book(off, offService.id)).status).toBe(403);
  });
});

describe.runIf(usingPostgres)('public-form challenge replay on PostgreSQL’s shared store', () => {
  it('refuses a replay on another instance that shares the rate-limit table', async () => {
    if (h.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const store = { kind: 'postgres' as const, pool: h.database.pool };
    const keyPrefix = uniq('challenge');
    const limitsA = createRateLimits({ settings: GENEROUS_RATE_LIMITS, store, keyPrefix });
    const limitsB = createRateLimits({ settings: GENEROUS_RATE_LIMITS, store, keyPrefix });
    await Promise.all([limitsA.ready, limitsB.ready]);
    const a = await createHarness({ database: h.database, clock: fixedClock(NOW), rateLimits: limitsA });
    const b = await createHarness({ database: h.database, clock: fixedClock(NOW), rateLimits: limitsB });
    const header = await solved(on);
    expect((await book(on, onService.id, header, a)).status).toBe(201);
    const replay = await book(on, onService.id, header, b);
    expect(replay.status).toBe(403);
    expect(replay.json.error.details).toEqual({ reason: 'challenge_invalid', why: 'reused' });
  });
});

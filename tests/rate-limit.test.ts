/**
 * Rate limits, end to end through the app. The world (users, orgs, services) is built through
 * a harness with out-of-reach limits; the requests under test go through a second app on the
 * same database with the limits each test sets, counted in a store of its own (a unique key
 * prefix). The shared stores are proven on the real thing: Redis (TEST_REDIS_URL, default
 * 127.0.0.1:6379; required under CI) and the PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import {
  createRateLimits,
  GENEROUS_RATE_LIMITS,
  type RateLimitSettings,
  type RateLimits,
  type RateLimitStore,
} from '@/api/middleware/rate-limit';
import { auditLog } from '@/db/schema';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/client-address';
import { fixedClock } from '@/lib/clock';
import { env, testEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createOrg, readResponse, signUp, type TestOrg, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { usingPostgres } from './support/database';
import { bookableSetup, guest } from './support/scheduling';
import { addProduct, cartCookie } from './support/shop-fixtures';
import { totp } from './support/totp';

// Monday 2026-06-01 07:00 in Chicago; Tuesday 09:00–17:00 has eight free hours.
const NOW = '2026-06-01T12:00:00Z';
const slot = (hour: number, day = '02') => `2026-06-${day}T${String(hour).padStart(2, '0')}:00:00-05:00`;

let h: Harness;
const redisUrl = testEnv().TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: Redis | null = null;

async function probeRedis(): Promise<Redis | null> {
  const client = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (err) {
    client.disconnect();
    if (testEnv().CI) throw new Error(`Redis is required under CI (${redisUrl}): ${(err as Error).message}`);
    return null;
  }
}

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  redis = await probeRedis();
});
afterAll(async () => {
  redis?.disconnect();
  await h.close();
});

type StoreName = 'memory' | 'redis' | 'postgres';

function storeFor(name: StoreName): RateLimitStore {
  if (name === 'redis') return { kind: 'redis', client: redis! };
  if (name === 'postgres') {
    if (h.database.kind !== 'postgres') throw new Error('postgres store needs TEST_DATABASE_URL');
    return { kind: 'postgres', pool: h.database.pool };
  }
  return { kind: 'memory' };
}

interface Limited {
  limits: RateLimits;
  app: ReturnType<typeof createApp>;
}

/** An app on the shared database with these limits (the rest out of reach) in its own buckets. */
async function limitedApp(settings: Partial<RateLimitSettings>, store: StoreName = 'memory', trustedProxies?: TrustedProxies): Promise<Limited> {
  const limits = createRateLimits({ settings: { ...GENEROUS_RATE_LIMITS, ...settings }, store: storeFor(store), keyPrefix: uniq('rltest'), logger: logger() });
  await limits.ready;
  const app = createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger(), rateLimits: limits, trustedProxies });
  return { limits, app };
}

interface SendOpts {
  body?: unknown;
  method?: string;
  cookie?: string;
  /** The socket's remote address (what @hono/node-server's getConnInfo reads). */
  from?: string;
  headers?: Record<string, string>;
}

async function send(l: Limited, path: string, opts: SendOpts = {}) {
  const headers: Record<string, string> = { origin: env().BASE_URL, ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const bindings = opts.from ? { incoming: { socket: { remoteAddress: opts.from, remotePort: 40000, remoteFamily: opts.from.includes(':') ? 'IPv6' : 'IPv4' } } } : undefined;
  const res = await l.app.request(
    path,
    { method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'), headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) },
    bindings as never,
  );
  return readResponse(res);
}

function expectRateLimited(res: Awaited<ReturnType<typeof send>>, limit: number) {
  expect(res.status).toBe(429);
  expect(res.json).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.any(String), requestId: expect.any(String) } });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(res.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
  expect(Number(res.headers.get('ratelimit-reset'))).toBe(retryAfter);
  expect(res.json.error.details).toEqual({ retryAfterSeconds: retryAfter });
}

/** A 429 that asks for proof of work: no Retry-After (solving it is the way on), a signed ALTCHA challenge. */
function expectChallenge(res: Awaited<ReturnType<typeof send>>) {
  expect(res.status, JSON.stringify(res.json)).toBe(429);
  expect(res.json.error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'challenge_required', challenge: { parameters: { algorithm: 'SHA-256' }, signature: expect.any(String) } } });
  expect(res.headers.get('retry-after')).toBeNull();
}

/** Solves a challenge answer's puzzle with ALTCHA's own solver, as the sign-in page does. */
async function solve(res: Awaited<ReturnType<typeof send>>): Promise<string> {
  const challenge = res.json.error.details.challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

async function bookableOrg(staff = 1): Promise<{ org: TestOrg; serviceId: string }> {
  const org = await createOrg(h);
  const { service } = await bookableSetup(h, org, { staff, service: { durationMinutes: 60, slotIntervalMinutes: 60 } });
  return { org, serviceId: service.id };
}

const bookingPath = (org: TestOrg) => `/api/v1/public/orgs/${org.slug}/bookings`;

const stores: StoreName[] = ['memory', 'redis', 'postgres'];

describe.each(stores)('with the %s store', (store) => {
  // Redis is probed in beforeAll; a missing server fails under CI and skips the block locally.
  const skip = () => (store === 'redis' && !redis) || (store === 'postgres' && !usingPostgres);

  it('refuses the 6th guest booking from one address in an hour with 429, the envelope and headers; failed attempts are given back', async (t) => {
    if (skip()) return t.skip();
    const l = await limitedApp({ bookingsPerIpPerHour: 5 }, store);
    const { org, serviceId } = await bookableOrg();
    const from = '203.0.113.10';
    // An attempt that creates nothing (a validation error) does not count.
    expect((await send(l, bookingPath(org), { from, body: { serviceId, start: 'tomorrow', customer: guest() } })).status).toBe(400);
    for (let hour = 9; hour < 14; hour++) {
      const res = await send(l, bookingPath(org), { from, body: { serviceId, start: slot(hour), customer: guest(hour) } });
      expect(res.status).toBe(201);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(5 - (hour - 8)));
    }
    const sixth = await send(l, bookingPath(org), { from, body: { serviceId, start: slot(14), customer: guest(14) } });
    expectRateLimited(sixth, 5);
    expect(sixth.json.error.message).toMatch(/Too many booking requests/);
    // Another client is not affected.
    expect((await send(l, bookingPath(org), { from: '203.0.113.11', body: { serviceId, start: slot(14), customer: guest(14) } })).status).toBe(201);
  });

  it('refuses the 4th order from one address in an hour and the 3rd for one email in a day; checkouts that place nothing are given back', async (t) => {
    if (skip()) return t.skip();
    const l = await limitedApp({ bookingsPerIpPerHour: 3, bookingsPerEmailPerDay: 2 }, store);
    const org = await createOrg(h);
    const product = await addProduct(h, org, { variants: [{ priceMinor: 500, onHand: 1000 }] });
    const variantId = Object.values(product.variants)[0]!.id;
    const checkoutPath = `/api/v1/public/orgs/${org.slug}/checkout`;
    const order = async (from: string, email: string) => {
      const added = await send(l, `/api/v1/public/orgs/${org.slug}/cart/lines`, { from, body: { variantId, quantity: 1 } });
      expect(added.status, added.text).toBe(200);
      return send(l, checkoutPath, { from, cookie: cartCookie(added.headers), body: { contact: { email, name: 'Limit Test' }, fulfilment: 'pickup' } });
    };
    const from = '203.0.113.20';
    // A checkout that places nothing (an empty cart: 409) does not count.
    expect((await send(l, checkoutPath, { from, body: { contact: { email: `${uniq('e')}@example.test`, name: 'Empty' }, fulfilment: 'pickup' } })).status).toBe(409);
    for (let i = 0; i < 3; i++) expect((await order(from, `${uniq('buyer')}@example.test`)).status).toBe(201);
    const fourth = await order(from, `${uniq('buyer')}@example.test`);
    expectRateLimited(fourth, 3);
    expect(fourth.json.error.message).toMatch(/Too many orders from this address/);
    // One email from fresh addresses: two a day, the third refused.
    const email = `repeat-${uniq()}@example.test`;
    expect((await order('203.0.113.21', email)).status).toBe(201);
    expect((await order('203.0.113.22', email.toUpperCase())).status).toBe(201);
    const third = await order('203.0.113.23', email);
    expectRateLimited(third, 2);
    expect(third.json.error.message).toMatch(/for this email address/);
  });

  it('refuses the 11th booking for one email in one organization in a day; another organization and another email still book', async (t) => {
    if (skip()) return t.skip();
    const l = await limitedApp({ bookingsPerEmailPerDay: 10 }, store);
    const { org, serviceId } = await bookableOrg(2);
    const email = `repeat-${uniq()}@example.test`;
    // Ten bookings from ten addresses: the per-address limit is not what stops the 11th.
    for (let i = 0; i < 10; i++) {
      const res = await send(l, bookingPath(org), {
        from: `198.51.100.${i + 1}`,
        body: { serviceId, start: slot(9 + (i % 5), i < 5 ? '02' : '03'), customer: { name: 'Repeat', email: i % 2 ? email.toUpperCase() : email } },
      });
      expect(res.status).toBe(201);
    }
    const eleventh = await send(l, bookingPath(org), { from: '198.51.100.99', body: { serviceId, start: slot(15), customer: { name: 'Repeat', email } } });
    expectRateLimited(eleventh, 10);
    expect(eleventh.json.error.message).toMatch(/for this email address/);
    expect((await send(l, bookingPath(org), { from: '198.51.100.99', body: { serviceId, start: slot(15), customer: guest() } })).status).toBe(201);
    const other = await bookableOrg();
    expect((await send(l, bookingPath(other.org), { from: '198.51.100.99', body: { serviceId: other.serviceId, start: slot(9), customer: { name: 'Repeat', email } } })).status).toBe(201);
  });

  it('never locks an account out from elsewhere: past 5 failures for an email, a new address solves a proof-of-work challenge and signs in; an address that signed in before is not asked', async (t) => {
    if (skip()) return t.skip();
    const l = await limitedApp({ signInFailuresPer15Min: 5, signInAccountFailuresPer15Min: 5 }, store);
    const victim = await signUp(h);
    const other = await signUp(h);
    const signIn = (email: string, password: string, from: string, challenge?: string) =>
      send(l, '/api/auth/sign-in/email', { from, body: { email, password }, headers: challenge ? { 'x-bookline-challenge': challenge } : {} });

    // The owner's usual address: a successful sign-in there makes it known for the account.
    expect((await signIn(victim.email, victim.password, '192.0.2.50')).status).toBe(200);
    // A stranger fails five times from five addresses (no per-address or per-pair limit is hit).
    for (let i = 0; i < 5; i++) expect((await signIn(victim.email.toUpperCase(), 'wrong-password', `192.0.2.${i + 10}`)).status).toBe(401);

    // A new address, even with the right password, is asked for proof of work, not blocked...
    const asked = await signIn(victim.email, victim.password, '192.0.2.60');
    expectChallenge(asked);
    const payload = await solve(asked);
    expect((await signIn(victim.email, victim.password, '192.0.2.60', payload)).status).toBe(200);
    // ...each solution works once, and only for the account it was issued for.
    expectChallenge(await signIn(victim.email, victim.password, '192.0.2.61', payload));
    expectChallenge(await signIn(victim.email, 'wrong-password', '192.0.2.62', payload));
    // A solution buys an attempt, not a pass: the password is still checked (and counted).
    expect((await signIn(victim.email, 'wrong-password', '192.0.2.63', await solve(await signIn(victim.email, 'wrong-password', '192.0.2.63')))).status).toBe(401);
    // The owner's known address is never asked; nor is another account.
    expect((await signIn(victim.email, victim.password, '192.0.2.50')).status).toBe(200);
    expect((await signIn(other.email, other.password, '192.0.2.60')).status).toBe(200);
    // An email with no account is treated alike (the answer reveals nothing).
    const ghost = `${uniq('ghost')}@example.test`;
    for (let i = 0; i < 5; i++) expect((await signIn(ghost, 'wrong-password', `192.0.2.${i + 20}`)).status).toBe(401);
    expectChallenge(await signIn(ghost, 'wrong-password', '192.0.2.60'));
  });

  it('blocks guessing one account from one address after 5 failures, even with the right password and from a known address; a success there starts its count over; the owner elsewhere still gets in', async (t) => {
    if (skip()) return t.skip();
    const l = await limitedApp({ signInFailuresPer15Min: 5, signInAccountFailuresPer15Min: 5 }, store);
    const victim = await signUp(h);
    const signIn = (email: string, password: string, from: string, challenge?: string) =>
      send(l, '/api/auth/sign-in/email', { from, body: { email, password }, headers: challenge ? { 'x-bookline-challenge': challenge } : {} });
    const from = '192.0.2.72';
    expect((await signIn(victim.email, victim.password, from)).status).toBe(200);
    // Eight failures from here with a success between: the count for (account, address) starts
    // over at the success, and a known address is not challenged past the account's limit.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await signIn(victim.email, 'wrong-password', from)).status).toBe(401);
      expect((await signIn(victim.email, victim.password, from)).status).toBe(200);
    }
    // Its own five failures in a row block this address for this account, right password or not.
    for (let i = 0; i < 5; i++) expect((await signIn(victim.email, 'wrong-password', from)).status).toBe(401);
    const blocked = await signIn(victim.email, victim.password, from);
    expectRateLimited(blocked, 5);
    expect(blocked.json.error.message).toMatch(/Too many failed sign-in attempts/);
    expect(blocked.json.error.details.challenge).toBeUndefined();
    // Anywhere else the owner is asked for proof of work, never refused.
    const asked = await signIn(victim.email, victim.password, '192.0.2.73');
    expectChallenge(asked);
    expect((await signIn(victim.email, victim.password, '192.0.2.73', await solve(asked))).status).toBe(200);
  });

  it('locks an address after 5 failed sign-ins, whatever the email, and not other addresses, nor accounts that signed in from it before', async (t) => {
    if (skip()) return t.skip();
    const l = await limitedApp({ signInFailuresPer15Min: 5, signInAccountFailuresPer15Min: 5 }, store);
    const user = await signUp(h);
    const regular = await signUp(h);
    const from = '192.0.2.200';
    expect((await send(l, '/api/auth/sign-in/email', { from, body: { email: regular.email, password: regular.password } })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await send(l, '/api/auth/sign-in/email', { from, body: { email: `${uniq('nobody')}@example.test`, password: 'guess-guess' } })).status).toBe(401);
    }
    expectRateLimited(await send(l, '/api/auth/sign-in/email', { from, body: { email: user.email, password: user.password } }), 5);
    expect((await send(l, '/api/auth/sign-in/email', { from: '192.0.2.201', body: { email: user.email, password: user.password } })).status).toBe(200);
    // Someone else's guesses from a shared address (an office, a NAT) do not lock out an account that signs in there.
    expect((await send(l, '/api/auth/sign-in/email', { from, body: { email: regular.email, password: regular.password } })).status).toBe(200);
  });
});

describe('sign-in', () => {
  it('answers an unknown email and a wrong password identically', async () => {
    const l = await limitedApp({});
    const user = await signUp(h);
    const unknown = await send(l, '/api/auth/sign-in/email', { body: { email: `${uniq('ghost')}@example.test`, password: 'whatever-pass' } });
    const wrong = await send(l, '/api/auth/sign-in/email', { body: { email: user.email, password: 'whatever-pass' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (j: { error: Record<string, unknown> }) => ({ ...j.error, requestId: undefined });
    expect(strip(unknown.json)).toEqual(strip(wrong.json));
    expect(unknown.json.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid email or password', details: { authCode: 'INVALID_EMAIL_OR_PASSWORD' } });
  });

  it('counts parallel guesses before they are checked, so a burst cannot overshoot the limit', async () => {
    const l = await limitedApp({ signInFailuresPer15Min: 5, signInAccountFailuresPer15Min: 5 });
    const user = await signUp(h);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => send(l, '/api/auth/sign-in/email', { from: `192.0.2.${100 + i}`, body: { email: user.email, password: `guess-${i}-guess` } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    // The rest are asked for proof of work (the account is past its failures; no address is).
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('keeps the sign-in rule on spellings of the path the router might accept', async () => {
    const l = await limitedApp({ signInFailuresPer15Min: 2, signInAccountFailuresPer15Min: 2 });
    const user = await signUp(h);
    for (let i = 0; i < 2; i++) expect((await send(l, '/api/auth/sign-in/email', { body: { email: user.email, password: 'wrong-password' } })).status).toBe(401);
    for (const path of ['/api/auth/sign-in/email/', '/api/auth/Sign-In/Email', '/api/auth//sign-in/email', '/api/auth/sign-in/email?x=1', '/api/auth/sign-in/%65mail']) {
      const res = await send(l, path, { body: { email: user.email, password: user.password } });
      expect([404, 429]).toContain(res.status);
    }
    // A form-encoded body names the same email.
    const form = await l.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { origin: env().BASE_URL, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
    });
    expect(form.status).toBe(429);
  });
});

describe('sign-up, password reset and two-factor', () => {
  it('limits sign-ups per address per hour', async () => {
    const l = await limitedApp({ signUpPerIpPerHour: 3 });
    const from = '192.0.2.77';
    for (let i = 0; i < 3; i++) {
      const res = await send(l, '/api/auth/sign-up/email', { from, body: { email: `${uniq('su')}@example.test`, name: 'New', password: 'correct-horse-battery' } });
      expect(res.status).toBe(200);
    }
    expectRateLimited(await send(l, '/api/auth/sign-up/email', { from, body: { email: `${uniq('su')}@example.test`, name: 'New', password: 'correct-horse-battery' } }), 3);
    expect((await send(l, '/api/auth/sign-up/email', { from: '192.0.2.78', body: { email: `${uniq('su')}@example.test`, name: 'New', password: 'correct-horse-battery' } })).status).toBe(200);
  });

  it('limits the password-reset paths per address and per email, even though reset is not configured', async () => {
    const l = await limitedApp({ passwordResetPerHour: 2 });
    const email = `${uniq('reset')}@example.test`;
    const ask = (from: string, who = email) => send(l, '/api/auth/request-password-reset', { from, body: { email: who } });
    expect((await ask('192.0.2.30')).status).not.toBe(429);
    expect((await ask('192.0.2.31')).status).not.toBe(429);
    expectRateLimited(await ask('192.0.2.32'), 2); // the email's third request in the hour
    // Per address, across the reset paths.
    const from = '192.0.2.40';
    expect((await ask(from, `${uniq('a')}@example.test`)).status).not.toBe(429);
    expect((await send(l, '/api/auth/reset-password', { from, body: { token: 'x'.repeat(24), newPassword: 'another-password' } })).status).not.toBe(429);
    expectRateLimited(await send(l, '/api/auth/reset-password/sometoken?callbackURL=/', { from }), 2);
    // The link callback answers a redirect; it carries the headers too.
    const callback = await send(l, '/api/auth/reset-password/sometoken?callbackURL=/', { from: '192.0.2.41' });
    expect(callback.status).toBeLessThan(500);
    expect(callback.headers.get('ratelimit-limit')).toBe('2');
  });

  it('limits failed two-factor codes per address; a right code is not counted', async () => {
    const l = await limitedApp({ twoFactorFailuresPer15Min: 3 });
    const user = await signUp(h);
    const enabled = await send({ limits: l.limits, app: h.app }, '/api/auth/two-factor/enable', { cookie: user.cookie, body: { password: user.password } });
    expect(enabled.status).toBe(200);
    const secret = new URL(enabled.json.totpURI).searchParams.get('secret')!;
    const from = '192.0.2.90';
    const verify = (code: string, at = from) => send(l, '/api/auth/two-factor/verify-totp', { from: at, cookie: user.cookie, body: { code } });
    const wrong = () => (totp(secret) === '000000' ? '111111' : '000000');
    expect((await verify(wrong())).status).toBe(401);
    expect((await verify(wrong())).status).toBe(401);
    expect((await verify(totp(secret))).status).toBe(200);
    expect((await verify(wrong())).status).toBe(401);
    expectRateLimited(await verify(wrong()), 3);
    expect((await verify(wrong(), '192.0.2.91')).status).toBe(401);
  });
});


describe('the general API limit', () => {
  it('applies per address to every route (auth included) but health and ready, with RateLimit-* headers on answers', async () => {
    const l = await limitedApp({ apiPerMinute: 3 });
    const { org } = await bookableOrg();
    const from = '2001:db8:5:6::1';
    const first = await send(l, `/api/v1/public/orgs/${org.slug}`, { from });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect((await send(l, '/api/v1/me', { from })).status).toBe(401);
    expect((await send(l, '/api/auth/get-session', { from })).status).toBe(200);
    // Another address in the same /64 shares the bucket.
    const limited = await send(l, `/api/v1/public/orgs/${org.slug}`, { from: '2001:db8:5:6::2' });
    expectRateLimited(limited, 3);
    expect(limited.json.error.message).toMatch(/Too many requests/);
    for (let i = 0; i < 5; i++) {
      expect((await send(l, '/api/v1/health', { from })).status).toBe(200);
      expect((await send(l, '/api/v1/ready', { from })).status).toBe(200);
    }
    expect((await send(l, `/api/v1/public/orgs/${org.slug}`, { from: '2001:db8:5:7::1' })).status).toBe(200);
  });

  it('limits requests without an address (in-process) in one deterministic bucket', async () => {
    const l = await limitedApp({ apiPerMinute: 2 });
    expect((await send(l, '/api/v1/me')).status).toBe(401);
    expect((await send(l, '/api/v1/me')).status).toBe(401);
    expectRateLimited(await send(l, '/api/v1/me'), 2);
  });

  it('defaults to the configured limits (300 a minute) when the app is built without any', async () => {
    const app = createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger() });
    const res = await app.request('/api/v1/me');
    expect(res.headers.get('ratelimit-limit')).toBe(String(env().RATE_LIMIT_API_PER_MINUTE));
    expect(env().RATE_LIMIT_API_PER_MINUTE).toBe(300);
  });
});

describe('client address and X-Forwarded-For', () => {
  it('ignores a spoofed X-Forwarded-For without TRUSTED_PROXIES: a new header value is not a new bucket', async () => {
    const l = await limitedApp({ apiPerMinute: 2 });
    const from = '203.0.113.20';
    for (let i = 0; i < 2; i++) expect((await send(l, '/api/v1/me', { from, headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status).toBe(401);
    expectRateLimited(await send(l, '/api/v1/me', { from, headers: { 'x-forwarded-for': '198.51.100.77' } }), 2);
  });

  it('honours X-Forwarded-For from a trusted proxy, and the audit row records that client address', async () => {
    const l = await limitedApp({ apiPerMinute: 2 }, 'memory', parseTrustedProxies('10.0.0.0/8'));
    const proxy = '::ffff:10.1.2.3';
    for (let i = 0; i < 2; i++) expect((await send(l, '/api/v1/me', { from: proxy, headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.5' } })).status).toBe(401);
    // The client's own additions on the left do not make a new bucket...
    expectRateLimited(await send(l, '/api/v1/me', { from: proxy, headers: { 'x-forwarded-for': '7.7.7.7, 198.51.100.5' } }), 2);
    // ...but another client behind the same proxy has its own.
    expect((await send(l, '/api/v1/me', { from: proxy, headers: { 'x-forwarded-for': '198.51.100.6' } })).status).toBe(401);

    const user = await signUp(h);
    const slug = uniq('org-');
    const created = await send(l, '/api/v1/orgs', {
      from: proxy,
      cookie: user.cookie,
      headers: { 'x-forwarded-for': '198.51.100.8, 10.0.0.9' },
      body: { name: 'Behind a proxy', slug, timezone: 'UTC', currency: 'USD' },
    });
    expect(created.status).toBe(201);
    const rows = await h.database.db.select().from(auditLog).where(eq(auditLog.organizationId, created.json.id));
    expect(rows.map((r) => r.ip)).toContain('198.51.100.8');
  });
});

describe('a failing shared store', () => {
  it('falls back to per-instance memory limits, never a 5xx (Redis and PostgreSQL unreachable)', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    deadRedis.on('error', () => {});
    const deadPool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 1_000 });
    deadPool.on('error', () => {});
    try {
      for (const store of [{ kind: 'redis', client: deadRedis }, { kind: 'postgres', pool: deadPool }] as RateLimitStore[]) {
        const limits = createRateLimits({ settings: { ...GENEROUS_RATE_LIMITS, apiPerMinute: 2 }, store, keyPrefix: uniq('dead') });
        await limits.ready.catch(() => {});
        const l = { limits, app: createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger(), rateLimits: limits }) };
        expect((await send(l, '/api/v1/me', { from: '192.0.2.5' })).status).toBe(401);
        expect((await send(l, '/api/v1/me', { from: '192.0.2.5' })).status).toBe(401);
        expectRateLimited(await send(l, '/api/v1/me', { from: '192.0.2.5' }), 2);
      }
    } finally {
      deadRedis.disconnect();
      await deadPool.end();
    }
  });

  it.runIf(usingPostgres)('keeps PostgreSQL counters in one shared table, so two app instances see one count', async () => {
    const prefix = uniq('shared');
    const settings = { ...GENEROUS_RATE_LIMITS, apiPerMinute: 2 };
    const a = createRateLimits({ settings, store: storeFor('postgres'), keyPrefix: prefix });
    const b = createRateLimits({ settings, store: storeFor('postgres'), keyPrefix: prefix });
    await Promise.all([a.ready, b.ready]);
    const appA = { limits: a, app: createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger(), rateLimits: a }) };
    const appB = { limits: b, app: createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger(), rateLimits: b }) };
    expect((await send(appA, '/api/v1/me', { from: '192.0.2.9' })).status).toBe(401);
    expect((await send(appB, '/api/v1/me', { from: '192.0.2.9' })).status).toBe(401);
    expectRateLimited(await send(appA, '/api/v1/me', { from: '192.0.2.9' }), 2);
    const pool = (h.database as { pool: pg.Pool }).pool;
    const rows = await pool.query('select count(*)::int as n from rate_limits where key like $1', [`${prefix}:%`]);
    expect(rows.rows[0].n).toBeGreaterThan(0);
    // Unlogged (#17): a counter's commit waits for no WAL flush.
    const table = await pool.query("select relpersistence from pg_class where oid = to_regclass('rate_limits')");
    expect(table.rows[0].relpersistence).toBe('u');
  });

  it('keeps Redis counters shared between two app instances', async (t) => {
    if (!redis) return t.skip();
    const prefix = uniq('shared');
    const settings = { ...GENEROUS_RATE_LIMITS, apiPerMinute: 2 };
    const a = createRateLimits({ settings, store: storeFor('redis'), keyPrefix: prefix });
    const b = createRateLimits({ settings, store: storeFor('redis'), keyPrefix: prefix });
    const appA = { limits: a, app: createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger(), rateLimits: a }) };
    const appB = { limits: b, app: createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: logger(), rateLimits: b }) };
    expect((await send(appA, '/api/v1/me', { from: '192.0.2.9' })).status).toBe(401);
    expect((await send(appB, '/api/v1/me', { from: '192.0.2.9' })).status).toBe(401);
    expectRateLimited(await send(appA, '/api/v1/me', { from: '192.0.2.9' }), 2);
    expect(await redis.exists(`${prefix}:api:192.0.2.9`)).toBe(1);
  });
});

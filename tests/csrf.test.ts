/**
 * CSRF: every state-changing /api request must come from BASE_URL's origin — Bookline's routes
 * and Better Auth's alike, under NODE_ENV=test too (where Better Auth skips its own check).
 * A matrix of cross-site signals (foreign, look-alike and `null` Origin, Sec-Fetch-Site
 * cross-site/same-site) answers 403 FORBIDDEN in the envelope and changes nothing; our own
 * origin passes; reads are unaffected; a sweep covers every route either app declares.
 * Also: the session cookie's attributes over http and https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { fixedClock } from '@/lib/clock';
import { env, parseEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { call, cookieFrom, createOrg, readResponse, signUp, uniq, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

// Monday 2026-06-01 07:00 in Chicago: the public bookings below are for the next day.
const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const BASE = env().BASE_URL;
const EVIL = 'https://evil.example';

/** Each way a browser says "this request comes from another site". */
const CROSS_SITE: Record<string, Record<string, string>> = {
  'a foreign Origin': { origin: EVIL },
  'a look-alike Origin': { origin: `${BASE}.evil.example` },
  'another port': { origin: BASE.replace(/:(\d+)$/, (_m, p: string) => `:${Number(p) + 1}`) },
  'https instead of http': { origin: BASE.replace(/^http:/, 'https:') },
  'Origin: null': { origin: 'null' },
  'no Origin, Sec-Fetch-Site: cross-site': { 'sec-fetch-site': 'cross-site' },
  'no Origin, Sec-Fetch-Site: same-site': { 'sec-fetch-site': 'same-site' },
  'our Origin but Sec-Fetch-Site: cross-site': { origin: BASE, 'sec-fetch-site': 'cross-site' },
};

type SendInit = { method?: string; cookie?: string; headers?: Record<string, string>; body?: unknown };

/** A request exactly as given: unlike `call`, no Origin is added. */
async function send(path: string, init: SendInit = {}, app = h.app) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return readResponse(res);
}

function expectRefused(res: { status: number; json: any; headers: Headers }, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.json)}`).toBe(403);
  expect(res.json, what).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.any(String), details: { reason: 'CSRF' }, requestId: expect.any(String) } });
  expect(res.headers.getSetCookie(), `${what} sets no cookie`).toEqual([]);
}

describe('CSRF guard on Bookline’s API', () => {
  let org: TestOrg;
  let invitationId: string;
  beforeAll(async () => {
    org = await createOrg(h);
    const invite = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: `${uniq('inv')}@example.test`, role: 'viewer' } });
    expect(invite.status).toBe(201);
    invitationId = invite.json.invitation?.id ?? invite.json.id;
    expect(invitationId).toMatch(/^inv_/);
  });

  it('refuses every cross-site signal on POST, PATCH, PUT and DELETE, and changes nothing', async () => {
    const hours = await call(h, `/api/v1/orgs/${org.slug}/business-hours`, { cookie: org.owner.cookie });
    for (const [what, headers] of Object.entries(CROSS_SITE)) {
      const cookie = org.owner.cookie;
      expectRefused(await send('/api/v1/orgs', { cookie, headers, body: { name: 'Forged', slug: uniq('forged-'), timezone: 'UTC', currency: 'USD' } }), `POST orgs, ${what}`);
      expectRefused(await send(`/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie, headers, body: { name: 'Hijacked' } }), `PATCH org, ${what}`);
      expectRefused(await send(`/api/v1/orgs/${org.slug}/business-hours`, { method: 'PUT', cookie, headers, body: { weekly: [] } }), `PUT hours, ${what}`);
      expectRefused(await send(`/api/v1/orgs/${org.slug}/invitations/${invitationId}`, { method: 'DELETE', cookie, headers }), `DELETE invitation, ${what}`);
    }
    const me = await call(h, '/api/v1/me', { cookie: org.owner.cookie });
    expect(me.json.organizations.map((o: { slug: string }) => o.slug)).toEqual([org.slug]);
    expect((await call(h, `/api/v1/orgs/${org.slug}`, { cookie: org.owner.cookie })).json.organization.name).toBe(org.name);
    expect((await call(h, `/api/v1/orgs/${org.slug}/business-hours`, { cookie: org.owner.cookie })).json).toEqual(hours.json);
    const invitations = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie });
    expect(JSON.stringify(invitations.json)).toContain(invitationId);
  });

  it('refuses a change that carries cookies but neither Origin nor Sec-Fetch-Site', async () => {
    const res = await send(`/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { name: 'No origin' } });
    expectRefused(res, 'no origin headers');
    expect(res.json.error.message).toContain(BASE);
    // Any cookie counts: the guard does not guess which cookie is the session.
    expectRefused(await send('/api/v1/orgs', { cookie: 'bookline-locale=en', body: {} }), 'a locale cookie only');
  });

  it('names the expected origin in the refusal', async () => {
    const res = await send(`/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, headers: { origin: EVIL }, body: { name: 'x' } });
    expect(res.json.error.message).toContain(EVIL);
    expect(res.json.error.message).toContain(BASE);
  });

  it('lets our own origin through: Origin = BASE_URL, or Sec-Fetch-Site: same-origin without Origin', async () => {
    const byOrigin = await send(`/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, headers: { origin: BASE, 'sec-fetch-site': 'same-origin' }, body: { name: 'Renamed by origin' } });
    expect(byOrigin.status, JSON.stringify(byOrigin.json)).toBe(200);
    const byFetchMetadata = await send(`/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, headers: { 'sec-fetch-site': 'same-origin' }, body: { name: 'Renamed by fetch metadata' } });
    expect(byFetchMetadata.status, JSON.stringify(byFetchMetadata.json)).toBe(200);
    expect((await call(h, `/api/v1/orgs/${org.slug}`, { cookie: org.owner.cookie })).json.organization.name).toBe('Renamed by fetch metadata');
  });

  it('leaves reads alone, whatever their origin', async () => {
    for (const [what, headers] of Object.entries(CROSS_SITE)) {
      expect((await send('/api/v1/me', { cookie: org.owner.cookie, headers })).status, what).toBe(200);
      expect((await send(`/api/v1/orgs/${org.slug}`, { cookie: org.owner.cookie, headers, method: 'HEAD' })).status, what).toBe(200);
    }
    expect((await send('/api/v1/me', { cookie: org.owner.cookie })).status).toBe(200);
  });
});

describe('CSRF guard on Better Auth’s routes', () => {
  it('runs under NODE_ENV=test, where Better Auth skips its own Origin check', () => {
    expect(env().NODE_ENV).toBe('test');
  });

  it('refuses sign-up from another site and creates no account', async () => {
    const email = `${uniq('csrf')}@example.test`;
    const body = { email, name: 'Forged Sign-up', password: 'correct-horse-battery' };
    for (const [what, headers] of Object.entries(CROSS_SITE)) expectRefused(await send('/api/auth/sign-up/email', { headers, body }), `sign-up, ${what}`);
    // Login CSRF needs no cookie: a sign-up without any origin signal is refused as well.
    expectRefused(await send('/api/auth/sign-up/email', { body }), 'sign-up without origin headers');
    // Nothing was created: the same email can still sign up, from our origin.
    expect((await send('/api/auth/sign-up/email', { headers: { origin: BASE }, body })).status).toBe(200);
  });

  it('refuses sign-in from another site (login CSRF), even without cookies or origin headers', async () => {
    const user = await signUp(h);
    const body = { email: user.email, password: user.password };
    for (const [what, headers] of Object.entries(CROSS_SITE)) expectRefused(await send('/api/auth/sign-in/email', { headers, body }), `sign-in, ${what}`);
    expectRefused(await send('/api/auth/sign-in/email', { body }), 'sign-in without origin headers');
    const ours = await send('/api/auth/sign-in/email', { headers: { origin: BASE }, body });
    expect(ours.status).toBe(200);
    expect(cookieFrom(ours.headers)).toContain('bookline.session_token=');
    expect((await send('/api/auth/sign-in/email', { headers: { 'sec-fetch-site': 'same-origin' }, body })).status).toBe(200);
  });

  it('refuses sign-out from another site: the session survives', async () => {
    const user = await signUp(h);
    for (const [what, headers] of Object.entries(CROSS_SITE)) expectRefused(await send('/api/auth/sign-out', { cookie: user.cookie, headers, body: {} }), `sign-out, ${what}`);
    expectRefused(await send('/api/auth/sign-out', { cookie: user.cookie, body: {} }), 'sign-out without origin headers');
    expect((await call(h, '/api/v1/me', { cookie: user.cookie })).status).toBe(200);
    expect((await send('/api/auth/sign-out', { cookie: user.cookie, headers: { origin: BASE }, body: {} })).status).toBe(200);
    expect((await call(h, '/api/v1/me', { cookie: user.cookie })).status).toBe(401);
  });

  it('refuses the two-factor routes from another site', async () => {
    const user = await signUp(h);
    for (const [what, headers] of Object.entries(CROSS_SITE)) {
      const cookie = user.cookie;
      expectRefused(await send('/api/auth/two-factor/enable', { cookie, headers, body: { password: user.password } }), `2FA enable, ${what}`);
      expectRefused(await send('/api/auth/two-factor/verify-totp', { cookie, headers, body: { code: '123456' } }), `verify-totp, ${what}`);
      expectRefused(await send('/api/auth/two-factor/verify-backup-code', { cookie, headers, body: { code: 'abcde-fghij' } }), `verify-backup-code, ${what}`);
      expectRefused(await send('/api/auth/two-factor/disable', { cookie, headers, body: { password: user.password } }), `2FA disable, ${what}`);
      expectRefused(await send('/api/auth/two-factor/generate-backup-codes', { cookie, headers, body: { password: user.password } }), `backup codes, ${what}`);
    }
    const session = await send('/api/auth/get-session', { cookie: user.cookie });
    expect(session.json.user.twoFactorEnabled).toBeFalsy();
    // From our origin the same request does what it says.
    const enable = await send('/api/auth/two-factor/enable', { cookie: user.cookie, headers: { origin: BASE }, body: { password: user.password } });
    expect(enable.status, JSON.stringify(enable.json)).toBe(200);
    expect(enable.json.totpURI).toMatch(/^otpauth:\/\/totp\//);
  });
});

describe('requests without cookies', () => {
  it('lets a non-browser client book publicly, refuses a foreign page, and books from our origin', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const book = (start: string, headers: Record<string, string>) =>
      send(`/api/v1/public/orgs/${org.slug}/bookings`, { headers, body: { serviceId: service.id, start, customer: guest() } });

    // A foreign page must not spend its visitors' booking quota or book in their name.
    expectRefused(await book('2026-06-02T09:00:00-05:00', { origin: EVIL }), 'public booking from a foreign page');
    expectRefused(await book('2026-06-02T09:00:00-05:00', { 'sec-fetch-site': 'cross-site' }), 'public booking, cross-site fetch');
    // No browser signal and no cookie: a server-to-server client with no session to abuse.
    const direct = await book('2026-06-02T09:00:00-05:00', {});
    expect(direct.status, JSON.stringify(direct.json)).toBe(201);
    const ours = await book('2026-06-02T11:00:00-05:00', { origin: BASE });
    expect(ours.status, JSON.stringify(ours.json)).toBe(201);
    const list = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: org.owner.cookie });
    expect(list.json.data).toHaveLength(2);
  });
});

describe('every state-changing route', () => {
  /** Path params filled with harmless values: the guard answers before any handler looks. */
  const fill = (path: string, slug: string) =>
    path.replace(':slug', slug).replace(/:([A-Za-z]+)(\{([^|}]+)[^}]*\})?/g, (_m, _name, _re, first: string | undefined) => first ?? 'x');

  it('refuses a foreign origin on every route of our API (enumerated from the app)', async () => {
    const org = await createOrg(h);
    const routes = h.app.routes
      .filter((r) => !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method) && !r.path.startsWith('/api/auth'))
      .filter((r, i, all) => all.findIndex((x) => x.method === r.method && x.path === r.path) === i);
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const path = fill(r.path, org.slug);
      expectRefused(await send(path, { method: r.method, cookie: org.owner.cookie, headers: { origin: EVIL }, body: {} }), `${r.method} ${path}`);
    }
  });

  it('refuses a foreign origin on every POST endpoint of Better Auth (enumerated from it)', async () => {
    const user = await signUp(h);
    const endpoints = Object.values(h.auth.api as Record<string, { path?: string; options?: { method?: string | string[] } }>)
      .filter((e) => typeof e.path === 'string' && [e.options?.method].flat().includes('POST'))
      .map((e) => `/api/auth${e.path!.replace(/:[A-Za-z]+/g, 'x')}`);
    expect(endpoints).toEqual(expect.arrayContaining(['/api/auth/sign-in/email', '/api/auth/sign-up/email', '/api/auth/sign-out', '/api/auth/two-factor/enable']));
    for (const path of endpoints) {
      expectRefused(await send(path, { cookie: user.cookie, headers: { origin: EVIL }, body: {} }), `POST ${path} with a session`);
      expectRefused(await send(path, { headers: { origin: 'null' }, body: {} }), `POST ${path} without a session`);
    }
    expect((await call(h, '/api/v1/me', { cookie: user.cookie })).status).toBe(200);
  });
});

describe('session cookies', () => {
  const attributes = (setCookie: string) => setCookie.split(';').map((p) => p.trim().toLowerCase());

  it('are HttpOnly and SameSite=Lax, without Secure over http', async () => {
    const user = await signUp(h);
    const res = await send('/api/auth/sign-in/email', { headers: { origin: BASE }, body: { email: user.email, password: user.password } });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('bookline.session_token='))).toBe(true);
    for (const c of cookies) {
      expect(attributes(c), c).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
      expect(attributes(c), c).not.toContain('secure');
    }
  });

  it('are Secure (and __Secure- prefixed) when BASE_URL is https, and the check follows BASE_URL', async () => {
    const https = 'https://book.example.test';
    const auth = createAuth({ db: h.database.db, baseURL: https, secret: TEST_AUTH_SECRET, production: false });
    const app = createApp({ database: h.database, auth, clock: fixedClock(NOW), logger: logger(), baseUrl: https });
    const body = { email: `${uniq('cks')}@example.test`, name: 'Secure Cookie', password: 'correct-horse-battery' };
    // The http origin that is ours elsewhere is foreign to this deployment.
    expectRefused(await send('/api/auth/sign-up/email', { headers: { origin: BASE }, body }, app), 'the http origin under an https BASE_URL');
    expect((await send('/api/auth/sign-up/email', { headers: { origin: https }, body }, app)).status).toBe(200);
    const res = await send('/api/auth/sign-in/email', { headers: { origin: https }, body: { email: body.email, password: body.password } }, app);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('__Secure-bookline.session_token='))).toBe(true);
    for (const c of cookies) expect(attributes(c), c).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure', 'path=/']));
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
  });
});

describe('which origins are ours', () => {
  const body = () => ({ email: `${uniq('lo')}@example.test`, name: 'Loopback', password: 'correct-horse-battery' });
  /** An app (and its Better Auth) configured from this environment, as boot.ts wires them. */
  function appFor(source: Record<string, string>) {
    const e = parseEnv(source);
    const auth = createAuth({ db: h.database.db, baseURL: e.BASE_URL, secret: TEST_AUTH_SECRET, production: false, trustedOrigins: e.origins, forceOriginCheck: true });
    return { e, auth, app: createApp({ database: h.database, auth, clock: fixedClock(NOW), logger: logger(), origins: e.origins }) };
  }
  /** Straight to Better Auth, past our guard: its own origin check must agree with ours. */
  const direct = (auth: ReturnType<typeof createAuth>, path: string, origin: string, cookie: string, payload: unknown) =>
    auth.handler(new Request(`http://localhost:3000/api/auth${path}`, { method: 'POST', headers: { origin, cookie, 'content-type': 'application/json' }, body: JSON.stringify(payload) }));

  it('without BASE_URL (the embedded default), accepts every loopback spelling of the port, in our guard and in Better Auth', async () => {
    const { e, auth, app } = appFor({ PORT: '3000' });
    expect(e.BASE_URL).toBe('http://localhost:3000');
    expect(e.origins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']);
    const user = await signUp(h);
    for (const origin of e.origins) {
      const res = await send('/api/auth/sign-up/email', { headers: { origin }, body: body() }, app);
      expect(res.status, `${origin}: ${JSON.stringify(res.json)}`).toBe(200);
      expect((await send('/api/auth/update-user', { headers: { origin }, cookie: user.cookie, body: { name: 'Via loopback' } }, app)).status, origin).toBe(200);
      expect((await direct(auth, '/update-user', origin, user.cookie, { name: 'Direct' })).status, `Better Auth, ${origin}`).toBe(200);
    }
    // Another port, another host, a LAN address: not ours, and the answer says what is.
    for (const origin of ['http://127.0.0.1:3001', 'http://127.0.0.2:3000', 'http://192.168.1.20:3000', 'https://localhost:3000']) {
      const refused = await send('/api/auth/sign-up/email', { headers: { origin }, body: body() }, app);
      expectRefused(refused, origin);
      expect(refused.json.error.message).toContain('http://localhost:3000, http://127.0.0.1:3000, http://[::1]:3000');
      expect(refused.json.error.details.expected).toEqual(e.origins);
      expect((await direct(auth, '/update-user', origin, user.cookie, { name: 'Forged' })).status, `Better Auth, ${origin}`).toBe(403);
    }
  });

  it('with an explicit BASE_URL (production), accepts that origin alone, in both checks, and names it in the refusal', async () => {
    const { e, auth, app } = appFor({ NODE_ENV: 'production', PORT: '3000', BASE_URL: 'https://book.example.test' });
    expect(e.origins).toEqual(['https://book.example.test']);
    const accepted = await send('/api/auth/sign-up/email', { headers: { origin: 'https://book.example.test' }, body: body() }, app);
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    const user = await signUp(h);
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000', 'http://book.example.test']) {
      const refused = await send('/api/auth/sign-up/email', { headers: { origin }, body: body() }, app);
      expectRefused(refused, origin);
      expect(refused.json.error.message).toBe(
        `Request refused: origin ${origin} is not https://book.example.test (the server's BASE_URL). Open the app at https://book.example.test, or set BASE_URL to the address you use.`,
      );
      expect((await direct(auth, '/update-user', origin, user.cookie, { name: 'Forged' })).status, `Better Auth, ${origin}`).toBe(403);
    }
  });
});


/**
 * Every API answer carries the security headers — success, 404, validation, auth and CSRF
 * refusals, 413, Better Auth's own answers and a database outage's 503 — with a CSP that
 * allows nothing. HSTS only when the answer travels over https (BASE_URL https, or the
 * request came over TLS). Pages, static files and the node-level headers: tests/e2e/security.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { openDatabase } from '@/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { newNonce, pageCsp } from '@/lib/security-headers';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { call, signUp } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const EXPECTED = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function expectSecurityHeaders(headers: Headers, what: string, https = false) {
  for (const [name, value] of Object.entries(EXPECTED)) expect(headers.get(name), `${name} on ${what}`).toBe(value);
  const permissions = headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(permissions, `permissions-policy on ${what}`).toContain(`${feature}=()`);
  }
  if (https) expect(headers.get('strict-transport-security'), `HSTS on ${what}`).toBe('max-age=31536000; includeSubDomains');
  else expect(headers.get('strict-transport-security'), `HSTS on ${what}`).toBeNull();
}

describe('security headers on API answers', () => {
  it('are on successes, 404s, validation, auth and CSRF refusals, and 413', async () => {
    const user = await signUp(h);
    const answers: [string, Promise<{ status: number; headers: Headers }>, number][] = [
      ['health', call(h, '/api/v1/health'), 200],
      ['a signed-in read', call(h, '/api/v1/me', { cookie: user.cookie }), 200],
      ['an unknown route', call(h, '/api/v1/no-such-route'), 404],
      ['an unknown auth route', call(h, '/api/auth/no-such-route', { body: {} }), 404],
      ['invalid input', call(h, '/api/v1/orgs', { cookie: user.cookie, body: { name: '' } }), 400],
      ['no session', call(h, '/api/v1/me'), 401],
      ['a CSRF refusal', call(h, '/api/v1/orgs', { cookie: user.cookie, body: {}, headers: { origin: 'https://evil.example' } }), 403],
      ['an oversized body', call(h, '/api/v1/orgs', { cookie: user.cookie, body: { name: 'x'.repeat(70 * 1024) } }), 413],
    ];
    for (const [what, pending, status] of answers) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res.headers, what);
    }
  });

  it('are on Better Auth’s own answers, its successes (with cookies) and its refusals', async () => {
    const user = await signUp(h);
    const signIn = await call(h, '/api/auth/sign-in/email', { body: { email: user.email, password: user.password } });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.getSetCookie().length).toBeGreaterThan(0);
    expectSecurityHeaders(signIn.headers, 'a sign-in');
    const wrong = await call(h, '/api/auth/sign-in/email', { body: { email: user.email, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('UNAUTHENTICATED');
    expectSecurityHeaders(wrong.headers, 'a failed sign-in');
    const session = await call(h, '/api/auth/get-session', { cookie: user.cookie });
    expect(session.status).toBe(200);
    expectSecurityHeaders(session.headers, 'get-session');
  });

  it('are on the 503 a database outage answers', async () => {
    // A real PostgreSQL client pointed at a port where nothing listens.
    const database = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    const auth = createAuth({ db: database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: false });
    const app = createApp({ database, auth, clock: () => new Date(), logger: logger() });
    try {
      const ready = await app.request('/api/v1/ready');
      expect(ready.status).toBe(503);
      expectSecurityHeaders(ready.headers, 'a 503');
      const profile = await app.request('/api/v1/public/orgs/some-org');
      expect(profile.status).toBe(503);
      expectSecurityHeaders(profile.headers, 'a data route’s 503');
    } finally {
      await database.close();
    }
  });
});

describe('Strict-Transport-Security', () => {
  it('is absent over plain http (the test BASE_URL is http)', async () => {
    expect(env().BASE_URL).toMatch(/^http:\/\//);
    const res = await h.app.request('/api/v1/health');
    expectSecurityHeaders(res.headers, 'http', false);
  });

  it('is sent on every answer when BASE_URL is https', async () => {
    const app = createApp({ database: h.database, auth: h.auth, clock: () => new Date(), logger: logger(), baseUrl: 'https://book.example.test' });
    for (const [path, status] of [['/api/v1/health', 200], ['/api/v1/no-such-route', 404], ['/api/v1/me', 401]] as const) {
      const res = await app.request(path);
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers, `${path} under an https BASE_URL`, true);
    }
  });

  it('is sent when the request itself came over TLS, even with an http BASE_URL', async () => {
    const res = await h.app.request('https://localhost/api/v1/health');
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers, 'a TLS request', true);
  });
});

describe('the page policy (src/proxy.ts sends it with a fresh nonce per request)', () => {
  const nonce = newNonce();
  const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows scripts by nonce only, never eval, in production', () => {
    const csp = pageCsp({ nonce, dev: false, https: false });
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(directive(csp, 'style-src-elem')).toBe(`style-src-elem 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-eval');
    for (const d of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('adds eval (React refresh) only in development', () => {
    expect(directive(pageCsp({ nonce, dev: true, https: false }), 'script-src')).toContain("'unsafe-eval'");
  });

  it('upgrades stray http subresources only when served over https', () => {
    expect(pageCsp({ nonce, dev: false, https: true })).toContain('upgrade-insecure-requests');
  });

  it('makes a different 128-bit nonce each time, in the alphabet Next reads', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

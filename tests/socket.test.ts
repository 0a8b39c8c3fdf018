/**
 * The API over a real socket, as deployed (in-process `app.request()` hands Hono real Request
 * objects; the node server hands it lightweight ones, and some code paths only break there).
 * Better Auth's limiter sees each client's address (the API passes the socket's in its own
 * header), so one client's burst does not lock everybody out, and a client cannot pick its own
 * address by sending that header. Our own limits key on the socket's address, or on the
 * X-Forwarded-For hop a trusted proxy vouches for. Bodies: none, chunked, and too large.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { createRateLimits, GENEROUS_RATE_LIMITS, type RateLimitSettings } from '@/api/middleware/rate-limit';
import type { Database } from '@/db/client';
import { NO_TRUSTED_PROXIES, parseTrustedProxies, type TrustedProxies } from '@/lib/client-address';
import { systemClock } from '@/lib/clock';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { CLIENT_IP_HEADER, createAuth } from '@/modules/identity';
import { openTestDatabase } from './support/database';

let database: Database;
let auth: ReturnType<typeof createAuth>;
let url: string;
const servers: Server[] = [];

/** The app on a real socket (all interfaces of 127/8), with these limits of ours. */
async function serve(settings: Partial<RateLimitSettings>, trustedProxies: TrustedProxies = NO_TRUSTED_PROXIES): Promise<string> {
  const rateLimits = createRateLimits({ settings: { ...GENEROUS_RATE_LIMITS, ...settings } });
  const app = createApp({ database, auth, clock: systemClock, logger: logger(), rateLimits, trustedProxies });
  const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  database = await openTestDatabase();
  // production: true turns Better Auth's limiter on, as under `npm start`.
  auth = createAuth({ db: database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: true });
  // Our limits out of reach here, so the tests below see Better Auth's own limiter.
  url = await serve({});
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await database.close();
});

/** A GET from a chosen loopback address (Linux routes all of 127/8 to lo). */
function getFrom(base: string, path: string, localAddress: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { localAddress, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

const signIn = (headers: Record<string, string> = {}) =>
  fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: env().BASE_URL, ...headers },
    body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
  });

/** The same sign-in from another loopback address (Linux routes all of 127/8 to lo). */
function signInFrom(localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' });
    const req = request(`${url}/api/auth/sign-in/email`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', origin: env().BASE_URL } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('request bodies over the socket', () => {
  const send = (method: string, path: string, body: string | undefined, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}${path}`, { method, headers: { origin: env().BASE_URL, ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body); // no content-length: node sends it chunked
      req.end();
    });

  it('answers a DELETE without a body, a chunked JSON body and an oversized chunked body in the envelope', async () => {
    const del = await send('DELETE', '/api/v1/orgs/some-org/invitations/inv_01h455vb4pex5vsknk084sn02q', undefined);
    expect(del.status).toBe(401);
    const chunked = await send('POST', '/api/v1/orgs', '{"name":"x"}', { 'content-type': 'application/json' });
    expect(chunked.status).toBe(401);
    const big = await send('POST', '/api/auth/sign-in/email', JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(70 * 1024) }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('sign-in rate limit', () => {
  it('limits one address after 20 attempts a minute, in the envelope, and a spoofed address header does not reset it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await signIn()).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await signIn();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', requestId: expect.any(String) } });
    expect((await signIn({ [CLIENT_IP_HEADER]: '203.0.113.7' })).status).toBe(429);
    // Another client is not locked out by the first one's burst.
    expect(await signInFrom('127.0.0.2')).toBe(401);
  });
});

describe('account mail rate limit (Better Auth, production only)', () => {
  function postFrom(localAddress: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${url}${path}`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', origin: env().BASE_URL } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }

  it('allows 5 reset requests a minute per address (our rule over Better Auth’s default 3), then 429 in the envelope; verification requests have their own count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postFrom('127.0.0.20', '/api/auth/request-password-reset', { email: `nobody${i}@example.test` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await postFrom('127.0.0.20', '/api/auth/request-password-reset', { email: 'nobody@example.test' });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text)).toMatchObject({ error: { code: 'RATE_LIMITED', requestId: expect.any(String) } });
    // Another client is not locked out; a verification request counts apart from resets.
    expect((await postFrom('127.0.0.21', '/api/auth/request-password-reset', { email: 'nobody@example.test' })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await postFrom('127.0.0.20', '/api/auth/send-verification-email', { email: `nobody${i}@example.test` })).status).toBe(200);
    expect((await postFrom('127.0.0.20', '/api/auth/send-verification-email', { email: 'nobody@example.test' })).status).toBe(429);
  });

  it('allows 10 reset attempts with a token a minute per address, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await postFrom('127.0.0.22', '/api/auth/reset-password', { token: `not-a-token-${i}`, newPassword: 'another-horse-battery' })).status);
    expect(statuses.every((s) => s === 400)).toBe(true);
    expect((await postFrom('127.0.0.22', '/api/auth/reset-password', { token: 'not-a-token', newPassword: 'another-horse-battery' })).status).toBe(429);
  });
});

describe('our limits over the socket', () => {
  it('key on the socket address and ignore X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const base = await serve({ apiPerMinute: 2 });
    expect((await getFrom(base, '/api/v1/me', '127.0.0.4', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(401);
    expect((await getFrom(base, '/api/v1/me', '127.0.0.4', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(401);
    const limited = await getFrom(base, '/api/v1/me', '127.0.0.4', { 'x-forwarded-for': '198.51.100.3' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect((await getFrom(base, '/api/v1/me', '127.0.0.5')).status).toBe(401);
  });

  it('key on the X-Forwarded-For client when the peer is a trusted proxy (TRUSTED_PROXIES=127.0.0.0/8)', async () => {
    const base = await serve({ apiPerMinute: 2 }, parseTrustedProxies('127.0.0.0/8'));
    for (let i = 0; i < 2; i++) expect((await getFrom(base, '/api/v1/me', '127.0.0.6', { 'x-forwarded-for': `${i}.${i}.${i}.${i}, 203.0.113.50` })).status).toBe(401);
    expect((await getFrom(base, '/api/v1/me', '127.0.0.7', { 'x-forwarded-for': '203.0.113.50' })).status).toBe(429);
    expect((await getFrom(base, '/api/v1/me', '127.0.0.6', { 'x-forwarded-for': '203.0.113.51' })).status).toBe(401);
  });
});

describe('headers of every answer over the socket (set on the ServerResponse, src/api/answer-headers.ts)', () => {
  const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-frame-options', 'cross-origin-opener-policy'];

  /** An answer's head over the socket, and the same request through `app.request()`. */
  async function both(base: string, app: ReturnType<typeof createApp>, path: string, init: RequestInit = {}) {
    const overSocket = await fetch(`${base}${path}`, init);
    const inProcess = await app.request(path, init);
    await overSocket.arrayBuffer();
    await inProcess.arrayBuffer();
    return { overSocket, inProcess };
  }

  it('gives success, the 404s, a refusal, Better Auth and the docs page the same headers as the in-process app, once each', async () => {
    const rateLimits = createRateLimits({ settings: { ...GENEROUS_RATE_LIMITS } });
    const app = createApp({ database, auth, clock: systemClock, logger: logger(), rateLimits });
    const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const requests: [string, RequestInit, number][] = [
      ['/api/v1/health', {}, 200],
      ['/api/v1/public/orgs/no-such-org', {}, 404],
      ['/api/v1/nothing-here', {}, 404],
      ['/api/v1/orgs', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' }, 403],
      ['/api/auth/get-session', {}, 200],
      ['/api/docs', {}, 200],
    ];
    for (const [path, init, status] of requests) {
      const { overSocket, inProcess } = await both(base, app, path, init);
      expect([path, overSocket.status]).toEqual([path, status]);
      expect([path, inProcess.status]).toEqual([path, status]);
      for (const name of SECURITY) {
        // One value (not a list from two setters), and the same one either way.
        const value = (res: Response) => res.headers.get(name)?.replace(/nonce-[^']+/g, 'nonce-…'); // a nonce per answer
        expect([path, name, value(overSocket)]).toEqual([path, name, value(inProcess)]);
        expect([path, name, overSocket.headers.get(name)?.includes(', default-src')]).toEqual([path, name, false]);
      }
      expect(overSocket.headers.get('x-request-id')).toMatch(/^req_[0-9a-z]{26}$/);
      expect([path, inProcess.headers.get('x-request-id')]).toEqual([path, expect.stringMatching(/^req_[0-9a-z]{26}$/)]);
      // The API's rate limit shows on every limited answer, on the socket as in process.
      const limited = path !== '/api/v1/health' && !path.startsWith('/api/docs');
      expect([path, overSocket.headers.has('ratelimit-remaining')]).toEqual([path, inProcess.headers.has('ratelimit-remaining')]);
      if (limited && status !== 403 && !path.startsWith('/api/auth')) expect([path, overSocket.headers.get('ratelimit-limit')]).toEqual([path, String(GENEROUS_RATE_LIMITS.apiPerMinute)]);
    }
    // The reference page brings its own policy (scripts with a nonce), over the API's.
    const docs = await fetch(`${base}/api/docs`);
    expect(docs.headers.get('content-security-policy')).toContain('nonce-');
    expect(docs.headers.get('content-security-policy')).not.toContain("default-src 'none'");
    // An id the client sent (a safe one) is the answer's id.
    const echoed = await fetch(`${base}/api/v1/health`, { headers: { 'x-request-id': 'trace-12345678' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-12345678');
  });
});

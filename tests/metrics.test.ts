/**
 * GET /api/v1/metrics: Prometheus text behind a bearer token (404 when no token is configured),
 * request durations labelled by route pattern (never a raw id), booking created/conflicted
 * counters that follow real 201s and 409s, and 429s counted from the answers themselves.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { fixedClock } from '@/lib/clock';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { call, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

const TOKEN = 'metrics-token-for-tests-0123456789';
const NOW = '2026-06-01T12:00:00Z';

let plain: Harness; // the harness's app: no metrics token configured
let h: Harness; // the same database, an app with a token and Better Auth's production limiter
let server: Server;
let url: string;

beforeAll(async () => {
  plain = await createHarness({ clock: fixedClock(NOW) });
  const auth = createAuth({ db: plain.database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: true });
  const app = createApp({ database: plain.database, auth, clock: fixedClock(NOW), logger: logger(), metricsToken: TOKEN });
  h = { ...plain, app, auth };
  server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await plain.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the Prometheus text format (0.0.4): every line must be understood. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  // Values as Go's ParseFloat reads them (prom-client writes NaN as "Nan").
  const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:[0-9.]+(?:e[+-]?\d+)?|nan|[+-]inf))(?: \d+)?$/i;
  const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const m = sampleLine.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    const raw = m[2] ?? '';
    labelPair.lastIndex = 0;
    let consumed = 0;
    for (let pair = labelPair.exec(raw); pair; pair = labelPair.exec(raw)) {
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch));
      consumed = labelPair.lastIndex;
    }
    if (consumed !== raw.length) throw new Error(`bad labels in: ${line}`);
    samples.push({ name: m[1]!, labels, value: /inf$/i.test(m[3]!) ? (m[3]!.startsWith('-') ? -Infinity : Infinity) : Number(m[3]!) });
  }
  return { samples, types };
}

async function scrape() {
  const res = await h.app.request('/api/v1/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

const value = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

describe('access', () => {
  it('does not exist (404 in the envelope) when no METRICS_TOKEN is configured', async () => {
    const res = await call(plain, '/api/v1/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers 401 in the envelope without the right bearer token', async () => {
    for (const authorization of [undefined, 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, 'Bearer wrong']) {
      const res = await call(h, '/api/v1/metrics', { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.json.error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(JSON.stringify(res.json)).not.toContain('bookline_');
    }
  });

  it('serves the Prometheus text format with the token, including pool and process metrics', async () => {
    const { samples, types } = await scrape();
    expect(types.get('bookline_http_request_duration_seconds')).toBe('histogram');
    expect(types.get('bookline_bookings_created_total')).toBe('counter');
    expect(types.get('bookline_bookings_conflicted_total')).toBe('counter');
    expect(types.get('bookline_rate_limit_rejections_total')).toBe('counter');
    expect(types.get('bookline_db_pool_connections_in_use')).toBe('gauge');
    expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    const total = value(samples, 'bookline_db_pool_connections_total', {});
    const inUse = value(samples, 'bookline_db_pool_connections_in_use', {});
    const max = value(samples, 'bookline_db_pool_connections_max', {});
    expect(total).toBeGreaterThanOrEqual(1);
    expect(inUse).toBeGreaterThanOrEqual(0);
    expect(inUse).toBeLessThanOrEqual(total);
    expect(total).toBeLessThanOrEqual(max);
  });
});

describe('request duration histogram', () => {
  it('labels requests by route pattern and status, never by raw path or id', async () => {
    const org = await createOrg(h);
    const missing = 'bkg_01h455vb4pex5vsknk084sn02q';
    expect((await call(h, `/api/v1/public/orgs/${org.slug}`)).status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${missing}`, { cookie: org.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${missing}`)).status).toBe(401); // refused by middleware
    expect((await call(h, `/api/v1/no/such/${org.slug}/route`)).status).toBe(404);

    const { samples } = await scrape();
    const count = (labels: Record<string, string>) => value(samples, 'bookline_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/api/v1/public/orgs/:slug', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: '/api/v1/orgs/:slug/bookings/:bookingId', status: '404' })).toBe(1);
    expect(count({ method: 'GET', route: '/api/v1/orgs/:slug/bookings/:bookingId', status: '401' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'POST', route: '/api/auth/*', status: '200' })).toBeGreaterThanOrEqual(1); // the owner's sign-up
    const buckets = samples.filter((s) => s.name === 'bookline_http_request_duration_seconds_bucket' && s.labels.route === '/api/v1/public/orgs/:slug');
    expect(buckets.find((s) => s.labels.le === '+Inf')?.value).toBe(count({ method: 'GET', route: '/api/v1/public/orgs/:slug', status: '200' }));

    const routes = new Set(samples.filter((s) => s.name.startsWith('bookline_http_request_duration_seconds')).map((s) => s.labels.route));
    for (const route of routes) {
      expect(route === 'unmatched' || route!.startsWith('/api/'), route).toBe(true);
      expect(route).not.toContain(org.slug);
      expect(route).not.toContain(missing);
    }
  });
});

describe('booking counters', () => {
  it('count a real 201 as created and a real 409 as conflicted; an idempotent replay is not a second booking', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { service: { durationMinutes: 60, slotIntervalMinutes: 60 } });
    const publicRoute = '/api/v1/public/orgs/:slug/bookings';
    const staffRoute = '/api/v1/orgs/:slug/bookings';
    const before = (await scrape()).samples;
    const created = (s: Sample[], route: string) => value(s, 'bookline_bookings_created_total', { route });
    const conflicted = (s: Sample[], route: string) => value(s, 'bookline_bookings_conflicted_total', { route });

    const body = { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest(1) };
    const first = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body, headers: { 'idempotency-key': 'metrics-key-0001' } });
    expect(first.status).toBe(201);
    const replay = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body, headers: { 'idempotency-key': 'metrics-key-0001' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const taken = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { ...body, customer: guest(2) } });
    expect(taken.status).toBe(409);
    const staff = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: org.owner.cookie,
      body: { serviceId: service.id, resourceId: resources[0]!.id, start: '2026-06-02T12:00:00-05:00', customer: guest(3) },
    });
    expect(staff.status).toBe(201);
    const staffTaken = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: org.owner.cookie,
      body: { serviceId: service.id, resourceId: resources[0]!.id, start: '2026-06-02T12:00:00-05:00', customer: guest(4) },
    });
    expect(staffTaken.status).toBe(409);
    const moved = await call(h, `/api/v1/orgs/${org.slug}/bookings/${staff.json.booking.id}/reschedule`, {
      cookie: org.owner.cookie,
      body: { start: '2026-06-02T10:00:00-05:00' },
    });
    expect(moved.status).toBe(409);
    const invalid = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { ...body, start: 'tomorrow' } });
    expect(invalid.status).toBe(400);

    const after = (await scrape()).samples;
    expect(created(after, publicRoute) - created(before, publicRoute)).toBe(1);
    expect(conflicted(after, publicRoute) - conflicted(before, publicRoute)).toBe(1);
    expect(created(after, staffRoute) - created(before, staffRoute)).toBe(1);
    expect(conflicted(after, staffRoute) - conflicted(before, staffRoute)).toBe(1);
    const rescheduleRoute = '/api/v1/orgs/:slug/bookings/:bookingId/reschedule';
    expect(conflicted(after, rescheduleRoute) - conflicted(before, rescheduleRoute)).toBe(1);
  });
});

describe('rate-limit rejections', () => {
  it('count every 429 by route pattern, whichever limiter answered it', async () => {
    // Repeated failed sign-ins from one address over a real socket: a limiter (Better Auth's
    // own, or ours) answers 429 well before 40 attempts.
    const before = value((await scrape()).samples, 'bookline_rate_limit_rejections_total', { route: '/api/auth/*' });
    let rejected = 0;
    for (let i = 0; i < 40 && rejected < 2; i++) {
      const res = await fetch(`${url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: env().BASE_URL },
        body: JSON.stringify({ email: 'nobody-metrics@example.test', password: 'wrong-password' }),
      });
      await res.arrayBuffer();
      if (res.status === 429) rejected++;
      else expect(res.status).toBe(401);
    }
    expect(rejected).toBe(2);
    const after = value((await scrape()).samples, 'bookline_rate_limit_rejections_total', { route: '/api/auth/*' });
    expect(after - before).toBe(2);
  });
});

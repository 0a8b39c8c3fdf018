/** Shared bench plumbing: a fixture org built through the API, bulk bookings, timing stats. */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { type DateTime } from 'luxon';
import { createApp } from '@/api/app';
import { createRateLimits, GENEROUS_RATE_LIMITS } from '@/api/middleware/rate-limit';
import type { Database } from '@/db/client';
import { systemClock } from '@/lib/clock';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';

export type App = ReturnType<typeof createApp>;

/**
 * Every limit out of reach for bench servers: one load generator sends everything from one
 * address. The limiter's cost (a counter write per request in the configured store) is still paid.
 */
export const UNLIMITED_RATE_LIMITS_ENV: Record<string, string> = {
  RATE_LIMIT_API_PER_MINUTE: '1000000000',
  RATE_LIMIT_BOOKINGS_PER_IP_PER_HOUR: '1000000000',
  RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_DAY: '1000000000',
  RATE_LIMIT_SIGN_IN_FAILURES_PER_15_MIN: '1000000000',
  RATE_LIMIT_SIGN_UP_PER_IP_PER_HOUR: '1000000000',
  RATE_LIMIT_PASSWORD_RESET_PER_HOUR: '1000000000',
  RATE_LIMIT_TWO_FACTOR_FAILURES_PER_15_MIN: '1000000000',
};

export function createBenchApp(database: Database): App {
  const auth = createAuth({ db: database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: false });
  // One in-process client makes every request: limits out of reach (their cost is still paid).
  return createApp({ database, auth, clock: systemClock, logger: logger(), rateLimits: createRateLimits({ settings: GENEROUS_RATE_LIMITS }) });
}

export function listen(app: App): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** JSON requests through the in-process app or a base URL. */
export function client(target: App | string, cookie = '') {
  return async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const request = {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', origin: env().BASE_URL, ...(cookie ? { cookie } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    };
    const res = typeof target === 'string' ? await fetch(`${target}${path}`, request) : await target.request(path, request);
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
  };
}

export interface Fixture {
  slug: string;
  organizationId: string;
  serviceId: string;
  resourceIds: string[];
  cookie: string;
}

/**
 * An organization in America/New_York with `staff` professionals working Mon–Sat
 * 09:00–13:00 and 14:00–19:00 (lunch break), and one 30-minute service on a 15-minute grid.
 */
export async function buildFixture(target: App | string, staff: number, slug: string): Promise<Fixture> {
  const anon = client(target);
  const email = `${slug}@bench.test`;
  const signUp = await anon('/api/auth/sign-up/email', { body: { email, name: 'Bench Owner', password: 'bench-password-1' } });
  if (signUp.status !== 200) throw new Error(`sign-up: ${signUp.status} ${JSON.stringify(signUp.json)}`);
  // Sign-up does not sign in (an existing email gets the same answer as a new one).
  const signIn = await anon('/api/auth/sign-in/email', { body: { email, password: 'bench-password-1' } });
  if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${JSON.stringify(signIn.json)}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const api = client(target, cookie);
  const org = await api('/api/v1/orgs', { body: { name: 'Bench Studio', slug, timezone: 'America/New_York', currency: 'USD' } });
  if (org.status !== 201) throw new Error(`org: ${org.status} ${JSON.stringify(org.json)}`);
  const weekly = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '19:00' }] }));
  const hours = await api(`/api/v1/orgs/${slug}/business-hours`, { method: 'PUT', body: { weekly } });
  if (hours.status !== 200) throw new Error(`hours: ${hours.status} ${JSON.stringify(hours.json)}`);
  const resourceIds: string[] = [];
  for (let i = 0; i < staff; i++) {
    const r = await api(`/api/v1/orgs/${slug}/resources`, { body: { kind: 'staff', name: `Professional ${i + 1}` } });
    if (r.status !== 201) throw new Error(`resource: ${r.status} ${JSON.stringify(r.json)}`);
    resourceIds.push(r.json.id);
  }
  const service = await api(`/api/v1/orgs/${slug}/services`, {
    body: { name: 'Consultation', durationMinutes: 30, slotIntervalMinutes: 15, minNoticeMinutes: 0, maxAdvanceDays: 365, resourceIds },
  });
  if (service.status !== 201) throw new Error(`service: ${service.status} ${JSON.stringify(service.json)}`);
  return { slug, organizationId: org.json.id, serviceId: service.json.id, resourceIds, cookie };
}

/**
 * `perResource` existing bookings for every resource, written in bulk with SQL: eight
 * one-hour bookings per working day (Mon–Sat) going back from `until`, so the most recent
 * weeks — the ones availability is asked about — are as full as the oldest.
 */
export async function bulkBookings(database: Database, f: Fixture, perResource: number, from: DateTime): Promise<number> {
  const starts = [9, 10, 11, 12, 14, 15, 16, 17];
  const days: string[] = [];
  for (let d = from.setZone('America/New_York').startOf('day'); days.length * starts.length < perResource; d = d.plus({ days: 1 })) {
    if (d.weekday !== 7) days.push(d.toISODate()!);
  }
  const customerId = `cus_${'0'.repeat(26)}`;
  await database.db.execute(
    sql`insert into customers (id, organization_id, email, name) values (${customerId}, ${f.organizationId}, 'bulk@bench.test', 'Bulk') on conflict do nothing`,
  );
  let total = 0;
  for (const [index, resourceId] of f.resourceIds.entries()) {
    await database.db.execute(sql`
      insert into bookings (id, organization_id, service_id, resource_id, customer_id, status, starts_at, ends_at, blocked_range, exclusive, currency, source)
      select 'bkg_' || lpad(${index}::text, 4, '0') || lpad(n::text, 22, '0'), ${f.organizationId}, ${f.serviceId}, ${resourceId}, ${customerId}, 'confirmed',
             s, s + interval '1 hour', tstzrange(s, s + interval '1 hour', '[)'), true, 'USD', 'staff'
      from (
        select row_number() over () as n, (d::date + make_time(h, 0, 0)) at time zone 'America/New_York' as s
        from unnest(${`{${days.join(',')}}`}::date[]) as d, unnest(${`{${starts.join(',')}}`}::int[]) as h
        limit ${perResource}
      ) x`);
    total += perResource;
  }
  return total;
}

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { n: sorted.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted[sorted.length - 1]!) };
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

const benchRoot = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * bench/serve-api.ts in its own process, as deployed, on a free port: production mode, silent,
 * rate limits out of reach, demo data by default (`extraEnv` adds to or overrides any of it).
 * `stop()` resolves once the process has exited.
 */
export async function startApiServer(extraEnv: Record<string, string>) {
  const port = await freePort();
  // BENCH_PROFILE_DIR=<dir>: each server writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(benchRoot, 'bench/serve-api.ts')], {
    cwd: benchRoot,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: String(port), BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123', SEED_DEMO: '1', ...UNLIMITED_RATE_LIMITS_ENV, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const description = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const line = chunk.toString();
      if (line.startsWith('ready ')) resolve(line.slice(6).trim());
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    description,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * bench/bare-server.ts in its own process on a free port: the baseline bench/api.ts divides by
 * (a bare node:http server answering what /api/v1/health answers).
 */
export async function startBareServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchRoot, 'bench/bare-server.ts')], {
    cwd: benchRoot,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().startsWith('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The i-th 30-minute slot of a fixture resource's working days (Mon–Sat 09–13 and 14–19) from `firstDay`. */
export function fixtureSlot(firstDay: DateTime, i: number): DateTime {
  const perDay = 18;
  let day = firstDay;
  for (let left = Math.floor(i / perDay); left > 0; ) {
    day = day.plus({ days: 1 });
    if (day.weekday !== 7) left--;
  }
  while (day.weekday === 7) day = day.plus({ days: 1 });
  const n = i % perDay;
  return day.plus({ minutes: n < 8 ? 9 * 60 + n * 30 : 14 * 60 + (n - 8) * 30 });
}

/** Signs in as Xplorium's demo owner (the seeded demo data): the session cookie for authenticated routes. */
export async function signInDemoOwner(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url.replace('127.0.0.1', 'localhost') },
    body: JSON.stringify({ email: 'owner@xplorium.demo', password: 'bookline-demo' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

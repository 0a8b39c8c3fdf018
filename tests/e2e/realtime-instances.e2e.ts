/**
 * Live updates across app instances (issue #13): two Bookline servers on one PostgreSQL
 * database (a fresh one on the local server), as behind a load balancer. The owner's bookings
 * list is open on instance B; a guest books through instance A; the row appears on B without a
 * reload (the event crossed instances through LISTEN/NOTIFY). Then B restarts: while it is down
 * the page says it is reconnecting and a second guest books through A; when B is back the page
 * reconnects by itself and shows the second booking (resumed from Last-Event-ID), still without
 * a reload.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';

const root = path.resolve(import.meta.dirname, '../..');
const pgBase = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SECRET = 'e2e-instances-secret-e2e-instances-secret-01';
const ZONE = 'America/Chicago';
const baseUrl = inject('baseUrl');

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${pgBase}/postgres`, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
const pgReachable = await postgresUp();
if (!pgReachable && process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI (${pgBase})`);
const run = (hasChromium || process.env.CI === 'true') && pgReachable ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
}

/** The built server (the global setup built it) on `port`, on the shared database. */
async function startInstance(port: number, databaseUrl: string): Promise<Instance> {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      BASE_URL: url,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: '0',
      BETTER_AUTH_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_API_PER_MINUTE: '100000',
      RATE_LIMIT_BOOKINGS_PER_IP_PER_HOUR: '100000',
      RATE_LIMIT_SIGN_UP_PER_IP_PER_HOUR: '100000',
      RATE_LIMIT_AUTH_BURST_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/v1/ready`)).ok) return { url, port, child };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`instance on ${port} not ready in 240 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** SIGTERM to the instance's process group; resolves when it has exited. */
async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => instance.child.once('exit', () => resolve()));
  try {
    process.kill(-instance.child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}

run('live updates across two instances on one PostgreSQL', () => {
  const database = `bookline_e2e_instances_${suffix()}`;
  const databaseUrl = `${pgBase}/${database}`;
  let a: Instance;
  let b: Instance;
  let owner: ApiUser;
  let slug: string;
  let serviceId: string;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    // One after the other: the first applies the migrations.
    a = await startInstance(await freePort(), databaseUrl);
    b = await startInstance(await freePort(), databaseUrl);
    owner = await signUpUser(a.url, 'Instances Owner');
    slug = `inst-${suffix()}`;
    await createOrganization(a.url, owner, slug, 'Two Instances Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(a.url, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const room = await api(a.url, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio' } });
    const service = await api(a.url, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [room.json.id] } });
    expect(service.status).toBe(201);
    serviceId = service.json.id;
    browser = await openBrowser({ timezoneId: ZONE });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([a && stopInstance(a), b && stopInstance(b)]);
    const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }, 120_000);

  /** The next free hour (from two days ahead) through instance A, as a guest. */
  let day = 2;
  async function bookThroughA(name: string) {
    const from = new Date(Date.now() + day++ * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(a.url, `/api/v1/public/orgs/${slug}/availability?serviceId=${serviceId}&from=${from}&to=${from}&timezone=${ZONE}`);
    const res = await api(a.url, `/api/v1/public/orgs/${slug}/bookings`, {
      body: { serviceId, start: slots.json.slots[10].start, customer: { name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${suffix()}@example.com` } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.booking.id as string;
  }

  it('shows a booking made through instance A on a dashboard served by instance B, and after B restarts', async () => {
    expect(baseUrl).toBeTruthy(); // the global server built the app these instances run
    await useSession(browser.context, b.url, owner);
    const page = await browser.context.newPage();
    await page.goto(`${b.url}/dashboard/${slug}/bookings`);
    await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 15_000 });
    // A marker on the document: a reload would drop it.
    await page.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));

    await bookThroughA('Across Instances');
    await page.getByText('Across Instances').first().waitFor({ timeout: 10_000 });

    // B goes away: the page notices, and a booking is made through A meanwhile.
    await stopInstance(b);
    await page.locator('[data-testid="live-indicator"][data-state="reconnecting"]').waitFor({ timeout: 15_000 });
    await bookThroughA('While Restarting');
    b = await startInstance(b.port, databaseUrl);
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.getByText('While Restarting').first().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
  }, 300_000);
});

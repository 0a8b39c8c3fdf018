/**
 * The fault suites' world: a DEDICATED PostgreSQL 15 cluster (bookline_faults, port 5439) that
 * they may stop and start, so the shared cluster on 5432 that every other suite uses is never
 * touched; the real product started as `npm start` starts it (scripts/start.ts: builds the web
 * app if needed, then the one-process server); and a bookable organization built through the
 * public API.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '../..');
export const CLUSTER = { version: '15', name: 'bookline_faults', port: 5439 } as const;
export const adminUrl = (db = 'postgres') => `postgres://postgres@127.0.0.1:${CLUSTER.port}/${db}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function clusterStatus(): 'online' | 'down' | 'missing' {
  try {
    const out = execFileSync('pg_lsclusters', ['--no-header', CLUSTER.version, CLUSTER.name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /\bonline\b/.test(out) ? 'online' : 'down';
  } catch {
    return 'missing';
  }
}

/** pg_ctlcluster without systemd's redirect: we run as root in a container, there is no unit. */
export function pgCtl(action: 'start' | 'stop', mode: 'fast' | 'immediate' = 'fast') {
  const args = ['--skip-systemctl-redirect', ...(action === 'stop' ? ['-m', mode] : []), CLUSTER.version, CLUSTER.name, action];
  execFileSync('pg_ctlcluster', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A cluster's short-lived admin helpers: one connection per call (the fault cluster comes and
 * goes under its tests; the scale suite's must never go through the pooler it tests).
 */
export function clusterAdmin(base: string, connectionTimeoutMillis = 5_000) {
  const url = (db: string) => `${base}/${db}`;
  async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(db: string, text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url(db), connectionTimeoutMillis });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    url,
    query,
    async createDatabase(prefix: string): Promise<string> {
      const name = `${prefix}_${Date.now()}_${process.pid}`;
      await query('postgres', `create database "${name}"`);
      return name;
    },
    async dropDatabase(name: string) {
      await query('postgres', `drop database if exists "${name}" with (force)`).catch(() => undefined);
    },
  };
}

/** The dedicated fault cluster's. */
const faults = clusterAdmin(`postgres://postgres@127.0.0.1:${CLUSTER.port}`);
export const admin = faults.query;
export const { createDatabase, dropDatabase } = faults;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const METRICS_TOKEN = 'faults-metrics-token-0123456789';

export interface RunningServer {
  baseUrl: string;
  port: number;
  /** scripts/start.ts: the process `npm start` runs; signals sent to it reach the server. */
  child: ChildProcess;
  /** The server process itself (start.ts's child). */
  serverPid(): number | null;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

/** Starts the product on a free port against `databaseUrl` and waits until /ready says 200. */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: 'faults-secret-faults-secret-faults-secret-0123',
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      // The load below is many bookings from one address; the limits are not under test here.
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      RATE_LIMIT_BOOKINGS_PER_IP_PER_HOUR: '1000000',
      RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_DAY: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so cleanup can stop everything it spawned
  });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 20_000_000) output = output.slice(-10_000_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const server: RunningServer = {
    baseUrl,
    port,
    child,
    serverPid() {
      try {
        const out = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim();
        return out ? Number(out.split('\n')[0]) : null;
      } catch {
        return null;
      }
    },
    output: () => output,
    exited,
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
  const deadline = Date.now() + 280_000; // the first start may build the web app
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output.slice(-5000)}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/ready`, { signal: AbortSignal.timeout(5_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill();
      throw new Error(`the server did not become ready:\n${output.slice(-5000)}`);
    }
    await sleep(300);
  }
  return server;
}

/** The session cookie(s) a response sets, as a Cookie header (cleared ones left out). */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c && !c.endsWith('='))
    .join('; ');
}

export interface BookableOrg {
  slug: string;
  id: string;
  serviceId: string;
  resourceId: string;
  cookie: string;
}

/** Owner sign-up, an organization in UTC open around the clock, one resource, a 15-minute service. */
export async function bookableOrg(baseUrl: string): Promise<BookableOrg> {
  const origin = baseUrl;
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const json = async (res: Response, expected: number, what: string) => {
    const body = await res.text();
    if (res.status !== expected) throw new Error(`${what}: ${res.status} ${body}`);
    return JSON.parse(body);
  };
  const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: `owner-${tag}@faults.test`, name: 'Fault Owner', password: 'correct-horse-battery' }),
  });
  await json(signUp, 200, 'sign-up');
  // Sign-up does not sign in: an existing email gets the same answer as a new one.
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: `owner-${tag}@faults.test`, password: 'correct-horse-battery' }),
  });
  await json(signIn, 200, 'sign-in');
  const cookie = cookieFrom(signIn.headers);
  const send = (method: string, p: string, body: unknown) =>
    fetch(`${baseUrl}${p}`, { method, headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify(body) });
  const org = await json(await send('POST', '/api/v1/orgs', { name: `Faults ${tag}`, slug: `faults-${tag}`, timezone: 'UTC', currency: 'USD' }), 201, 'create org');
  const slug = org.slug as string;
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
  await json(await send('PUT', `/api/v1/orgs/${slug}/business-hours`, { weekly: allDay }), 200, 'business hours');
  const resource = await json(await send('POST', `/api/v1/orgs/${slug}/resources`, { kind: 'staff', name: 'Bay 1' }), 201, 'resource');
  const service = await json(
    await send('POST', `/api/v1/orgs/${slug}/services`, {
      name: 'Quick wash',
      durationMinutes: 15,
      slotIntervalMinutes: 15,
      minNoticeMinutes: 0,
      maxAdvanceDays: 365,
      resourceIds: [resource.id],
    }),
    201,
    'service',
  );
  return { slug, id: org.id, serviceId: service.id, resourceId: resource.id, cookie };
}

// Fixed once, so a run that crosses midnight keeps its slots apart.
const FIRST_DAY = new Date(new Date().setUTCHours(0, 0, 0, 0) + 2 * 86_400_000).getTime();

/** The start of the k-th 15-minute slot, counting from 00:00 UTC two days from now. */
export function slotStart(k: number): string {
  return new Date(FIRST_DAY + k * 15 * 60_000).toISOString().replace('.000Z', 'Z');
}

/**
 * DATABASE_READ_URL against a real streaming replica: a primary and a hot standby made with
 * pg_basebackup (replica-cluster.ts), the product started as `npm start` starts it, pointed at
 * the primary for writes and at the standby for reads. Shows that
 *  - public availability (and the staff list) are answered by the standby;
 *  - while the standby is behind (replay paused), it still offers a slot just booked on the
 *    primary, and booking that slot again answers 409: one booking row, never two;
 *  - writes (sign-up, organization, catalog, bookings) all land on the primary, and nothing in
 *    the server's output says a write was tried on the read-only standby;
 *  - once replay resumes, the slot is gone from the replica-served availability.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookableOrg, bookableOrg, METRICS_TOKEN, type RunningServer, slotStart, sleep, startServer } from '../faults/support';
import { type ReplicaPair, replicaUnavailable, startReplicaPair } from './replica-cluster';

const DB = 'bookline_replica';
const problem = replicaUnavailable();
if (problem && process.env.CI === 'true') throw new Error(`${problem}; under CI this is a failure, not a skip.`);
if (problem) process.stdout.write(`\nSkipping the read-replica test: ${problem}.\n`);

let pair: ReplicaPair | undefined;
let srv: RunningServer | undefined;
let org: BookableOrg;

/** Committed transactions the standby has counted in the app's database (its own backends only). */
async function standbyCommits(): Promise<number> {
  // Asked from another database (this query's own commit is not counted) on a fresh
  // connection (no cached statistics snapshot).
  const [row] = await pair!.query<{ n: string }>('standby', 'postgres', 'select xact_commit::text as n from pg_stat_database where datname = $1', [DB]);
  return Number(row!.n);
}

async function availableStarts(): Promise<number[]> {
  const day = slotStart(0).slice(0, 10);
  const res = await fetch(`${srv!.baseUrl}/api/v1/public/orgs/${org.slug}/availability?serviceId=${org.serviceId}&from=${day}&to=${day}`);
  const body = await res.text();
  expect(res.status, body).toBe(200);
  return (JSON.parse(body) as { slots: { start: string }[] }).slots.map((s) => Date.parse(s.start));
}

async function book(k: number, n: number): Promise<{ status: number; body: any }> {
  const res = await fetch(`${srv!.baseUrl}/api/v1/public/orgs/${org.slug}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: srv!.baseUrl, 'idempotency-key': `replica-${k}-${n}` },
    body: JSON.stringify({ serviceId: org.serviceId, start: slotStart(k), customer: { name: `Guest ${n}`, email: `guest${n}@replica.test` } }),
  });
  return { status: res.status, body: await res.json() };
}

async function staffBookingIds(): Promise<string[]> {
  const res = await fetch(`${srv!.baseUrl}/api/v1/orgs/${org.slug}/bookings?pageSize=100`, { headers: { cookie: org.cookie } });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  return (JSON.parse(body) as { data: { id: string }[] }).data.map((b) => b.id);
}

beforeAll(async () => {
  if (problem) return;
  pair = await startReplicaPair(DB);
  srv = await startServer(pair.primaryUrl(), { DATABASE_READ_URL: pair.standbyUrl(), LOG_LEVEL: 'info' });
  org = await bookableOrg(srv.baseUrl);
  // The catalog was just written on the primary: let the standby have it before reading there.
  await pair.caughtUp(DB);
});

afterAll(async () => {
  if (srv) {
    srv.kill();
    await srv.exited;
  }
  pair?.stop();
});

describe.skipIf(!!problem)('read replica (DATABASE_READ_URL) on a real streaming standby', () => {
  it('is a hot standby, and /ready and /metrics report it', async () => {
    const [row] = await pair!.query<{ recovering: boolean }>('standby', DB, 'select pg_is_in_recovery() as recovering');
    expect(row!.recovering).toBe(true);
    const ready = await fetch(`${srv!.baseUrl}/api/v1/ready`);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', replica: 'ok' });
    const metrics = await (await fetch(`${srv!.baseUrl}/api/v1/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/^bookline_db_replica_pool_connections_total \d+$/m);
  });

  it('answers public availability from the standby', async () => {
    const N = 20;
    const before = await standbyCommits();
    for (let i = 0; i < N; i++) expect((await availableStarts()).length).toBeGreaterThan(0);
    // The standby's statistics are flushed about once a second: wait for them, not for time.
    const deadline = Date.now() + 30_000;
    let after = await standbyCommits();
    while (after - before < N && Date.now() < deadline) {
      await sleep(250);
      after = await standbyCommits();
    }
    process.stdout.write(`  standby xact_commit: ${before} → ${after} over ${N} availability requests\n`);
    expect(after - before).toBeGreaterThanOrEqual(N);
  });

  it('every replica-routed route answers from the read-only standby (none of them writes)', async () => {
    const base = `${srv!.baseUrl}/api/v1`;
    const day = slotStart(0).slice(0, 10);
    const paths = [
      `/public/orgs/${org.slug}`,
      `/public/orgs/${org.slug}/availability?serviceId=${org.serviceId}&from=${day}&to=${day}`,
      `/public/orgs/${org.slug}/services`,
      `/public/orgs/${org.slug}/services/${org.serviceId}`,
      `/public/orgs/${org.slug}/hours`,
      `/public/orgs/${org.slug}/products`,
      `/public/orgs/${org.slug}/product-suggestions?q=wash`,
      `/public/orgs/${org.slug}/product-categories`,
      `/public/orgs/${org.slug}/events`,
      `/orgs/${org.slug}/availability?serviceId=${org.serviceId}&from=${day}&to=${day}`,
      `/orgs/${org.slug}/bookings`,
      `/orgs/${org.slug}/customers`,
      `/orgs/${org.slug}/services`,
      `/orgs/${org.slug}/resources`,
    ];
    const answers: string[] = [];
    for (const p of paths) {
      const res = await fetch(base + p, { headers: { cookie: org.cookie } });
      answers.push(`${res.status} ${p}${res.status === 200 ? '' : ` ${await res.text()}`}`);
    }
    expect(answers).toEqual(paths.map((p) => `200 ${p}`));
  });

  it('a lagging replica shows a taken slot as free, and booking it again is a 409, never a second booking', async () => {
    const k = 8; // 02:00 UTC two days from now
    const target = Date.parse(slotStart(k));
    expect(await availableStarts()).toContain(target);
    await pair!.query('standby', DB, 'select pg_wal_replay_pause()');
    let paused = true;
    try {
      const first = await book(k, 1);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const bookingId = first.body.booking.id as string;

      // The replica has not replayed the booking: it still offers the slot, and the staff list
      // (also replica-served) does not have the booking yet.
      expect(await availableStarts()).toContain(target);
      expect(await staffBookingIds()).not.toContain(bookingId);

      // The booking path reads and locks on the primary: the stale offer is refused.
      const second = await book(k, 2);
      expect(second.status, JSON.stringify(second.body)).toBe(409);
      expect(second.body.error.code).toBe('CONFLICT');

      // Other writes still work while the replica is behind.
      const resource = await fetch(`${srv!.baseUrl}/api/v1/orgs/${org.slug}/resources`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: srv!.baseUrl, cookie: org.cookie },
        body: JSON.stringify({ kind: 'staff', name: 'Bay 2' }),
      });
      expect(resource.status, await resource.clone().text()).toBe(201);

      const rows = await pair!.query<{ id: string }>('primary', DB, "select id from bookings where organization_id = $1 and starts_at = $2 and status <> 'cancelled'", [
        org.id,
        new Date(target),
      ]);
      expect(rows.map((r) => r.id)).toEqual([bookingId]);

      await pair!.query('standby', DB, 'select pg_wal_replay_resume()');
      paused = false;
      await pair!.caughtUp(DB);
      expect(await availableStarts()).not.toContain(target);
      expect(await staffBookingIds()).toContain(bookingId);
      const onStandby = await pair!.query<{ n: number }>('standby', DB, 'select count(*)::int as n from bookings where organization_id = $1 and starts_at = $2', [org.id, new Date(target)]);
      expect(onStandby[0]!.n).toBe(1);
    } finally {
      if (paused) await pair!.query('standby', DB, 'select pg_wal_replay_resume()').catch(() => undefined);
    }
  });

  it('never sent a write to the standby', async () => {
    const output = srv!.output();
    // A write on the standby fails with "cannot execute … in a read-only transaction" (25006).
    expect(output).not.toMatch(/read-only transaction|25006|recovery is in progress/);
    // No request answered 500.
    expect(output).not.toMatch(/"status":500/);
    expect(pair!.logs()).not.toMatch(/ERROR: {2}cannot execute/);
  });
});

/**
 * Booking throughput on PostgreSQL (BENCH_DATABASE_URL): N concurrent clients create
 * non-overlapping bookings through the HTTP API (the server in its own process, as deployed),
 * next to a baseline measured in the same run: the same number of single-row inserts into
 * bookings through `pg` with the same concurrency. Target: API ≥ 25% of the baseline.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { buildFixture, client, fixtureSlot, startApiServer, stats } from './support';

const CLIENTS = 16;
const PER_CLIENT = 40;
const RESOURCES = 16;
const root = path.resolve(import.meta.dirname, '..');

const url = testEnv().BENCH_DATABASE_URL;
if (!url) {
  process.stdout.write('BENCH_DATABASE_URL not set: booking throughput (PostgreSQL only) skipped.\n');
  process.exit(0);
}

const startServer = () =>
  startApiServer({ DATABASE_URL: url, DATABASE_POOL_MAX: String(CLIENTS), BASE_URL: 'http://localhost:3000', SEED_DEMO: '0' });

/** Runs `total` jobs over `clients` concurrent workers; returns per-job latencies and wall time. */
async function drive(clients: number, perClient: number, job: (client: number, i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        if (!(await job(c, i))) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: Math.round((clients * perClient) / seconds), seconds: Math.round(seconds * 100) / 100, failures, latency: stats(latencies) };
}

// Fresh schema in the bench database, then the server.
const setupDb = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
await migrate(setupDb);
await setupDb.close();
const server = await startServer();
try {
  const slug = `tput-${Date.now().toString(36)}`;
  const fixture = await buildFixture(server.url, RESOURCES, slug);
  // Client c books resource c; booking i is the i-th 30-minute slot of that resource's days.
  const firstDay = DateTime.now().setZone('America/New_York').plus({ days: 3 }).startOf('day');
  const slotStart = (i: number) => fixtureSlot(firstDay, i);
  const api = client(server.url);
  const apiRun = await drive(CLIENTS, PER_CLIENT, async (c, i) => {
    const res = await api(`/api/v1/public/orgs/${slug}/bookings`, {
      body: {
        serviceId: fixture.serviceId,
        resourceId: fixture.resourceIds[c],
        start: slotStart(i).toISO(),
        customer: { name: `Client ${c}`, email: `client${c}-${i}@bench.test` },
      },
    });
    return res.status === 201;
  });
  // Contention, not timed: every client asks for the same free slots at once (any resource,
  // then each resource by name); the overlap count below must still be 0.
  const contested: Record<number, number> = {};
  for (const [round, resourceId] of [undefined, ...fixture.resourceIds.slice(0, 4)].entries()) {
    const statuses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, c) =>
        api(`/api/v1/public/orgs/${slug}/bookings`, {
          body: { serviceId: fixture.serviceId, resourceId, start: slotStart(PER_CLIENT + round).toISO(), customer: { name: `Rival ${c}`, email: `rival${c}-${round}@bench.test` } },
        }).then((r) => r.status),
      ),
    );
    for (const status of statuses) contested[status] = (contested[status] ?? 0) + 1;
  }

  // Baseline: the same number of rows, single-row inserts, same concurrency, straight through pg.
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  // Unique per run, so the bench can run again on the same database.
  const runTag = Date.now().toString(36);
  const customerId = `cus_raw${runTag.padStart(23, '0')}`;
  await pool.query(`insert into customers (id, organization_id, email, name) values ($1, $2, 'raw@bench.test', 'Raw') on conflict do nothing`, [customerId, fixture.organizationId]);
  const rawFirst = firstDay.plus({ years: 1 });
  const rawRun = await drive(CLIENTS, PER_CLIENT, async (c, i) => {
    const start = rawFirst.plus({ minutes: i * 30 }).toJSDate();
    const end = new Date(start.getTime() + 30 * 60_000);
    await pool.query(
      `insert into bookings (id, organization_id, service_id, resource_id, customer_id, status, starts_at, ends_at, blocked_range, exclusive, currency, source)
       values ($1, $2, $3, $4, $5, 'confirmed', $6, $7, tstzrange($6, $7, '[)'), true, 'USD', 'staff')`,
      [`bkg_raw${runTag}${String(c).padStart(3, '0')}${String(i).padStart(16, '0')}`, fixture.organizationId, fixture.serviceId, fixture.resourceIds[c], customerId, start, end],
    );
    return true;
  });
  // Double bookings: any two active exclusive bookings of one resource whose ranges overlap,
  // among everything this run wrote (the API's and the baseline's rows).
  const overlaps = await pool.query<{ n: string }>(
    `select count(*) as n from bookings a join bookings b
       on b.organization_id = a.organization_id and b.resource_id = a.resource_id and a.id < b.id and a.blocked_range && b.blocked_range
     where a.organization_id = $1 and a.exclusive and b.exclusive
       and a.status in ('pending', 'confirmed', 'in_progress', 'held') and b.status in ('pending', 'confirmed', 'in_progress', 'held')`,
    [fixture.organizationId],
  );
  const doubleBookings = Number(overlaps.rows[0]!.n);
  await pool.end();

  const ratio = Math.round((apiRun.perSecond / rawRun.perSecond) * 1000) / 10;
  const report = {
    benchmark: 'booking-throughput',
    at: new Date().toISOString(),
    node: process.version,
    database: new URL(url).host,
    clients: CLIENTS,
    bookings: CLIENTS * PER_CLIENT,
    /** Bookline's bookings/s as a percentage of the baseline's rows/s. */
    ratio,
    bookline: { ...apiRun, doubleBookings, contestedAnswers: contested },
    baseline: rawRun,
    target: 'API ≥ 25% of the raw insert baseline, 0 double bookings',
  };
  writeFileSync(path.join(root, 'bench/results/booking-throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\nbooking throughput (${CLIENTS}×${PER_CLIENT}, PostgreSQL): ${ratio}% of raw inserts (target ≥ 25%) — API ${apiRun.perSecond}/s p50 ${apiRun.latency.medianMs} ms, ` +
      `raw ${rawRun.perSecond}/s p50 ${rawRun.latency.medianMs} ms, failed ${apiRun.failures}, double bookings ${doubleBookings} (contested answers ${JSON.stringify(contested)})\nwritten to bench/results/booking-throughput.json\n`,
  );
} finally {
  server.stop();
}

/**
 * Availability: 30 days for a service with 10 staff, each with 2,000 existing bookings,
 * Mon–Sat hours with a lunch break. Median and p95 per query for
 *  - the pure engine (inputs loaded once),
 *  - the use case through the API in-process (`app.request`: routing, validation, 6 queries, engine, JSON),
 *  - end to end over HTTP on loopback (PostgreSQL only; the target is < 50 ms p95),
 * on embedded PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { type Database, openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { withTenant } from '@/db/tenant';
import { loadSchedulingData } from '@/modules/catalog';
import { computeSlots, findSlots, loadBusy, serviceParams } from '@/modules/scheduling';
import { buildFixture, bulkBookings, client, createBenchApp, listen, stats, timed } from './support';

const STAFF = 10;
const PER_STAFF = 2_000;
const DAYS = 30;
const ENGINE_RUNS = 200;
const QUERY_RUNS = 100;
const root = path.resolve(import.meta.dirname, '..');

async function run(label: string, database: Database, rawUrl?: string) {
  await migrate(database);
  const app = createBenchApp(database);
  const slug = `bench-${Date.now().toString(36)}`;
  const fixture = await buildFixture(app, STAFF, slug);
  // The window starts in two weeks; bookings run from ~9 months before it to its end.
  const from = DateTime.now().setZone('America/New_York').plus({ days: 14 }).startOf('day');
  const to = from.plus({ days: DAYS - 1 });
  const bookingsFrom = to.minus({ days: Math.ceil((PER_STAFF / 8) * (7 / 6)) });
  const [inserted, seedMs] = await timed(() => bulkBookings(database, fixture, PER_STAFF, bookingsFrom));
  const query = `serviceId=${fixture.serviceId}&from=${from.toISODate()}&to=${to.toISODate()}`;

  // Pure engine: the exact inputs the use case builds, loaded once.
  const now = Date.now();
  const inputs = await withTenant(database.db, { organizationId: fixture.organizationId }, async (tx) => {
    const data = (await loadSchedulingData(tx, fixture.organizationId, { serviceId: fixture.serviceId, window: { from: from.minus({ days: 1 }).toJSDate(), to: to.plus({ days: 2 }).toJSDate() } }))!;
    const busy = await loadBusy(tx, fixture.organizationId, fixture.resourceIds, { start: from.minus({ days: 1 }).toMillis(), end: to.plus({ days: 3 }).toMillis() });
    return { data, busy };
  });
  const service = inputs.data.service;
  const params = serviceParams(service);
  const resources = inputs.data.resources.map((r) => ({
    resourceId: r.resource.id,
    timezone: r.timezone,
    weekly: r.weekly,
    overrides: r.overrides,
    blackouts: [],
    busy: inputs.busy.get(r.resource.id) ?? [],
    capacity: r.resource.capacity,
  }));
  const busyInWindow = resources.reduce((n, r) => n + r.busy.length, 0);
  const window = { from: from.toISODate()!, to: to.toISODate()!, timezone: 'America/New_York', now };
  let slotCount = 0;
  for (let i = 0; i < 20; i++) computeSlots(params, resources, window); // warm-up
  const engine: number[] = [];
  for (let i = 0; i < ENGINE_RUNS; i++) {
    const [slots, ms] = await timed(() => computeSlots(params, resources, window));
    slotCount = slots.length;
    engine.push(ms);
  }

  // The use case in-process (what the route does, minus the socket).
  const api = client(app);
  const check = await api(`/api/v1/public/orgs/${slug}/availability?${query}`);
  if (check.status !== 200 || check.json.slots.length === 0) throw new Error(`availability answered ${check.status} with ${check.json?.slots?.length} slots`);
  for (let i = 0; i < 10; i++) await api(`/api/v1/public/orgs/${slug}/availability?${query}`);
  const useCase: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) useCase.push((await timed(() => api(`/api/v1/public/orgs/${slug}/availability?${query}`)))[1]);

  // Over HTTP on loopback.
  const { server, url } = await listen(app);
  const http = client(url);
  for (let i = 0; i < 10; i++) await http(`/api/v1/public/orgs/${slug}/availability?${query}`);
  const endToEnd: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) endToEnd.push((await timed(() => http(`/api/v1/public/orgs/${slug}/availability?${query}`)))[1]);
  server.close();

  // The floor (PostgreSQL): the busy rows the engine needs — every active booking of the
  // service's resources over the same range — in one plain query through `pg`, as superuser (no
  // RLS, no transaction, no JSON), one row per booking.
  let rawQuery: ReturnType<typeof stats> | null = null;
  if (rawUrl) {
    const pool = new pg.Pool({ connectionString: rawUrl, max: 1 });
    const text = `select resource_id, lower(blocked_range) as starts, upper(blocked_range) as ends, seats, exclusive from bookings
      where organization_id = $1 and resource_id = any($2) and status in ('pending', 'confirmed', 'in_progress', 'held') and blocked_range && tstzrange($3, $4, '[)')`;
    const args = [fixture.organizationId, fixture.resourceIds, from.minus({ days: 1 }).toJSDate(), to.plus({ days: 3 }).toJSDate()];
    const rows = (await pool.query(text, args)).rowCount;
    if (rows !== busyInWindow) throw new Error(`raw query found ${rows} busy rows, the engine ${busyInWindow}`);
    for (let i = 0; i < 10; i++) await pool.query(text, args);
    const raw: number[] = [];
    for (let i = 0; i < QUERY_RUNS; i++) raw.push((await timed(() => pool.query(text, args)))[1]);
    await pool.end();
    rawQuery = stats(raw);
  }

  // Sanity: the same answer as the use-case module gives directly.
  const direct = await withTenant(database.db, { organizationId: fixture.organizationId }, (tx) =>
    findSlots(tx, { organizationId: fixture.organizationId, orgTimezone: 'America/New_York', serviceId: fixture.serviceId, from: window.from, to: window.to, timezone: 'America/New_York', now: new Date() }),
  );
  return {
    database: label,
    description: database.description,
    setup: { staff: STAFF, bookingsPerStaff: PER_STAFF, bookingsInserted: inserted, seedMs: Math.round(seedMs), days: DAYS, busyIntervalsInWindow: busyInWindow },
    slotsReturned: check.json.slots.length,
    engineSlots: slotCount,
    directSlots: direct?.slots.length,
    pureEngine: stats(engine),
    useCaseInProcess: stats(useCase),
    endToEndHttp: stats(endToEnd),
    rawBusyQuery: rawQuery,
    /** End-to-end median over the raw query's median (PostgreSQL; target ≤ 3). */
    ratio: rawQuery ? Math.round((stats(endToEnd).medianMs / rawQuery.medianMs) * 100) / 100 : null,
  };
}

const runs = [];
const embedded = await openDatabase({ kind: 'pglite', dataDir: null });
try {
  runs.push(await run('pglite', embedded));
} finally {
  await embedded.close();
}
const url = testEnv().BENCH_DATABASE_URL;
if (url) {
  const db = await openDatabase({ kind: 'postgres', url, poolMax: 10 });
  try {
    runs.push(await run('postgres', db, url));
  } finally {
    await db.close();
  }
} else process.stdout.write('BENCH_DATABASE_URL not set: PostgreSQL run skipped.\n');

const onPostgres = runs.find((r) => r.rawBusyQuery);
const report = {
  benchmark: 'availability',
  at: new Date().toISOString(),
  node: process.version,
  target: 'end-to-end median ≤ 3× the raw busy-rows query median on PostgreSQL (and < 50 ms p95)',
  // The row, from the PostgreSQL run: { ratio, bookline, baseline }.
  ratio: onPostgres?.ratio ?? null,
  bookline: onPostgres?.endToEndHttp ?? null,
  baseline: onPostgres?.rawBusyQuery ?? null,
  runs,
};
writeFileSync(path.join(root, 'bench/results/availability.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write('\nAvailability, 30 days × 10 staff × 2,000 bookings each\n');
for (const r of runs) {
  process.stdout.write(
    `  ${r.database.padEnd(9)} slots ${r.slotsReturned}, busy in window ${r.setup.busyIntervalsInWindow}\n` +
      `    pure engine         median ${r.pureEngine.medianMs} ms   p95 ${r.pureEngine.p95Ms} ms\n` +
      `    use case in-process median ${r.useCaseInProcess.medianMs} ms   p95 ${r.useCaseInProcess.p95Ms} ms\n` +
      `    end to end (HTTP)   median ${r.endToEndHttp.medianMs} ms   p95 ${r.endToEndHttp.p95Ms} ms\n` +
      (r.rawBusyQuery ? `    raw busy rows (pg)  median ${r.rawBusyQuery.medianMs} ms   p95 ${r.rawBusyQuery.p95Ms} ms\n` : ''),
  );
}
if (onPostgres) {
  process.stdout.write(
    `availability (30 d × 10 staff × 2,000, PostgreSQL): end to end ${onPostgres.ratio}× the raw query (target ≤ 3×) — HTTP p50 ${onPostgres.endToEndHttp.medianMs} ms, raw p50 ${onPostgres.rawBusyQuery!.medianMs} ms\n`,
  );
}
process.stdout.write('written to bench/results/availability.json\n');

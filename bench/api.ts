/**
 * API throughput: requests/s and latency for a route without the database, a public read,
 * and an authenticated read (session lookup + a tenant transaction under RLS), on embedded
 * PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL. The server runs in its own
 * process; autocannon drives it over loopback for a fixed time, 32 connections. Each row is a
 * ratio to a bare node:http server answering the health JSON in its own process
 * (bench/bare-server.ts), measured in the same run just before: `{ ratio, bookline, baseline }`.
 * Results go to bench/results/api.json.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { testEnv } from '@/lib/env';
import { signInDemoOwner as signIn, startApiServer, startBareServer } from './support';

const DURATION_S = Number(process.argv.find((a) => a.startsWith('--duration='))?.split('=')[1] ?? 5);
const CONNECTIONS = 32;
const root = path.resolve(import.meta.dirname, '..');

const startServer = startApiServer;


async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

type Load = Awaited<ReturnType<typeof load>>;
const row = (bookline: Load, baseline: Load) => ({
  ratio: Math.round((1000 * bookline.requestsPerSecond) / Math.max(1, baseline.requestsPerSecond)) / 1000,
  bookline,
  baseline,
});

async function baselineLoad(): Promise<Load> {
  const bare = await startBareServer();
  try {
    return await load(`${bare.url}/api/v1/health`);
  } finally {
    await bare.stop();
  }
}

async function benchDatabase(label: string, extraEnv: Record<string, string>) {
  const server = await startServer(extraEnv);
  try {
    const cookie = await signIn(server.url);
    // The baseline alone on the machine, right before this database's rows (the server idles).
    const baseline = await baselineLoad();
    return {
      database: label,
      description: server.description,
      health: row(await load(`${server.url}/api/v1/health`), baseline),
      publicProfile: row(await load(`${server.url}/api/v1/public/orgs/xplorium`), baseline),
      members: row(await load(`${server.url}/api/v1/orgs/xplorium/members`, { cookie }), baseline),
    };
  } finally {
    await server.stop();
  }
}

// --skip-pglite: the PostgreSQL rows alone (the embedded run seeds a fresh database first).
const runs = process.argv.includes('--skip-pglite') ? [] : [await benchDatabase('pglite', { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bookline-bench-')) })];
const pgUrl = testEnv().BENCH_DATABASE_URL;
if (pgUrl) runs.push(await benchDatabase('postgres', { DATABASE_URL: pgUrl }));
else process.stdout.write('BENCH_DATABASE_URL not set: PostgreSQL run skipped.\n');
// The same on PostgreSQL with the rate-limit counters in Redis instead of the database.
const redisUrl = testEnv().BENCH_REDIS_URL;
if (pgUrl && redisUrl) runs.push(await benchDatabase('postgres+redis', { DATABASE_URL: pgUrl, REDIS_URL: redisUrl }));
else process.stdout.write('BENCH_DATABASE_URL or BENCH_REDIS_URL not set: the Redis-counter run skipped.\n');

const report = { benchmark: 'api', at: new Date().toISOString(), node: process.version, durationSeconds: DURATION_S, connections: CONNECTIONS, runs };
const file = path.join(root, 'bench/results/api.json');
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\n${'database'.padEnd(15)} ${'route'.padEnd(14)} ${'ratio'.padStart(7)} ${'req/s'.padStart(7)} ${'bare'.padStart(7)}   p50 / p99 ms\n`);
for (const run of runs) {
  for (const name of ['health', 'publicProfile', 'members'] as const) {
    const r = run[name];
    process.stdout.write(
      `${run.database.padEnd(15)} ${name.padEnd(14)} ${`${(r.ratio * 100).toFixed(1)}%`.padStart(7)} ${String(r.bookline.requestsPerSecond).padStart(7)} ${String(r.baseline.requestsPerSecond).padStart(7)}   ${r.bookline.latencyMs.p50} / ${r.bookline.latencyMs.p99}${r.bookline.non2xx ? `   non-2xx ${r.bookline.non2xx}` : ''}\n`,
    );
  }
}
process.stdout.write(`\nwritten to ${path.relative(root, file)}\n`);

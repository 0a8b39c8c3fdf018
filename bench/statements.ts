/**
 * Round trips per request: the statements one guest booking and one availability request send
 * to PostgreSQL (BENCH_DATABASE_URL), counted in the server process by bench/statement-log.mjs
 * (a wrapper around pg's Client#query, loaded with --import). Prints each statement's first
 * characters; docs/performance.md quotes the counts. Not part of `npm run bench`.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { buildFixture, client, fixtureSlot, startApiServer } from './support';

const url = testEnv().BENCH_DATABASE_URL;
if (!url) {
  process.stdout.write('BENCH_DATABASE_URL not set: statement count (PostgreSQL only) skipped.\n');
  process.exit(0);
}
const log = path.join(os.tmpdir(), `bookline-statements-${process.pid}.log`);
const setupDb = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
await migrate(setupDb);
await setupDb.close();
const server = await startApiServer({
  DATABASE_URL: url,
  SEED_DEMO: '0',
  BASE_URL: 'http://localhost:3000',
  STATEMENT_LOG: log,
  NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'statement-log.mjs')}`,
});
try {
  const slug = `stmt-${Date.now().toString(36)}`;
  const fixture = await buildFixture(server.url, 3, slug);
  const api = client(server.url);
  const firstDay = DateTime.now().setZone('America/New_York').plus({ days: 3 }).startOf('day');
  const from = firstDay.toISODate()!;
  const to = firstDay.plus({ days: 29 }).toISODate()!;
  const requests: [string, () => Promise<{ status: number }>][] = [];
  for (let i = 0; i < 3; i++) {
    requests.push([
      `guest booking ${i + 1}`,
      () =>
        api(`/api/v1/public/orgs/${slug}/bookings`, {
          body: { serviceId: fixture.serviceId, resourceId: fixture.resourceIds[0], start: fixtureSlot(firstDay, i).toISO(), customer: { name: 'Guest', email: `guest${i}@bench.test` } },
        }),
    ]);
    requests.push([`public profile ${i + 1}`, () => api(`/api/v1/public/orgs/${slug}`)]);
    requests.push([`availability ${i + 1} (30 days, 3 staff)`, () => api(`/api/v1/public/orgs/${slug}/availability?serviceId=${fixture.serviceId}&from=${from}&to=${to}`)]);
  }
  for (const [label, send] of requests) {
    writeFileSync(log, '');
    const res = await send();
    // Work after the answer (e.g. a rate-limit flush) lands in the log a moment later.
    await new Promise((r) => setTimeout(r, 200));
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    process.stdout.write(`\n${label}: HTTP ${res.status}, ${lines.length} statements\n`);
    for (const line of lines) process.stdout.write(`  ${line.slice(0, 160)}\n`);
  }
} finally {
  await server.stop();
  rmSync(log, { force: true });
}

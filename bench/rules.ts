/**
 * Booking rules (#14): the cost of judging a booking against 50 rules for a customer with 2,000
 * past bookings.
 *
 *  - pure: evaluateRules on that input, in this process (median and p95 of 1,000 runs);
 *  - through the API (PostgreSQL, BENCH_DATABASE_URL; the server in its own process): 200
 *    sequential bookings for that customer without any rule, then 200 with the 50 rules (all
 *    passing, none exempt), same server, same run. Target: the p95 with rules at most 1.2× the
 *    p95 without (a ratio measured in one run, never a fixed time).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { type CountedBooking, evaluateRules, type RuleDef } from '@/modules/rules';
import { buildFixture, bulkBookings, client, fixtureSlot, startApiServer, stats } from './support';

const RULES = 50;
const PAST = 2000;
const BOOKINGS = 200;
const root = path.resolve(import.meta.dirname, '..');
const H = 3_600_000;

/** Fifty rules of every kind that reads the customer's history, all of which these requests pass. */
function ruleBodies(resourceIds: string[]) {
  const bodies: Record<string, unknown>[] = [];
  const kinds = [
    { kind: 'quota', params: { limit: 100_000, unit: 'reservations', period: 'year', per: 'organization' } },
    { kind: 'quota', params: { limit: 100_000, unit: 'hours', period: 'month', per: 'resource', weekdays: [1, 2, 3, 4, 5, 6] } },
    { kind: 'quota', params: { limit: 100_000, unit: 'nights', period: 'week', per: 'section', peak: [{ from: '12-15', to: '01-10' }] } },
    { kind: 'max_upcoming', params: { limit: 1000, per: 'organization' } },
    { kind: 'min_gap', params: { hours: 1, per: 'resource' } },
    { kind: 'max_consecutive', params: { max: 366, unit: 'days' } },
    { kind: 'lead_time', params: { action: 'create', minHours: 0, maxDays: 3000 } },
    { kind: 'duration', params: { minMinutes: 1, maxMinutes: 600 } },
    { kind: 'blackout', params: { from: '2001-01-01', to: '2001-01-31', reason: 'Closed' } },
    { kind: 'lead_time', params: { action: 'cancel', minHours: 1 } },
  ];
  for (let i = 0; i < RULES; i++) {
    const k = kinds[i % kinds.length]!;
    const scoped = i % 3 === 0 ? { scope: 'resource', resourceId: resourceIds[i % resourceIds.length] } : {};
    bodies.push({ name: `Rule ${i + 1}`, ...k, ...scoped, outcome: i % 2 ? 'deny' : 'warn', adminsExempt: false });
  }
  return bodies;
}

// ─── Pure ─────────────────────────────────────────────────────────────────────────────────────

function pure() {
  const zone = 'America/New_York';
  const now = Date.UTC(2027, 0, 4, 15);
  const resources = ['res_0', 'res_1', 'res_2', 'res_3'];
  const rules: RuleDef[] = ruleBodies(resources).map((b, i) => ({
    id: `rule_${i}`,
    name: String(b.name),
    kind: b.kind as RuleDef['kind'],
    params: b.params as never,
    scope: (b.scope as RuleDef['scope']) ?? 'organization',
    section: null,
    resourceId: (b.resourceId as string) ?? null,
    tierId: null,
    outcome: b.outcome as RuleDef['outcome'],
    adminsExempt: false,
  }));
  const bookings: CountedBooking[] = Array.from({ length: PAST }, (_, i) => {
    const start = now - (i + 1) * 4 * H;
    return { id: `bkg_${i}`, resourceId: resources[i % 4]!, section: 'Main', start, end: start + H };
  });
  const samples: number[] = [];
  let verdict = '';
  for (let i = 0; i < 1000 + 100; i++) {
    const start = now + (48 + i) * H;
    const t = performance.now();
    verdict = evaluateRules(rules, {
      request: { action: 'create', resourceId: 'res_1', resourceName: 'Professional 2', section: 'Main', start, end: start + H, zone, now },
      booker: { member: true, tierId: null, isAdmin: false },
      bookings,
      tiers: [],
    }).verdict;
    if (i >= 100) samples.push(performance.now() - t); // the first 100 warm up
  }
  return { rules: RULES, pastBookings: PAST, verdict, latency: stats(samples) };
}

// ─── Through the API ──────────────────────────────────────────────────────────────────────────

async function throughApi(url: string) {
  const setupDb = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
  await migrate(setupDb);
  const server = await startApiServer({ DATABASE_URL: url, DATABASE_POOL_MAX: '4', BASE_URL: 'http://localhost:3000', SEED_DEMO: '0' });
  try {
    const slug = `rules-${Date.now().toString(36)}`;
    const fixture = await buildFixture(server.url, 4, slug);
    // 2,000 past bookings of one customer (bulk@bench.test), 500 per resource.
    const past = await bulkBookings(setupDb, fixture, PAST / fixture.resourceIds.length, DateTime.now().minus({ days: 330 }));
    const api = client(server.url, fixture.cookie);
    const firstDay = DateTime.now().setZone('America/New_York').plus({ days: 3 }).startOf('day');
    const run = async (resource: number, offset: number) => {
      const latencies: number[] = [];
      for (let i = 0; i < BOOKINGS + 10; i++) {
        const t = performance.now();
        const res = await api(`/api/v1/orgs/${slug}/bookings`, {
          body: { serviceId: fixture.serviceId, resourceId: fixture.resourceIds[resource], start: fixtureSlot(firstDay, offset + i).toISO(), customer: { name: 'Bulk', email: 'bulk@bench.test' } },
        });
        if (res.status !== 201) throw new Error(`booking: ${res.status} ${JSON.stringify(res.json)}`);
        if (i >= 10) latencies.push(performance.now() - t); // the first 10 warm up
      }
      return stats(latencies);
    };
    const without = await run(0, 0);
    for (const body of ruleBodies(fixture.resourceIds)) {
      const res = await api(`/api/v1/orgs/${slug}/rules`, { body });
      if (res.status !== 201) throw new Error(`rule: ${res.status} ${JSON.stringify(res.json)}`);
    }
    const withRules = await run(1, 0);
    return { pastBookings: past, rules: RULES, bookings: BOOKINGS, without, withRules, p95Ratio: Math.round((withRules.p95Ms / without.p95Ms) * 100) / 100, medianRatio: Math.round((withRules.medianMs / without.medianMs) * 100) / 100 };
  } finally {
    await server.stop();
    await setupDb.close();
  }
}

const result: Record<string, unknown> = { pure: pure() };
process.stdout.write(`rules, pure: ${JSON.stringify(result.pure)}\n`);
const url = testEnv().BENCH_DATABASE_URL;
if (url) {
  const api = await throughApi(url);
  result.api = { ...api, target: 'p95 with rules ≤ 1.2 × without', met: api.p95Ratio <= 1.2 };
  process.stdout.write(`rules, through the API: ${JSON.stringify(result.api)}\n`);
} else {
  process.stdout.write('BENCH_DATABASE_URL not set: rules through the API (PostgreSQL only) skipped.\n');
}
writeFileSync(path.join(root, 'bench/results/rules.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...result }, null, 2)}\n`);

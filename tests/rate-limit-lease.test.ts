/**
 * The whole API's limit, leased from the shared store (src/api/middleware/rate-limit-lease.ts):
 * one instance is exact, instances together never let more than the limit through, a lease
 * ends with its window, and an address far from its limit costs the store a few round trips,
 * not one per request. On the real stores: Redis (required under CI, like tests/rate-limit.test.ts)
 * and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { type RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeasedLimiter } from '@/api/middleware/rate-limit-lease';
import { RATE_LIMIT_TABLE } from '@/api/middleware/rate-limit';
import { testEnv } from '@/lib/env';
import { usingPostgres } from './support/database';
import { uniq } from './support/factories';

const redisUrl = testEnv().TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: Redis | null = null;
let pool: pg.Pool | null = null;

beforeAll(async () => {
  const client = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    redis = client;
  } catch (err) {
    client.disconnect();
    if (testEnv().CI) throw new Error(`Redis is required under CI (${redisUrl}): ${(err as Error).message}`);
  }
  if (usingPostgres) {
    pool = new pg.Pool({ connectionString: testEnv().TEST_DATABASE_URL, max: 4 });
    await pool.query(`create unlogged table if not exists ${RATE_LIMIT_TABLE} (key varchar(255) primary key, points integer not null default 0, expire bigint)`);
  }
});
afterAll(async () => {
  redis?.disconnect();
  await pool?.end();
});

type Make = (opts: { points: number; duration: number; keyPrefix: string }) => RateLimiterAbstract;
const stores: [string, () => Make | null][] = [
  ['Redis', () => (redis ? (o) => new RateLimiterRedis({ ...o, storeClient: redis! }) : null)],
  ['PostgreSQL', () => (pool ? (o) => new RateLimiterPostgres({ ...o, storeClient: pool!, storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: false }) : null)],
];

/** The store, with its consume calls counted (a library object, not ours). */
function counted(store: RateLimiterAbstract) {
  const calls = { consume: 0 };
  const consume = store.consume.bind(store);
  store.consume = (...args: Parameters<RateLimiterAbstract['consume']>) => {
    calls.consume++;
    return consume(...args);
  };
  return { store, calls };
}

async function outcome(limiter: LeasedLimiter, key: string): Promise<RateLimiterRes & { ok: boolean }> {
  try {
    return Object.assign(await limiter.consume(key), { ok: true });
  } catch (err) {
    if (err instanceof RateLimiterRes) return Object.assign(err, { ok: false });
    throw err;
  }
}

describe.each(stores)('leased API limit on %s', (_name, makeStore) => {
  it('one instance lets exactly the limit through, with a falling RateLimit-Remaining, in far fewer store round trips', async (t) => {
    const make = makeStore();
    if (!make) return t.skip();
    const { store, calls } = counted(make({ points: 200, duration: 60, keyPrefix: uniq('lease') }));
    const limiter = new LeasedLimiter(store);
    const answers: (RateLimiterRes & { ok: boolean })[] = [];
    for (let i = 0; i < 230; i++) answers.push(await outcome(limiter, '192.0.2.1'));
    expect(answers.filter((a) => a.ok)).toHaveLength(200);
    expect(answers.slice(0, 200).every((a) => a.ok)).toBe(true);
    expect(answers.slice(200).every((a) => !a.ok && a.msBeforeNext > 0)).toBe(true);
    const remaining = answers.slice(0, 200).map((a) => a.remainingPoints);
    expect(remaining[0]).toBe(199);
    expect(remaining.at(-1)).toBe(0);
    for (let i = 1; i < remaining.length; i++) expect(remaining[i]).toBe(remaining[i - 1]! - 1);
    // Leases of up to an eighth of what remained: far fewer calls than requests, and every
    // call near the limit asks for one point.
    expect(calls.consume).toBeLessThan(100);
    expect(calls.consume).toBeGreaterThan(20);
  });

  it('two instances on one counter never let more than the limit through, in parallel', async (t) => {
    const make = makeStore();
    if (!make) return t.skip();
    const keyPrefix = uniq('lease');
    const a = new LeasedLimiter(make({ points: 120, duration: 60, keyPrefix }));
    const b = new LeasedLimiter(make({ points: 120, duration: 60, keyPrefix }));
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => outcome(i % 2 === 0 ? a : b, '198.51.100.7')));
    const passed = results.filter((r) => r.ok).length;
    expect(passed).toBeLessThanOrEqual(120);
    // Conservative by at most the points leased to one instance and not spent there.
    expect(passed).toBeGreaterThanOrEqual(120 - 2 * 15);
    // Each instance keeps refusing: its leases are spent and the store is at the limit.
    expect((await outcome(a, '198.51.100.7')).ok).toBe(false);
    expect((await outcome(b, '198.51.100.7')).ok).toBe(false);
  });

  it('ends a lease with its window: the next window starts from the store', async (t) => {
    const make = makeStore();
    if (!make) return t.skip();
    const limiter = new LeasedLimiter(make({ points: 40, duration: 1, keyPrefix: uniq('lease') }));
    // Two requests: the second leases ahead (40 − 1 remaining, an eighth of it).
    expect((await outcome(limiter, '203.0.113.3')).ok).toBe(true);
    expect((await outcome(limiter, '203.0.113.3')).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fresh = await outcome(limiter, '203.0.113.3');
    expect(fresh.ok).toBe(true);
    // A new window: 39 left after this one, not what the old lease had.
    expect(fresh.remainingPoints).toBe(39);
  });

  it('keeps a bounded number of leases: a dropped lease loses its unspent points, never lets more through', async (t) => {
    const make = makeStore();
    if (!make) return t.skip();
    const limiter = new LeasedLimiter(make({ points: 40, duration: 60, keyPrefix: uniq('lease') }), 5);
    let passed = 0;
    // Twelve addresses, round after round, through a limiter that keeps five leases: most
    // requests find their lease dropped and lease again from the store.
    for (let round = 0; round < 60; round++) {
      for (let k = 0; k < 12; k++) if ((await outcome(limiter, `10.0.0.${k}`)).ok) passed++;
    }
    // Each address: at most its 40 (unspent leased points of a dropped lease are lost).
    expect(passed).toBeLessThanOrEqual(12 * 40);
    expect(passed).toBeGreaterThan(12 * 10);
    for (let k = 0; k < 12; k++) expect((await outcome(limiter, `10.0.0.${k}`)).ok).toBe(false);
  });

  it('keys are apart: one address at its limit does not hold back another', async (t) => {
    const make = makeStore();
    if (!make) return t.skip();
    const limiter = new LeasedLimiter(make({ points: 3, duration: 60, keyPrefix: uniq('lease') }));
    for (let i = 0; i < 3; i++) expect((await outcome(limiter, 'x')).ok).toBe(true);
    expect((await outcome(limiter, 'x')).ok).toBe(false);
    expect((await outcome(limiter, 'y')).ok).toBe(true);
  });
});

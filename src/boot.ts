/**
 * Composition root shared by the server, the db scripts and the benchmarks: open the
 * database, migrate, seed by policy, and wire auth + the API.
 */
import { Redis } from 'ioredis';
import { createApp } from '@/api/app';
import { createRateLimits, type RateLimitStore, rateLimitSettingsFromEnv } from '@/api/middleware/rate-limit';
import type { Lifecycle } from '@/api/types';
import { checkPoolerTimeouts, type Database, openDatabase, targetFromEnv } from '@/db/client';
import { isEmpty, migrate } from '@/db/migrate';
import { type SeedResult, seedDemo } from '@/seed';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/client-address';
import { systemClock } from '@/lib/clock';
import { type Env, EnvError, env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { resolveAuthSecret } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { createRealtime } from '@/modules/realtime';
import { createOrganizationCache } from '@/modules/organizations';

export type SeedPolicy = 'auto' | 'always' | 'never';

/**
 * "auto": demo data on the first start of the embedded database, and on an empty PostgreSQL
 * database in development; otherwise only with SEED_DEMO=1.
 */
export function shouldSeed(e: Env, empty: boolean, policy: SeedPolicy): boolean {
  if (policy !== 'auto') return policy === 'always';
  if (e.SEED_DEMO) return true;
  if (!empty) return false;
  return !e.DATABASE_URL || e.NODE_ENV === 'development';
}

export async function prepareDatabase(policy: SeedPolicy = 'auto'): Promise<{ database: Database; seeded: SeedResult | null }> {
  const e = env();
  const database = await openDatabase(targetFromEnv());
  await migrate(database);
  await checkPoolerTimeouts(database);
  const seeded = shouldSeed(e, await isEmpty(database), policy) ? await seedDemo(database.db) : null;
  return { database, seeded };
}

/**
 * Where rate-limit counters live: Redis when REDIS_URL is set, else the PostgreSQL server
 * (shared by every instance), else this process's memory (the embedded database means one
 * instance). Redis commands fail fast while it is unreachable (no offline queue, a command
 * timeout) so the in-memory insurance limiter takes over instead of requests waiting.
 */
export function rateLimitStore(e: Env, database: Database): RateLimitStore {
  if (e.REDIS_URL) {
    const client = new Redis(e.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    let lastWarned = 0;
    client.on('error', (err) => {
      // ioredis reconnects every ~2 s while Redis is down: one line a minute is enough.
      if (Date.now() - lastWarned < 60_000) return;
      lastWarned = Date.now();
      logger().warn({ err: err.message }, 'redis (rate limits) unavailable; counting in memory until it is back');
    });
    return { kind: 'redis', client };
  }
  if (database.kind === 'postgres') return { kind: 'postgres', pool: database.pool };
  return { kind: 'memory' };
}

export function trustedProxiesFromEnv(e: Env): TrustedProxies {
  try {
    return parseTrustedProxies(e.TRUSTED_PROXIES);
  } catch (err) {
    throw new EnvError(`Invalid environment configuration:\n  - TRUSTED_PROXIES: ${(err as Error).message}`);
  }
}

export function createRuntime(database: Database, lifecycle?: Lifecycle) {
  const e = env();
  const trustedProxies = trustedProxiesFromEnv(e);
  const auth = createAuth({
    db: database.db,
    baseURL: e.BASE_URL,
    secret: resolveAuthSecret(e),
    production: e.NODE_ENV === 'production',
    trustedOrigins: e.origins,
    burstPerMinute: e.RATE_LIMIT_AUTH_BURST_PER_MINUTE,
  });
  const rateLimits = createRateLimits({ settings: rateLimitSettingsFromEnv(e), store: rateLimitStore(e, database), logger: logger() });
  // Live streams: fanned out over Redis when configured (shared by every instance), else over
  // the database's LISTEN/NOTIFY. The caller starts it (and stops it before the pool closes).
  const realtime = createRealtime(database, logger(), { redisUrl: e.REDIS_URL, hub: { maxStreamsPerAddress: e.REALTIME_STREAMS_PER_ADDRESS } });
  // Organizations in memory by slug, dropped on each change (LISTEN): not behind a transaction
  // pooler, where LISTEN does not hold. The caller starts it, like realtime.
  const organizationCache = e.DATABASE_TRANSACTION_POOLER ? undefined : createOrganizationCache(database, logger());
  const api = createApp({
    database,
    auth,
    clock: systemClock,
    logger: logger(),
    rateLimits,
    trustedProxies,
    metricsToken: e.METRICS_TOKEN,
    lifecycle,
    realtime,
  });
  return { auth, api, rateLimits, realtime, organizationCache };
}

/**
 * Composition root shared by the server, the db scripts and the benchmarks: open the
 * database, migrate, seed by policy, and wire auth + the API.
 */
import { createApp } from '@/api/app';
import type { Lifecycle } from '@/api/types';
import { type Database, openDatabase, targetFromEnv } from '@/db/client';
import { isEmpty, migrate } from '@/db/migrate';
import { type SeedResult, seedDemo } from '@/db/seed';
import { systemClock } from '@/lib/clock';
import { type Env, env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { resolveAuthSecret } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';

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
  const seeded = shouldSeed(e, await isEmpty(database), policy) ? await seedDemo(database.db) : null;
  return { database, seeded };
}

export function createRuntime(database: Database, lifecycle?: Lifecycle) {
  const e = env();
  const auth = createAuth({
    db: database.db,
    baseURL: e.BASE_URL,
    secret: resolveAuthSecret(e),
    production: e.NODE_ENV === 'production',
  });
  const api = createApp({ database, auth, clock: systemClock, logger: logger(), metricsToken: e.METRICS_TOKEN, lifecycle });
  return { auth, api };
}

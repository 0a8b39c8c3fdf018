/** The real app, in-process: `app.request()` against a real database. Only the clock is ours to set. */
import { createApp } from '@/api/app';
import { createRateLimits, GENEROUS_RATE_LIMITS, type RateLimits } from '@/api/middleware/rate-limit';
import type { Database } from '@/db/client';
import type { TrustedProxies } from '@/lib/client-address';
import { type Clock, systemClock } from '@/lib/clock';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { createOrganizationCache, type OrganizationCache } from '@/modules/organizations';
import { createRealtime, type Realtime, type RealtimeOptions } from '@/modules/realtime';
import type { WebhookSettings } from '@/modules/webhooks';
import { openTestDatabase } from './database';

export interface Harness {
  database: Database;
  app: ReturnType<typeof createApp>;
  auth: ReturnType<typeof createAuth>;
  /** Set when asked for (`realtime` option): started by the test, stopped by close(). */
  realtime?: Realtime;
  /** Set when asked for (`organizationCache` option): started already, stopped by close(). */
  organizationCache?: OrganizationCache;
  close(): Promise<void>;
}

/**
 * In-process requests have no address, so they all share one rate-limit bucket: by default
 * the limits are out of reach, and rate-limit tests pass their own.
 */
export async function createHarness(
  opts: { clock?: Clock; database?: Database; rateLimits?: RateLimits; trustedProxies?: TrustedProxies; metricsToken?: string; webhooks?: Partial<WebhookSettings>; realtime?: RealtimeOptions; organizationCache?: boolean } = {},
): Promise<Harness> {
  const database = opts.database ?? (await openTestDatabase());
  const auth = createAuth({ db: database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: false });
  const rateLimits = opts.rateLimits ?? createRateLimits({ settings: GENEROUS_RATE_LIMITS });
  const realtime = opts.realtime ? createRealtime(database, logger(), opts.realtime) : undefined;
  // Started here (it listens before the first request), stopped by close().
  const organizationCache = opts.organizationCache ? createOrganizationCache(database, logger()) : undefined;
  await organizationCache?.start();
  const app = createApp({
    database,
    auth,
    clock: opts.clock ?? systemClock,
    logger: logger(),
    rateLimits,
    trustedProxies: opts.trustedProxies,
    metricsToken: opts.metricsToken,
    webhooks: opts.webhooks,
    checkResponses: true,
    realtime,
  });
  return {
    database,
    app,
    auth,
    realtime,
    organizationCache,
    close: async () => {
      await realtime?.stop();
      await organizationCache?.stop();
      await database.close();
    },
  };
}

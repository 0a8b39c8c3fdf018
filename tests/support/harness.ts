/** The real app, in-process: `app.request()` against a real database. Only the clock is ours to set. */
import { createApp } from '@/api/app';
import type { Database } from '@/db/client';
import { type Clock, systemClock } from '@/lib/clock';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { openTestDatabase } from './database';

export interface Harness {
  database: Database;
  app: ReturnType<typeof createApp>;
  auth: ReturnType<typeof createAuth>;
  close(): Promise<void>;
}

export async function createHarness(opts: { clock?: Clock; database?: Database } = {}): Promise<Harness> {
  const database = opts.database ?? (await openTestDatabase());
  const auth = createAuth({ db: database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: false });
  const app = createApp({ database, auth, clock: opts.clock ?? systemClock, logger: logger() });
  return { database, app, auth, close: () => database.close() };
}

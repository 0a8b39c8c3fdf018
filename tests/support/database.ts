/**
 * Test databases: an in-memory PGlite per test file by default; the real PostgreSQL named by
 * TEST_DATABASE_URL when it is set (CI creates a fresh database for each run). Tests never
 * clean up: each makes its own organization and users with unique names.
 *
 * Migrations run once per `npm test` (tests/global-setup.ts): a PGlite test database is a copy
 * of the migrated template's data directory, and the shared PostgreSQL database is migrated
 * before the first file starts. Run without that setup (another config), a database is
 * migrated here as before.
 */
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type Database, openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';

export const usingPostgres = !!testEnv().TEST_DATABASE_URL;

let template: Promise<Blob> | undefined;

export async function openTestDatabase(): Promise<Database> {
  const url = testEnv().TEST_DATABASE_URL;
  if (url) {
    // The races queue up to 300 requests on these 20 connections; on a loaded 2-core machine a
    // request can wait more than the server's 5 s for one, and a 503 there says nothing about
    // the guarantee under test. (The 503 itself is tested by the fault tests on the server.)
    const database = await openDatabase({ kind: 'postgres', url, poolMax: 20, poolWaitMs: 60_000 });
    // Migrated by the global setup; the ping still opens the first connection here, as the
    // migration did, so a missing server fails in beforeAll and the pool starts with one.
    if (inject('postgresMigrated')) await database.ping();
    else await migrate(database);
    return database;
  }
  const file = inject('pgliteTemplate');
  if (!file) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(database);
    return database;
  }
  template ??= readFile(file).then((bytes) => new Blob([bytes]));
  return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await template });
}

/**
 * Test databases: an in-memory PGlite per test file by default; the real PostgreSQL named by
 * TEST_DATABASE_URL when it is set (CI creates a fresh database for each run). Tests never
 * clean up: each makes its own organization and users with unique names.
 */
import { type Database, openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';

export const usingPostgres = !!testEnv().TEST_DATABASE_URL;

export async function openTestDatabase(): Promise<Database> {
  const url = testEnv().TEST_DATABASE_URL;
  const database = await openDatabase(url ? { kind: 'postgres', url, poolMax: 20 } : { kind: 'pglite', dataDir: null });
  await migrate(database);
  return database;
}

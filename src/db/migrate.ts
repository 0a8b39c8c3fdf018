/**
 * The one migrate function, used by start, tests and deploy (`npm run db:migrate`).
 *
 * On PostgreSQL every pending migration runs in ONE transaction that first takes a
 * transaction-scoped advisory lock, so app instances that boot at the same time apply each
 * migration once: the second waits for the first's commit, then finds nothing left to do.
 * Transaction-scoped on purpose: behind a transaction-pooling pgbouncer a session lock and its
 * unlock may reach different server connections (and a session `SET` would outlive us on a
 * connection another client gets next); a transaction keeps one server connection from BEGIN to
 * COMMIT under any pooler. See docs/decisions/0021-migrations-behind-a-transaction-pooler.md.
 *
 * The bookkeeping is drizzle's own (drizzle-orm/pg-core dialect.migrate): the same
 * `drizzle.__drizzle_migrations` table and rule (a migration is pending when its folder time is
 * later than the newest recorded one), so databases migrated before keep working and
 * `drizzle-kit migrate` agrees with us. Only the transaction around it is ours: drizzle's
 * creates its table and reads the last migration outside any transaction and lock.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATION_LOCK_KEY = 7_244_650_199_011n; // arbitrary, constant: "bookline migrations"

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const migrations = readMigrationFiles({ migrationsFolder });
  const client = await database.pool.connect();
  let failed: unknown;
  try {
    await client.query('begin');
    // Neither a long migration nor waiting for another instance's is a stuck request: the
    // pool's statement timeout does not apply here (LOCAL: it ends with this transaction).
    await client.query('set local statement_timeout = 0');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query('create schema if not exists drizzle');
    await client.query('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
    const last = await client.query<{ created_at: string | null }>('select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1');
    const lastAt = last.rows[0] ? Number(last.rows[0].created_at) : null;
    for (const migration of migrations) {
      if (lastAt !== null && lastAt >= migration.folderMillis) continue;
      for (const statement of migration.sql) await client.query(statement);
      await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [migration.hash, migration.folderMillis]);
    }
    await client.query('commit');
  } catch (err) {
    failed = err;
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    // A connection that failed mid-transaction is not handed to the next request.
    client.release(failed instanceof Error ? failed : undefined);
  }
}

/** True when the database has no organizations yet (first start). */
export async function isEmpty(database: Database): Promise<boolean> {
  const rows = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from organizations`);
  return Number((rows as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? 0) === 0;
}

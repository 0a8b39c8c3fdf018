/**
 * The job queue for scheduled work (reminders): pg-boss, on the same database as everything
 * else — its own schema (`pgboss`), created and migrated by pg-boss at start. On PostgreSQL it
 * runs its statements through our pool (the owner connection, no second pool to size); on the
 * embedded default through PGlite's single connection with pg-boss's PGlite adapter.
 * See docs/decisions/0010-reminders-on-pg-boss.md.
 */
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '@/db/client';
import { inPooledTransaction } from '@/db/pooled-transaction';

export type JobQueue = PgBoss;

export interface JobQueueOptions {
  /** Seconds between a worker's polls for due jobs (pg-boss's default is 2). */
  pollingIntervalSeconds?: number;
  /** Run pg-boss's maintenance and cron supervision in this instance (default true). */
  supervise?: boolean;
}

export function createJobQueue(database: Database, options: JobQueueOptions = {}): JobQueue {
  const common = { schema: 'pgboss', supervise: options.supervise ?? true, schedule: false, persistWarnings: false } as const;
  if (database.kind === 'pglite') return new PgBoss({ ...common, backend: 'pglite', db: fromPglite(database.client) });
  const pool = database.pool;
  return new PgBoss({ ...common, db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) } });
}

/**
 * Starts the queue, one instance at a time. pg-boss installs its schema under its own advisory
 * lock, yet a second instance that waited on that lock could still fail: its catalog cache
 * predated the first one's commit, so `CREATE SCHEMA IF NOT EXISTS pgboss` tried again and hit
 * pg_namespace's unique index ("duplicate key value violates unique constraint
 * pg_namespace_nspname_index", which pg-boss does not take for the race it is; seen once in the
 * scale suite, two instances starting together). Here the whole start waits on an advisory lock
 * held in a transaction on one pool connection (transaction-scoped, so it also holds behind a
 * transaction pooler): the second instance starts after the first has installed, and finds
 * pg-boss installed. PGlite (one process, one connection) and a pool of one connection (the lock
 * would leave pg-boss none) start it directly.
 */
export async function startJobQueue(database: Database, jobs: JobQueue): Promise<void> {
  if (database.kind === 'pglite' || (database.pool.options.max ?? 10) < 2) {
    await jobs.start();
    return;
  }
  await inPooledTransaction(
    database.pool,
    () => `begin; select pg_advisory_xact_lock(hashtextextended('bookline.jobs.start', 0))`,
    () => jobs.start(),
  );
}

/**
 * The job queue for scheduled work (reminders): pg-boss, on the same database as everything
 * else — its own schema (`pgboss`), created and migrated by pg-boss at start. On PostgreSQL it
 * runs its statements through our pool (the owner connection, no second pool to size); on the
 * embedded default through PGlite's single connection with pg-boss's PGlite adapter.
 * See docs/decisions/0010-reminders-on-pg-boss.md.
 */
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '@/db/client';

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

/**
 * Opens the database: embedded PGlite (file-backed under DATA_DIR, or in memory for tests)
 * when no URL is given, a node-postgres pool otherwise. Both give the same Drizzle API.
 * The process keeps one Database on globalThis, so the API (loaded by tsx) and Next's
 * bundled server components share one connection, never two PGlite instances on one dir.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import * as schema from './schema';
import { StatementCachingClient } from './statement-cache';

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: what queries accept. */
export type Executor = Db | Tx;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */; /** In memory only: start from a saved data directory (the tests' migrated template). */ loadDataDir?: Blob }
  | {
      kind: 'postgres';
      url: string;
      poolMax?: number;
      statementTimeoutMs?: number;
      poolWaitMs?: number;
      /** `url` is a transaction-pooling pgbouncer: send no session startup parameters (see
       * postgresSessionOptions). */
      transactionPooler?: boolean;
      /** A streaming replica for reads (DATABASE_READ_URL); see readDb. */
      readUrl?: string;
    };

export type Database =
  | { kind: 'pglite'; db: Db; client: PGlite; description: string; ping(): Promise<void>; close(): Promise<void> }
  | { kind: 'postgres'; db: Db; pool: pg.Pool; description: string; ping(): Promise<void>; close(): Promise<void>; /** Set with DATABASE_READ_URL. */ replica?: ReadReplica };

const PING_TIMEOUT_MS = 2_000;
/** Default server-side bound on one statement (lock waits included): a request never waits on
 * the database longer than this; the API answers 503 (SQLSTATE 57014). */
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') {
    let client: PGlite;
    if (target.dataDir) {
      const dir = path.resolve(target.dataDir);
      // PGlite.create(dir) does not create parent folders.
      await mkdir(path.dirname(dir), { recursive: true });
      client = await PGlite.create(dir, { extensions: { btree_gist, pg_trgm, unaccent } });
    } else {
      client = await PGlite.create({ extensions: { btree_gist, pg_trgm, unaccent }, ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) });
    }
    const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      client,
      description: target.dataDir ? `embedded PGlite at ${path.resolve(target.dataDir)}` : 'embedded PGlite (memory)',
      ping: async () => {
        await withTimeout(client.query('select 1'), PING_TIMEOUT_MS, 'database ping');
      },
      close: () => client.close(),
    };
  }

  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolMax ?? 10,
    // Bounds both opening a connection and waiting for a free one: with the server down or
    // the pool exhausted, a request fails (503) instead of queueing forever. The test harness
    // waits longer: its race tests queue 200 requests on 20 connections, on a shared machine.
    connectionTimeoutMillis: target.poolWaitMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    ...postgresSessionOptions(target),
    // Notices a server that vanished without closing the socket (host down, network cut).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...statementCaching(target),
  });
  const log = logger().child({ component: 'db' });
  // A connection that loses its server (restart, pg_terminate_backend) emits 'error'. For an
  // idle one the pool re-emits it here; a checked-out one (a transaction between statements)
  // emits on the client itself, where no listener means an uncaught exception and a dead
  // process. Either way the statement in flight fails (the API answers 503) and the pool drops
  // the connection and opens a new one on demand.
  pool.on('error', (err) => log.warn({ err: err.message }, 'idle database connection lost'));
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err: err.message }, 'database connection lost'));
  });
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  const url = new URL(target.url);
  const replica = target.readUrl ? openReadReplica(target.readUrl, target) : undefined;
  return {
    kind: 'postgres',
    db,
    pool,
    description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${replica ? `, reads from ${replica.description}` : ''}`,
    ping: async () => {
      await withTimeout(db.execute(sql`select 1`), PING_TIMEOUT_MS, 'database ping');
    },
    close: async () => {
      await Promise.all([pool.end(), replica?.close()]);
    },
    ...(replica ? { replica } : {}),
  };
}

/** A read-only pool on a streaming replica (DATABASE_READ_URL). */
export interface ReadReplica {
  db: Db;
  pool: pg.Pool;
  description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The pool behind `readDb`. Its sessions start with default_transaction_read_only=on: a hot
 * standby refuses writes anyway, and when the URL names a writable server by mistake a write
 * routed here still fails loudly (SQLSTATE 25006) instead of landing where nothing expects it.
 * Behind a transaction pooler (DATABASE_TRANSACTION_POOLER) no startup parameter is sent, that
 * one included: the standby's own read-only state is the guard there (docs/scaling.md).
 */
export function openReadReplica(readUrl: string, limits: Omit<Extract<DatabaseTarget, { kind: 'postgres' }>, 'kind' | 'url' | 'readUrl'> = {}): ReadReplica {
  const pool = new pg.Pool({
    connectionString: readUrl,
    max: limits.poolMax ?? 10,
    connectionTimeoutMillis: limits.poolWaitMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    ...postgresSessionOptions({ kind: 'postgres', url: readUrl, ...limits }),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(limits.transactionPooler ? {} : { options: '-c default_transaction_read_only=on' }),
    ...statementCaching(limits),
  });
  const log = logger().child({ component: 'db-replica' });
  pool.on('error', (err) => log.warn({ err: err.message }, 'idle replica connection lost'));
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err: err.message }, 'replica connection lost'));
  });
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  const url = new URL(readUrl);
  return {
    db,
    pool,
    description: `the replica at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    ping: async () => {
      await withTimeout(db.execute(sql`select 1`), PING_TIMEOUT_MS, 'replica ping');
    },
    close: () => pool.end(),
  };
}

/**
 * Where a read that may be a little stale goes: the replica when DATABASE_READ_URL is set,
 * else the primary. Only for reads that are not part of a write: availability, the public
 * catalog, plain lists. A booking, an order, and every read inside their transactions use
 * `database.db` (the primary), so replica lag can show a slot that is already taken (the
 * booking then answers 409), never let two bookings share it.
 */
export function readDb(database: Database): Db {
  return database.kind === 'postgres' && database.replica ? database.replica.db : database.db;
}

/**
 * The per-connection settings node-postgres sends as startup parameters. A transaction pooler
 * (pgbouncer, pool_mode = transaction) refuses unknown startup parameters ("unsupported startup
 * parameter: statement_timeout") and could not keep them per client anyway: a client's
 * statements run on whichever server connection is free. There the same bounds are the
 * server's defaults for the app's role or database (`ALTER ROLE … SET statement_timeout`,
 * docs/scaling.md), so every server connection the pooler opens has them.
 */
export function postgresSessionOptions(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Pick<pg.PoolConfig, 'statement_timeout' | 'idle_in_transaction_session_timeout'> {
  if (target.transactionPooler) return {};
  const statementTimeout = target.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    // A transaction left open by a stuck client must not hold its row and advisory locks.
    idle_in_transaction_session_timeout: 60_000,
  };
}

/** Repeated queries as named statements (statement-cache.ts), except behind a transaction pooler. */
function statementCaching(target: { transactionPooler?: boolean }): Pick<pg.PoolConfig, 'Client'> {
  return target.transactionPooler ? {} : { Client: StatementCachingClient };
}

/**
 * Behind a transaction pooler the app sends no timeouts, so the server's defaults are the only
 * ones: what is missing from the settings one pooled connection reports (empty when none is).
 */
export function missingPoolerTimeouts(settings: { statement_timeout: string; idle_in_transaction_session_timeout: string }): string[] {
  return (['statement_timeout', 'idle_in_transaction_session_timeout'] as const).filter((name) => /^0(ms|s)?$/.test(settings[name].trim()));
}

/** Logs a warning at start when the role/database behind a transaction pooler has no timeouts. */
export async function checkPoolerTimeouts(database: Database): Promise<void> {
  if (database.kind !== 'postgres' || !env().DATABASE_TRANSACTION_POOLER) return;
  const { rows } = await database.pool.query<{ statement_timeout: string; idle_in_transaction_session_timeout: string }>(
    `select current_setting('statement_timeout') as statement_timeout, current_setting('idle_in_transaction_session_timeout') as idle_in_transaction_session_timeout`,
  );
  const missing = missingPoolerTimeouts(rows[0]!);
  if (missing.length > 0) {
    logger().warn(
      { missing },
      `DATABASE_TRANSACTION_POOLER: the server has no ${missing.join(' or ')}; set them on the app's role (ALTER ROLE … SET statement_timeout = '30s'), see docs/scaling.md`,
    );
  }
}

export function targetFromEnv(): DatabaseTarget {
  const e = env();
  return e.DATABASE_URL
    ? {
        kind: 'postgres',
        url: e.DATABASE_URL,
        poolMax: e.DATABASE_POOL_MAX,
        statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        transactionPooler: e.DATABASE_TRANSACTION_POOLER,
        ...(e.DATABASE_READ_URL ? { readUrl: e.DATABASE_READ_URL } : {}),
      }
    : { kind: 'pglite', dataDir: path.join(e.DATA_DIR, 'pglite') };
}

const GLOBAL_KEY = Symbol.for('bookline.database');
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<Database> };

/** Registers the process-wide database (the server does this once at boot). */
export function setDatabase(database: Database): void {
  (globalThis as GlobalWithDb)[GLOBAL_KEY] = Promise.resolve(database);
}

/** The process-wide database; opened from the environment on first use if nobody set one. */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  g[GLOBAL_KEY] ??= openDatabase(targetFromEnv());
  return g[GLOBAL_KEY];
}

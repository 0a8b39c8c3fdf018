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
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: what queries accept. */
export type Executor = Db | Tx;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */ }
  | { kind: 'postgres'; url: string; poolMax?: number };

export type Database =
  | { kind: 'pglite'; db: Db; client: PGlite; description: string; ping(): Promise<void>; close(): Promise<void> }
  | { kind: 'postgres'; db: Db; pool: pg.Pool; description: string; ping(): Promise<void>; close(): Promise<void> };

const PING_TIMEOUT_MS = 2_000;

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
      client = await PGlite.create(dir, { extensions: { btree_gist } });
    } else {
      client = await PGlite.create({ extensions: { btree_gist } });
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
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server (restart, pg_terminate_backend) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool replaces the client on demand.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  const url = new URL(target.url);
  return {
    kind: 'postgres',
    db,
    pool,
    description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    ping: async () => {
      await withTimeout(db.execute(sql`select 1`), PING_TIMEOUT_MS, 'database ping');
    },
    close: () => pool.end(),
  };
}

export function targetFromEnv(): DatabaseTarget {
  const e = env();
  return e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX }
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

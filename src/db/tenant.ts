/**
 * Tenant-scoped transactions: the second wall of tenant isolation. Inside, the session runs
 * as the non-superuser role `bookline_app`, whose row-level-security policies (migration
 * 0001_rls.sql) show only rows of app.organization_id, plus the user's own memberships and
 * invitations. Settings are transaction-local, so a pooled connection never leaks them.
 */
import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './client';
import { inPooledTransaction } from './pooled-transaction';

export interface TenantScope {
  organizationId?: string | null;
  userId?: string | null;
  userEmail?: string | null;
  /** Take pg_advisory_xact_lock on this key in the same statement (saves a round trip). */
  advisoryLock?: string;
}

const APP_ROLE = 'bookline_app';

/** The settings a scope sets (transaction-local) and its advisory lock key: one list for both ways of sending them. */
function scopeSettings(scope: TenantScope): { settings: [name: string, value: string][]; lock?: string } {
  return {
    settings: [
      ['role', APP_ROLE],
      ['app.organization_id', scope.organizationId ?? ''],
      ['app.user_id', scope.userId ?? ''],
      ['app.user_email', scope.userEmail?.toLowerCase() ?? ''],
    ],
    lock: scope.advisoryLock,
  };
}

export async function enterScope(tx: Tx, scope: TenantScope): Promise<void> {
  const { settings, lock } = scopeSettings(scope);
  await tx.execute(sql`select ${sql.join(
    settings.map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
    sql`, `,
  )}${lock ? sql`, pg_advisory_xact_lock(hashtextextended(${lock}, 0))` : sql``}`);
}

/** Runs `fn` in one transaction under the app role, scoped to the given tenant (and user). */
export function withTenant<T>(db: Db, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const pooled = pooledSession(db);
  if (pooled) return pooledTenantTransaction(pooled, scope, fn);
  return db.transaction(async (tx) => {
    await enterScope(tx, scope);
    return fn(tx);
  });
}

// ─── node-postgres: BEGIN and the scope in one round trip ─────────────────────────────────

type SessionParts = { client: pg.Pool; dialect: ConstructorParameters<typeof NodePgSession>[1]; schema: ConstructorParameters<typeof NodePgSession>[2]; options: ConstructorParameters<typeof NodePgSession>[3] };

/** The pool behind a node-postgres Drizzle database (not a transaction, not PGlite), or null. */
function pooledSession(db: Db): SessionParts | null {
  const session = (db as unknown as { session?: unknown }).session;
  if (!(session instanceof NodePgSession)) return null;
  const parts = session as unknown as SessionParts;
  return parts.client instanceof pg.Pool ? parts : null;
}

/**
 * Drizzle's transaction sends `begin`, then our scope statement: two round trips before the
 * first query. Here `BEGIN` and the scope (with the advisory lock, when asked) go as one simple
 * query — the transaction block BEGIN opens outlives the message — and the rest is Drizzle's
 * own transaction object on the same connection, savepoints included. Values are sent as
 * escaped literals (the simple protocol has no parameters); the text differs per tenant, so it
 * is never a named statement. Commit and rollback as in Drizzle; a connection whose rollback
 * fails is destroyed rather than returned to the pool.
 */
function pooledTenantTransaction<T>(parts: SessionParts, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inPooledTransaction(
    parts.client,
    (client) => beginInScope(client, scope),
    (client) => {
      // Without the relational schema: Drizzle builds a query builder per table for every
      // transaction object given one (21–25 µs each, measured), and Bookline never uses `tx.query`.
      const session = new NodePgSession(client, parts.dialect, undefined, parts.options);
      const tx = new NodePgTransaction(parts.dialect, session, undefined) as unknown as Tx;
      (tx as unknown as { query: unknown }).query = NO_RELATIONAL_QUERIES;
      return fn(tx);
    },
  );
}

/** What `tx.query` is in a tenant transaction: a clear error instead of `undefined.findFirst`. */
const NO_RELATIONAL_QUERIES = new Proxy(
  {},
  {
    get(_, table) {
      if (typeof table === 'symbol') return undefined; // inspection (util.inspect, vitest)
      throw new Error(`tx.query.${String(table)}: Drizzle's relational queries are not set up in tenant transactions (src/db/tenant.ts); use select()`);
    },
  },
);

function beginInScope(client: pg.PoolClient, scope: TenantScope): string {
  const literal = (value: string) => client.escapeLiteral(value);
  const { settings, lock } = scopeSettings(scope);
  const calls = settings.map(([name, value]) => `set_config(${literal(name)}, ${literal(value)}, true)`);
  if (lock) calls.push(`pg_advisory_xact_lock(hashtextextended(${literal(lock)}, 0))`);
  return `begin; select ${calls.join(', ')}`;
}

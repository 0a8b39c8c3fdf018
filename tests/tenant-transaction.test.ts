/**
 * withTenant (src/db/tenant.ts): on node-postgres BEGIN and the scope go as one simple query
 * with escaped literals; on PGlite through Drizzle's transaction. Both must give the same
 * scope (role, settings, advisory lock), keep values exact whatever they contain, leave nothing
 * behind on the connection after a commit or a rollback, and support savepoints. Runs on PGlite
 * and, with TEST_DATABASE_URL, PostgreSQL (one connection, so the next use meets the last).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, type Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { testEnv } from '@/lib/env';
import { openTestDatabase, usingPostgres } from './support/database';

let database: Database;
const one = async <T>(tx: Tx | Database['db'], query: ReturnType<typeof sql>) => ((await tx.execute(query)) as unknown as { rows: T[] }).rows[0]!;
type Scope = { role: string; org: string; user_id: string; email: string };
const scopeOf = (tx: Tx | Database['db']) =>
  one<Scope>(
    tx,
    sql`select current_user as role, current_setting('app.organization_id', true) as org, current_setting('app.user_id', true) as user_id, current_setting('app.user_email', true) as email`,
  );

beforeAll(async () => {
  database = usingPostgres ? await openDatabase({ kind: 'postgres', url: testEnv().TEST_DATABASE_URL!, poolMax: 1 }) : await openTestDatabase();
});
afterAll(() => database.close());

describe('withTenant', () => {
  it('runs under the app role with the scope, values exact whatever they contain', async () => {
    const awkward = { organizationId: "org_'; drop table organizations; --", userId: 'usr_\\x', userEmail: 'Ünïcode+\'q"@Example.test' };
    const seen = await withTenant(database.db, awkward, (tx) => scopeOf(tx));
    expect(seen).toEqual({ role: 'bookline_app', org: awkward.organizationId, user_id: awkward.userId, email: awkward.userEmail.toLowerCase() });
  });

  it('leaves nothing on the connection after a commit or a rollback', async () => {
    await withTenant(database.db, { organizationId: 'org_a' }, async () => {});
    const after = await scopeOf(database.db);
    expect(after.role).not.toBe('bookline_app');
    expect(after.org ?? '').toBe('');
    await expect(
      withTenant(database.db, { organizationId: 'org_b' }, async (tx) => {
        await tx.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow(/select 1\/0/);
    const afterRollback = await scopeOf(database.db);
    expect(afterRollback.role).not.toBe('bookline_app');
    expect(afterRollback.org ?? '').toBe('');
    // The connection is usable at once.
    expect(await withTenant(database.db, { organizationId: 'org_c' }, (tx) => scopeOf(tx))).toMatchObject({ org: 'org_c' });
  });

  it('takes the advisory lock in the scope statement, held until the transaction ends', async () => {
    const key = 'tenant-transaction-test-lock';
    const held = await withTenant(database.db, { organizationId: 'org_d', advisoryLock: key }, (tx) =>
      one<{ n: number }>(tx, sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted`),
    );
    expect(held.n).toBe(1);
    const after = await one<{ n: number }>(database.db, sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`);
    expect(after.n).toBe(0);
  });

  it('supports savepoints: an inner failure rolls back the inner part only', async () => {
    const table = `tenant_tx_${Math.random().toString(36).slice(2, 8)}`;
    await database.db.execute(sql.raw(`create table ${table} (v int)`));
    await database.db.execute(sql.raw(`grant all on ${table} to bookline_app`));
    try {
      await withTenant(database.db, { organizationId: 'org_e' }, async (tx) => {
        await tx.execute(sql.raw(`insert into ${table} values (1)`));
        await expect(
          tx.transaction(async (inner) => {
            await inner.execute(sql.raw(`insert into ${table} values (2)`));
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        await tx.execute(sql.raw(`insert into ${table} values (3)`));
      });
      const { rows } = (await database.db.execute(sql.raw(`select v from ${table} order by v`))) as unknown as { rows: { v: number }[] };
      expect(rows.map((r) => r.v)).toEqual([1, 3]);
    } finally {
      await database.db.execute(sql.raw(`drop table ${table}`));
    }
  });
});

describe.skipIf(!usingPostgres)('withTenant on node-postgres, the transaction object', () => {
  it('has no relational queries (built per transaction they cost ~20 µs): a clear error, not undefined', async () => {
    await expect(withTenant(database.db, { organizationId: 'org_a' }, async (tx) => (tx.query as unknown as Record<string, unknown>).bookings)).rejects.toThrow(
      /relational queries are not set up in tenant transactions/,
    );
    // Savepoints inside it work as before.
    const n = await withTenant(database.db, { organizationId: 'org_a' }, (tx) => tx.transaction(async (inner) => one<{ n: number }>(inner, sql`select 1 as n`)));
    expect(n).toEqual({ n: 1 });
  });
});

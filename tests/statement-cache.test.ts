/**
 * Named statements (src/db/statement-cache.ts) on the real PostgreSQL: a repeated query is
 * prepared once per connection, its answers do not change, row-level security still scopes a
 * cached plan to the tenant of each transaction, a connection prepares a bounded number, and
 * a plan whose result type changed under it (DDL) stops being used. PostgreSQL only (PGlite
 * has no node-postgres client).
 */
import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/db/client';
import { resources } from '@/db/schema';
import { StatementCachingClient } from '@/db/statement-cache';
import { withTenant } from '@/db/tenant';
import { testEnv } from '@/lib/env';
import { usingPostgres } from './support/database';
import { createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource } from './support/scheduling';

const url = testEnv().TEST_DATABASE_URL!;

/** The named statements of one session, by their text. */
async function preparedOn(client: pg.PoolClient | pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; statement: string }>({ text: 'select name, statement from pg_prepared_statements' });
  return new Map(rows.map((r) => [r.statement, r.name]));
}

describe.runIf(usingPostgres)('named statements on PostgreSQL', () => {
  let h: Harness;
  let one: Database;
  let a: TestOrg;
  let b: TestOrg;
  const names = { a: [] as string[], b: [] as string[] };
  const poolOf = (database: Database) => {
    if (database.kind !== 'postgres') throw new Error('PostgreSQL only');
    return database.pool;
  };

  beforeAll(async () => {
    h = await createHarness();
    // One connection, so every query below meets the statements the earlier ones prepared.
    one = await openDatabase({ kind: 'postgres', url, poolMax: 1 });
    [a, b] = [await createOrg(h), await createOrg(h)];
    for (const [org, list] of [
      [a, names.a],
      [b, names.b],
    ] as const) {
      for (const name of ['Ana', 'Bea']) {
        await createResource(h, org, { name: `${name} ${org.slug}` });
        list.push(`${name} ${org.slug}`);
      }
    }
  });
  afterAll(async () => {
    await one?.close();
    await h?.close();
  });

  it('prepares a repeated query on its connection and answers the same', async () => {
    const run = (organizationId: string) =>
      one.db.select({ name: resources.name }).from(resources).where(eq(resources.organizationId, organizationId)).orderBy(asc(resources.name));
    const first = await run(a.id);
    const second = await run(a.id);
    const third = await run(a.id);
    expect(first.map((r) => r.name)).toEqual(names.a);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const client = await poolOf(one).connect();
    try {
      const prepared = await preparedOn(client);
      const text = run(a.id).toSQL().sql;
      expect(prepared.get(text)).toMatch(/^bookline_/);
    } finally {
      client.release();
    }
  });

  it('keeps row-level security per transaction: one cached plan answers each tenant its own rows', async () => {
    // No organization filter in the query: only the policies (app.organization_id) scope it.
    // Alternating tenants past the five executions after which PostgreSQL may use a generic plan.
    const unfiltered = (tx: Parameters<Parameters<typeof withTenant>[2]>[0], marker: string) =>
      tx.select({ name: resources.name }).from(resources).where(sql`${resources.name} like ${`%${marker}`}`).orderBy(asc(resources.name));
    for (let i = 0; i < 8; i++) {
      for (const [org, other, list] of [
        [a, b, names.a],
        [b, a, names.b],
      ] as const) {
        const own = await withTenant(one.db, { organizationId: org.id }, (tx) => unfiltered(tx, org.slug));
        expect(own.map((r) => r.name)).toEqual(list);
        const foreign = await withTenant(one.db, { organizationId: org.id }, (tx) => unfiltered(tx, other.slug));
        expect(foreign).toEqual([]);
      }
    }
    const client = await poolOf(one).connect();
    try {
      const prepared = [...(await preparedOn(client)).keys()];
      expect(prepared.some((text) => text.includes('"resources"."name" like'))).toBe(true);
    } finally {
      client.release();
    }
  });

  it('prepares at most 250 statements on one connection; the rest run unnamed and still answer', async () => {
    const client = new StatementCachingClient({ connectionString: url });
    await client.connect();
    try {
      const tag = randomBytes(4).toString('hex');
      for (let i = 0; i < 300; i++) {
        const text = `select $1::int + ${i} as n /* ${tag} */`;
        for (let run = 0; run < 2; run++) {
          const { rows } = await client.query(text, [1]);
          expect(rows[0].n).toBe(1 + i);
        }
      }
      const ours = [...(await preparedOn(client)).keys()].filter((text) => text.includes(tag));
      expect(ours.length).toBe(250);
    } finally {
      await client.end();
    }
  });

  it('stops using a statement whose result type changed (DDL) instead of failing on it forever', async () => {
    const table = `statement_cache_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    const client = new StatementCachingClient({ connectionString: url });
    await Promise.all([admin.connect(), client.connect()]);
    try {
      await admin.query(`create table ${table} (id int primary key, a text)`);
      await admin.query(`insert into ${table} values (1, 'one')`);
      const text = `select * from ${table} where id = $1`;
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, a: 'one' }]);
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, a: 'one' }]);
      await admin.query(`alter table ${table} add column b text default 'two'`);
      // PostgreSQL refuses the stale plan once (SQLSTATE 0A000); the next run goes unnamed.
      await expect(client.query(text, [1])).rejects.toThrow(/cached plan must not change result type/);
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, a: 'one', b: 'two' }]);
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, a: 'one', b: 'two' }]);
    } finally {
      await admin.query(`drop table if exists ${table}`);
      await Promise.all([admin.end(), client.end()]);
    }
  });

  it('prepares nothing behind a transaction pooler', async () => {
    const pooled = await openDatabase({ kind: 'postgres', url, poolMax: 1, transactionPooler: true });
    try {
      for (let i = 0; i < 3; i++) await pooled.db.select({ id: resources.id }).from(resources).where(eq(resources.organizationId, a.id));
      const client = await poolOf(pooled).connect();
      try {
        expect(client).not.toBeInstanceOf(StatementCachingClient);
        expect((await preparedOn(client)).size).toBe(0);
      } finally {
        client.release();
      }
    } finally {
      await pooled.close();
    }
  });
});

/**
 * The path to Citus (docs/scaling.md, docs/decisions/0022): a distributed table's primary key,
 * unique constraints and indexes, exclusion constraints and foreign keys must all include the
 * distribution column, organization_id. This test reads pg_catalog after the migrations and
 * lists every key of a tenant table (a public table with an organization_id column) that does
 * not, so a new table or index that would block distribution fails here, not on the day of
 * the move. Runs on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 *
 * `organizations` is the distribution root: it has no organization_id (its `id` is the value
 * every tenant row is distributed by) and becomes a reference table, copied to every node, so
 * its global unique slug stays enforceable and tenant tables may reference it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { openTestDatabase } from './support/database';

/** Tables that tenant tables may reference by a key without organization_id: reference tables under Citus. */
const referenceTables: Record<string, string> = {
  organizations: 'the distribution root: one small row per tenant, read on every request by slug; its slug is unique across tenants',
  user: "Better Auth's accounts: a person signs in once and belongs to many organizations, so users are not any one tenant's rows",
};

/**
 * Tables with an organization_id that is nullable on purpose: they are not distributed but stay
 * on the coordinator as local tables (Citus allows a NULL nowhere in a distribution column).
 */
const coordinatorTables: Record<string, string> = {
  outbox: 'account mail (password reset, address verification) belongs to a user, not an organization (decision 0009); the workers claim across tenants',
  mail_messages: "the delivered copy of the outbox's mail, account mail included",
};

type Row = Record<string, unknown>;
let database: Database;
const rows = async <T extends Row>(query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** Public tables with an organization_id column, and whether that column is NOT NULL. */
const tenantTables = () =>
  rows<{ table: string; notNull: boolean }>(sql`
    select c.relname as "table", a.attnotnull as "notNull"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`);

describe('catalog: organization_id in every key (Citus)', () => {
  it('names its exceptions exactly: the coordinator tables exist and are the only ones with a nullable organization_id', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !t.notNull).map((t) => t.table)).toEqual(Object.keys(coordinatorTables).sort());
    const reference = await rows<{ table: string; hasOrg: boolean }>(sql`
      select c.relname as "table", exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped) as "hasOrg"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname in (${sql.join(Object.keys(referenceTables).map((t) => sql`${t}`), sql`, `)})
      order by 1`);
    expect(reference).toEqual(Object.keys(referenceTables).sort().map((table) => ({ table, hasOrg: false })));
  });

  it("every tenant table's primary key, unique constraint or index, exclusion constraint and foreign key includes organization_id", async () => {
    const offenders = await rows<{ table: string; name: string; kind: string; definition: string }>(sql`
      with tenant as (
        select c.oid, c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped)
          and c.relname not in (${sql.join(Object.keys(coordinatorTables).map((t) => sql`${t}`), sql`, `)})
      ),
      has_org as (
        select a.attrelid, a.attnum from pg_attribute a where a.attname = 'organization_id'
      )
      select t.relname as "table", con.conname as "name",
             case con.contype when 'p' then 'primary key' when 'u' then 'unique' when 'x' then 'exclusion' else 'foreign key' end as "kind",
             pg_get_constraintdef(con.oid) as "definition"
      from tenant t
      join pg_constraint con on con.conrelid = t.oid
      where con.contype in ('p', 'u', 'x', 'f')
        and not exists (select 1 from unnest(con.conkey) k join has_org h on h.attrelid = t.oid and h.attnum = k)
        -- a key to a reference table may leave organization_id out (checked by the next test)
        and not (con.contype = 'f' and con.confrelid in (select oid from pg_class where relname in (${sql.join(Object.keys(referenceTables).map((r) => sql`${r}`), sql`, `)}) and relnamespace = 'public'::regnamespace))
      union all
      select t.relname, ic.relname, 'unique index', pg_get_indexdef(i.indexrelid)
      from tenant t
      join pg_index i on i.indrelid = t.oid and i.indisunique
      join pg_class ic on ic.oid = i.indexrelid
      where not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = t.oid)
        and not exists (select 1 from unnest(i.indkey::int2[]) k join has_org h on h.attrelid = t.oid and h.attnum = k)
      order by 1, 2`);
    expect(offenders.map((o) => `${o.table}.${o.name} (${o.kind}): ${o.definition}`)).toEqual([]);
  });

  it('a foreign key from a tenant table to another tenant table pairs organization_id with organization_id', async () => {
    // Citus co-locates the two rows only when the referencing organization_id is the one the
    // referenced row's organization_id is compared with.
    const mismatched = await rows<{ name: string; definition: string }>(sql`
      select con.conname as "name", pg_get_constraintdef(con.oid) as "definition"
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid and c.relnamespace = 'public'::regnamespace
      join pg_attribute a on a.attrelid = con.confrelid and a.attname = 'organization_id'
      where con.contype = 'f'
        and not exists (
          select 1 from unnest(con.conkey, con.confkey) as k(child, parent)
          join pg_attribute ca on ca.attrelid = con.conrelid and ca.attnum = k.child and ca.attname = 'organization_id'
          where k.parent = a.attnum)
      order by 1`);
    expect(mismatched.map((m) => `${m.name}: ${m.definition}`)).toEqual([]);
  });

  it('foreign keys to tables without organization_id go only to the listed reference tables, and to organizations only from organization_id', async () => {
    const toGlobal = await rows<{ table: string; name: string; target: string; columns: string[] }>(sql`
      select c.relname as "table", con.conname as "name", p.relname as "target",
             array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as "columns"
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid and c.relnamespace = 'public'::regnamespace
      join pg_class p on p.oid = con.confrelid
      where con.contype = 'f'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped)
        and not exists (select 1 from pg_attribute a where a.attrelid = p.oid and a.attname = 'organization_id' and not a.attisdropped)
      order by 1, 2`);
    expect(toGlobal.length).toBeGreaterThan(0);
    expect(toGlobal.filter((f) => !(f.target in referenceTables)).map((f) => `${f.table}.${f.name} → ${f.target}`)).toEqual([]);
    expect(toGlobal.filter((f) => f.target === 'organizations' && f.columns.join() !== 'organization_id').map((f) => `${f.table}.${f.name}`)).toEqual([]);
  });
});

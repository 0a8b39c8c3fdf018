import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { migrate } from '@/db/migrate';
import { openTestDatabase } from './support/database';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('migrations', () => {
  it('apply, and re-apply as a no-op, including when run concurrently', async () => {
    await Promise.all([migrate(database), migrate(database)]);
    const res = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    expect(res.rows[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('create the expected tables, the app role and btree_gist', async () => {
    const tables = (await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by 1`)) as unknown as { rows: { tablename: string }[] };
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['user', 'session', 'account', 'verification', 'two_factor', 'organizations', 'members', 'invitations', 'audit_log', 'outbox', 'account_audit_log']),
    );
    const role = (await database.db.execute(sql`select rolsuper from pg_roles where rolname = 'bookline_app'`)) as unknown as { rows: { rolsuper: boolean }[] };
    expect(role.rows).toEqual([{ rolsuper: false }]);
    const ext = (await database.db.execute(sql`select extname from pg_extension where extname = 'btree_gist'`)) as unknown as { rows: unknown[] };
    expect(ext.rows).toHaveLength(1);
  });
});

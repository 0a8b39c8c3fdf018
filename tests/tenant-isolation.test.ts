/**
 * The second wall: row-level security under the app role holds even when application code
 * forgets its organization_id filter. Runs on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, invitations, members, organizations, outbox } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
let a: TestOrg;
let b: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  a = await createOrg(h);
  b = await createOrg(h);
  await addMember(h, a, 'staff');
  await addMember(h, b, 'staff');
  await call(h, `/api/v1/orgs/${b.slug}/invitations`, { cookie: b.owner.cookie, body: { email: 'pending@example.test', role: 'viewer' } });
});
afterAll(() => h.close());

const tenantTables = [members, invitations, auditLog, outbox] as const;

describe('row-level security', () => {
  it('every table with organization_id has RLS enabled and policies for the app role', async () => {
    const res = await h.database.db.execute<{ table_name: string; rls: boolean; policies: number }>(sql`
      select c.table_name, cls.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.tablename = c.table_name and 'bookline_app' = any(p.roles)) as policies
      from information_schema.columns c
      join pg_class cls on cls.relname = c.table_name and cls.relnamespace = 'public'::regnamespace
      where c.table_schema = 'public' and c.column_name = 'organization_id'`);
    const rows = (res as unknown as { rows: { table_name: string; rls: boolean; policies: number }[] }).rows;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.rls, `${row.table_name} has RLS`).toBe(true);
      expect(row.policies, `${row.table_name} has policies`).toBeGreaterThan(0);
    }
    // organization_id is NOT NULL everywhere but in the outbox and the mail catcher, whose
    // account mail (password reset, verification) belongs to a user instead (decision 0009):
    // there a CHECK requires one of the two, and a NULL matches no tenant policy.
    const nullable = await h.database.db.execute<{ table_name: string }>(sql`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'organization_id' and is_nullable = 'YES' order by table_name`);
    expect((nullable as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name)).toEqual(['mail_messages', 'outbox']);
    const owners = await h.database.db.execute<{ conname: string }>(sql`
      select conname from pg_constraint where conname in ('outbox_owner_present', 'mail_messages_owner_present') and contype = 'c' order by conname`);
    expect((owners as unknown as { rows: { conname: string }[] }).rows.map((r) => r.conname)).toEqual(['mail_messages_owner_present', 'outbox_owner_present']);
  });

  it('the app role without a tenant setting sees no tenant rows', async () => {
    await withTenant(h.database.db, {}, async (tx) => {
      const who = (await tx.execute(sql`select current_user as role`)) as unknown as { rows: { role: string }[] };
      expect(who.rows[0]?.role).toBe('bookline_app');
      for (const table of tenantTables) {
        expect(await tx.select().from(table)).toEqual([]);
      }
    });
    // The owner connection (no role switch) does see them: the rows exist.
    expect((await h.database.db.select().from(members).where(eq(members.organizationId, a.id))).length).toBe(2);
  });

  it("org A's context reads only A's rows, even with no organization_id filter", async () => {
    await withTenant(h.database.db, { organizationId: a.id }, async (tx) => {
      const rows = await tx.select().from(members);
      expect(rows.length).toBe(2);
      expect(rows.every((r) => r.organizationId === a.id)).toBe(true);
      expect(await tx.select().from(invitations).where(eq(invitations.organizationId, b.id))).toEqual([]);
      expect(await tx.select().from(auditLog).where(eq(auditLog.organizationId, b.id))).toEqual([]);
    });
  });

  it("org A's context cannot insert, update or delete B's rows", async () => {
    const bMembersBefore = await h.database.db.select().from(members).where(eq(members.organizationId, b.id)).orderBy(asc(members.id));

    await expect(
      withTenant(h.database.db, { organizationId: a.id }, (tx) =>
        tx.insert(members).values({ id: newId('member'), organizationId: b.id, userId: a.owner.id, role: 'owner' }),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } });

    const updated = await withTenant(h.database.db, { organizationId: a.id }, (tx) =>
      tx.update(members).set({ role: 'viewer' }).where(eq(members.organizationId, b.id)).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await withTenant(h.database.db, { organizationId: a.id }, (tx) =>
      tx.delete(invitations).where(eq(invitations.organizationId, b.id)).returning(),
    );
    expect(deleted).toEqual([]);
    const renamed = await withTenant(h.database.db, { organizationId: a.id }, (tx) =>
      tx.update(organizations).set({ name: 'Hijacked' }).where(eq(organizations.id, b.id)).returning(),
    );
    expect(renamed).toEqual([]);

    // Moving one of A's rows into B is refused too (WITH CHECK).
    await expect(
      withTenant(h.database.db, { organizationId: a.id }, (tx) =>
        tx.update(members).set({ organizationId: b.id }).where(eq(members.organizationId, a.id)),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } });

    expect(await h.database.db.select().from(members).where(eq(members.organizationId, b.id)).orderBy(asc(members.id))).toEqual(bMembersBefore);
  });

  it('the audit log is append-only for the app role', async () => {
    await expect(
      withTenant(h.database.db, { organizationId: a.id }, (tx) => tx.delete(auditLog).where(eq(auditLog.organizationId, a.id))),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('the app role cannot read password hashes', async () => {
    await expect(withTenant(h.database.db, { organizationId: a.id }, (tx) => tx.execute(sql`select password from account`))).rejects.toMatchObject({
      cause: { code: '42501' },
    });
  });

  it('the database keeps an owner even if application checks are bypassed', async () => {
    // The deferred trigger fires at commit, so the error comes from COMMIT itself.
    const err = await withTenant(h.database.db, { organizationId: a.id }, (tx) =>
      tx.update(members).set({ role: 'admin' }).where(eq(members.role, 'owner')),
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe('23514');
    const owners = await h.database.db.select().from(members).where(eq(members.organizationId, a.id));
    expect(owners.filter((m) => m.role === 'owner')).toHaveLength(1);
  });
});

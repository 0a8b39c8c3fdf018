/**
 * preparedSelect (src/db/prepared-select.ts): a select built once with placeholders gives, call
 * after call, exactly the rows its builder gives with the same values (mapping, dates, a left
 * join's nulls), takes each call's values (nothing of the first call kept), runs on the
 * executor it is handed (inside a tenant transaction, on that transaction's connection and
 * scope), and refuses a call that leaves a placeholder without a value. PGlite and PostgreSQL.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { preparedSelect } from '@/db/prepared-select';
import { members, memberTiers, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { addMember, call, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const byOrg = (db: Executor, orgId: string | ReturnType<typeof sql.placeholder>, limit: number | ReturnType<typeof sql.placeholder>) =>
  db
    .select({ id: members.id, name: users.name, role: members.role, joinedAt: members.createdAt, tierId: memberTiers.id, tierName: memberTiers.name, tier: memberTiers })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .leftJoin(memberTiers, and(eq(memberTiers.organizationId, members.organizationId), eq(memberTiers.id, members.tierId)))
    .where(eq(members.organizationId, orgId))
    .orderBy(asc(members.id))
    .limit(limit as number);

const prepared = preparedSelect((db) => byOrg(db, sql.placeholder('orgId'), sql.placeholder('limit')));

describe('preparedSelect', () => {
  it("gives the builder's rows for each call's values, left-join nulls and dates included", async () => {
    const a = await createOrg(h);
    const b = await createOrg(h);
    const staff = await addMember(h, a, 'staff');
    await addMember(h, b, 'manager');
    const tier = await call(h, `/api/v1/orgs/${a.slug}/tiers`, { cookie: a.owner.cookie, body: { name: 'Gold' } });
    expect(tier.status).toBe(201);
    await h.database.db.update(members).set({ tierId: tier.json.id }).where(eq(members.id, staff.memberId));

    for (const org of [a, b, a]) {
      const direct = await byOrg(h.database.db, org.id, 10);
      const rows = await prepared(h.database.db, { orgId: org.id, limit: 10 });
      expect(rows).toEqual(direct);
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.joinedAt instanceof Date)).toBe(true);
    }
    const withTier = (await prepared(h.database.db, { orgId: a.id, limit: 10 })).find((r) => r.id === staff.memberId)!;
    expect(withTier).toMatchObject({ tierName: 'Gold', tier: { name: 'Gold', organizationId: a.id } });
    // A member without a tier: the left-joined table comes back as null, not an object of nulls.
    expect((await prepared(h.database.db, { orgId: b.id, limit: 10 })).every((r) => r.tier === null && r.tierId === null)).toBe(true);
    expect(await prepared(h.database.db, { orgId: a.id, limit: 1 })).toHaveLength(1);
  });

  it("runs on the executor it is handed: inside a tenant transaction, on that transaction's connection and scope", async () => {
    const scope = preparedSelect((db) =>
      db
        .select({ org: sql<string>`current_setting('app.organization_id', true)`, role: sql<string>`current_user` })
        .from(users)
        .where(eq(users.id, sql.placeholder('userId')))
        .limit(1),
    );
    const org = await createOrg(h);
    const seen = await withTenant(h.database.db, { organizationId: org.id, userId: org.owner.id }, (tx) => scope(tx, { userId: org.owner.id }));
    expect(seen).toEqual([{ org: org.id, role: 'bookline_app' }]);
  });

  it('refuses a call that leaves a placeholder without a value', async () => {
    await expect(prepared(h.database.db, { limit: 5 })).rejects.toThrow(/orgId/);
  });
});

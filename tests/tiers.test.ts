/**
 * Member tiers (#14.2): CRUD through the API with unique names (ignoring case) and ranks, rank
 * swaps, one tier per member of the member's own organization (the composite foreign key too),
 * the other organization's rows answering 404, permissions per role, an audit row per mutation,
 * the delete rule (409 with the count while members hold the tier) and RLS on the table.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, members } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { newId } from '@/lib/ids';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';

const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
let a: TestOrg;
let b: TestOrg;
let admin: TestUser & { memberId: string };
let manager: TestUser & { memberId: string };
let staff: TestUser & { memberId: string };
let viewer: TestUser & { memberId: string };
let clubMember: TestUser & { memberId: string };

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  a = await createOrg(h);
  b = await createOrg(h);
  admin = await addMember(h, a, 'admin');
  manager = await addMember(h, a, 'manager');
  staff = await addMember(h, a, 'staff');
  viewer = await addMember(h, a, 'viewer');
  clubMember = await addMember(h, a, 'member');
});
afterAll(() => h?.close());

interface Tier {
  id: string;
  name: string;
  description: string;
  translations: { es?: { name?: string; description?: string } };
  rank: number;
  memberCount: number;
}

const tiersOf = (org: TestOrg) => `/api/v1/orgs/${org.slug}/tiers`;

async function createTier(org: TestOrg, body: Record<string, unknown>, user: TestUser = org.owner): Promise<Tier> {
  const res = await call(h, tiersOf(org), { cookie: user.cookie, body });
  if (res.status !== 201) throw new Error(`create tier: ${res.status} ${res.text}`);
  return res.json as Tier;
}

async function listTiers(org: TestOrg, user: TestUser = org.owner): Promise<Tier[]> {
  const res = await call(h, `${tiersOf(org)}?pageSize=100`, { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json.data as Tier[];
}

const assign = (org: TestOrg, memberId: string, tierId: string | null, user: TestUser = org.owner) =>
  call(h, `/api/v1/orgs/${org.slug}/members/${memberId}/tier`, { method: 'PUT', cookie: user.cookie, body: { tierId } });

async function auditRows(orgId: string, entityId: string) {
  return h.database.db
    .select({ action: auditLog.action, actorUserId: auditLog.actorUserId, changes: auditLog.changes })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, orgId), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

describe('member tiers', () => {
  it('creates tiers in rank order, lists them with member counts, and audits the creation', async () => {
    const org = await createOrg(h);
    const platinum = await createTier(org, { name: 'Platinum', description: 'Jets included', translations: { es: { name: 'Platino' } } });
    const gold = await createTier(org, { name: 'Gold' });
    const silver = await createTier(org, { name: 'Silver', rank: 10 });
    expect([platinum.rank, gold.rank, silver.rank]).toEqual([1, 2, 10]);
    expect(platinum).toMatchObject({ name: 'Platinum', description: 'Jets included', translations: { es: { name: 'Platino' } }, memberCount: 0 });
    expect((await listTiers(org)).map((t) => t.name)).toEqual(['Platinum', 'Gold', 'Silver']);
    expect(await auditRows(org.id, platinum.id)).toEqual([
      { action: 'member_tier.created', actorUserId: org.owner.id, changes: { after: { name: 'Platinum', rank: 1, description: 'Jets included', translations: { es: { name: 'Platino' } } } } },
    ]);
  });

  it('refuses bad input with 400 and details.fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(61) }, 'name'],
      [{ name: '<b>Gold</b>' }, 'name'],
      [{ name: 'Gold', rank: 0 }, 'rank'],
      [{ name: 'Gold', rank: 1.5 }, 'rank'],
      [{ name: 'Gold', translations: { fr: { name: 'Or' } } }, 'translations'],
      [{ name: 'Gold', extra: true }, '(root)'],
    ];
    for (const [body, field] of cases) {
      const res = await call(h, tiersOf(a), { cookie: a.owner.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
      expect(res.json.error.details.fields.map((f: { path: string }) => f.path.split('.')[0]), JSON.stringify(body)).toContain(field);
    }
    const tier = await createTier(a, { name: `Bad input ${Date.now()}` });
    const empty = await call(h, `${tiersOf(a)}/${tier.id}`, { method: 'PATCH', cookie: a.owner.cookie, body: {} });
    expect(empty.status).toBe(400);
    const badId = await call(h, `${tiersOf(a)}/tier_nope`, { method: 'PATCH', cookie: a.owner.cookie, body: { name: 'X' } });
    expect(badId.status).toBe(400);
    expect(badId.json.error.details.fields[0].path).toBe('tierId');
    const badAssign = await call(h, `/api/v1/orgs/${a.slug}/members/${staff.memberId}/tier`, { method: 'PUT', cookie: a.owner.cookie, body: { tierId: 42 } });
    expect(badAssign.status).toBe(400);
  });

  it('keeps names unique per organization ignoring case (409), and ranks unique', async () => {
    const org = await createOrg(h);
    const gold = await createTier(org, { name: 'Gold' });
    const dup = await call(h, tiersOf(org), { cookie: org.owner.cookie, body: { name: 'gOLD' } });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
    expect(dup.json.error.message).toContain('already named "gOLD"');
    const rankTaken = await call(h, tiersOf(org), { cookie: org.owner.cookie, body: { name: 'Silver', rank: gold.rank } });
    expect(rankTaken.status).toBe(409);
    expect(rankTaken.json.error).toMatchObject({ code: 'CONFLICT', details: { field: 'rank' } });
    const silver = await createTier(org, { name: 'Silver' });
    const rename = await call(h, `${tiersOf(org)}/${silver.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { name: 'GOLD' } });
    expect(rename.status).toBe(409);
    // Renaming a tier to its own name in another case is fine; another organization may use the name.
    const recase = await call(h, `${tiersOf(org)}/${gold.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { name: 'GOLD' } });
    expect(recase.status).toBe(200);
    expect(recase.json.name).toBe('GOLD');
    await createTier(b, { name: 'Gold' });
  });

  it('updates fields, swaps ranks when moving onto a taken rank, and audits both', async () => {
    const org = await createOrg(h);
    const p = await createTier(org, { name: 'Platinum' });
    const g = await createTier(org, { name: 'Gold' });
    const s = await createTier(org, { name: 'Silver' });
    const moved = await call(h, `${tiersOf(org)}/${s.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { rank: g.rank } });
    expect(moved.status).toBe(200);
    expect(moved.json.rank).toBe(2);
    expect((await listTiers(org)).map((t) => [t.name, t.rank])).toEqual([
      ['Platinum', 1],
      ['Silver', 2],
      ['Gold', 3],
    ]);
    const audit = await auditRows(org.id, s.id);
    expect(audit.at(-1)).toEqual({
      action: 'member_tier.updated',
      actorUserId: org.owner.id,
      changes: { before: { rank: 3 }, after: { rank: 2, swappedRankWith: { id: g.id, name: 'Gold' } } },
    });
    const free = await call(h, `${tiersOf(org)}/${p.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { rank: 50, description: 'Top', translations: { es: { name: 'Platino', description: 'Lo mejor' } } } });
    expect(free.status).toBe(200);
    expect(free.json).toMatchObject({ rank: 50, description: 'Top', translations: { es: { name: 'Platino', description: 'Lo mejor' } } });
    // An unchanged update writes nothing.
    const before = (await auditRows(org.id, p.id)).length;
    const same = await call(h, `${tiersOf(org)}/${p.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { rank: 50 } });
    expect(same.status).toBe(200);
    expect(await auditRows(org.id, p.id)).toHaveLength(before);
  });

  it('puts each member in at most one tier, shows it on the member list, and audits assignments', async () => {
    const org = await createOrg(h);
    const m = await addMember(h, org, 'member');
    const gold = await createTier(org, { name: 'Gold' });
    const silver = await createTier(org, { name: 'Silver' });
    const first = await assign(org, m.memberId, gold.id);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ memberId: m.memberId, tier: { id: gold.id, name: 'Gold' } });
    const second = await assign(org, m.memberId, silver.id);
    expect(second.json.tier).toEqual({ id: silver.id, name: 'Silver' });
    const list = await call(h, `/api/v1/orgs/${org.slug}/members`, { cookie: org.owner.cookie });
    const byId = new Map((list.json.data as { id: string; tier: unknown }[]).map((r) => [r.id, r.tier]));
    expect(byId.get(m.memberId)).toEqual({ id: silver.id, name: 'Silver' });
    expect([...byId.entries()].filter(([id]) => id !== m.memberId).every(([, t]) => t === null)).toBe(true);
    expect((await listTiers(org)).map((t) => [t.name, t.memberCount])).toEqual([
      ['Gold', 0],
      ['Silver', 1],
    ]);
    const cleared = await assign(org, m.memberId, null);
    expect(cleared.json.tier).toBeNull();
    expect((await auditRows(org.id, m.memberId)).filter((r) => r.action.startsWith('member.tier_')).map((r) => [r.action, r.changes])).toEqual([
      ['member.tier_assigned', { before: { tier: null }, after: { tier: { id: gold.id, name: 'Gold' } } }],
      ['member.tier_assigned', { before: { tier: { id: gold.id, name: 'Gold' } }, after: { tier: { id: silver.id, name: 'Silver' } } }],
      ['member.tier_removed', { before: { tier: { id: silver.id, name: 'Silver' } }, after: { tier: null } }],
    ]);
  });

  it("answers 404 for another organization's tiers and members, and the database refuses a cross-tenant tier", async () => {
    const bTier = await createTier(b, { name: `B only ${Date.now()}` });
    const aTier = await createTier(a, { name: `A only ${Date.now()}` });
    const bMember = await addMember(h, b, 'member');
    for (const res of [
      await call(h, `${tiersOf(a)}/${bTier.id}`, { method: 'PATCH', cookie: a.owner.cookie, body: { name: 'Stolen' } }),
      await call(h, `${tiersOf(a)}/${bTier.id}`, { method: 'DELETE', cookie: a.owner.cookie }),
      await assign(a, staff.memberId, bTier.id),
      await assign(a, bMember.memberId, aTier.id),
      await call(h, tiersOf(b), { cookie: a.owner.cookie }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    }
    expect((await listTiers(a)).map((t) => t.id)).not.toContain(bTier.id);
    expect((await listTiers(b)).find((t) => t.id === bTier.id)?.name).toMatch(/^B only/);
    // Under the use cases, the composite foreign key: a member of A cannot point at B's tier.
    await expect(h.database.db.update(members).set({ tierId: bTier.id }).where(eq(members.id, staff.memberId))).rejects.toThrow();
    await expect(h.database.db.update(members).set({ tierId: newId('memberTier') }).where(eq(members.id, staff.memberId))).rejects.toThrow();
  });

  it('lets owners and admins manage and assign; everyone with members:read lists; others get 403', async () => {
    const tier = await createTier(a, { name: `Roles ${Date.now()}` }, admin);
    expect((await assign(a, clubMember.memberId, tier.id, admin)).status).toBe(200);
    expect((await call(h, `${tiersOf(a)}/${tier.id}`, { method: 'PATCH', cookie: admin.cookie, body: { description: 'by admin' } })).status).toBe(200);
    for (const user of [manager, staff, viewer]) expect((await call(h, tiersOf(a), { cookie: user.cookie })).status).toBe(200);
    for (const user of [manager, staff, viewer, clubMember]) {
      const attempts = [
        await call(h, tiersOf(a), { cookie: user.cookie, body: { name: `Nope ${user.id}` } }),
        await call(h, `${tiersOf(a)}/${tier.id}`, { method: 'PATCH', cookie: user.cookie, body: { name: 'Nope' } }),
        await call(h, `${tiersOf(a)}/${tier.id}`, { method: 'DELETE', cookie: user.cookie }),
        await assign(a, clubMember.memberId, null, user),
      ];
      for (const res of attempts) {
        expect(res.status, user.email).toBe(403);
        expect(res.json.error.code).toBe('FORBIDDEN');
      }
    }
    const memberList = await call(h, tiersOf(a), { cookie: clubMember.cookie });
    expect(memberList.status).toBe(403);
    expect(memberList.json.error.details).toEqual({ permission: 'members:read', role: 'member' });
    const anonymous = await call(h, tiersOf(a));
    expect(anonymous.status).toBe(401);
    expect((await listTiers(a)).find((t) => t.id === tier.id)).toMatchObject({ description: 'by admin', memberCount: 1 });
  });

  it('refuses to delete a tier members hold (409 with the count), deletes it once nobody does, and audits the delete', async () => {
    const org = await createOrg(h);
    const m1 = await addMember(h, org, 'member');
    const m2 = await addMember(h, org, 'staff');
    const gold = await createTier(org, { name: 'Gold' });
    await assign(org, m1.memberId, gold.id);
    await assign(org, m2.memberId, gold.id);
    const held = await call(h, `${tiersOf(org)}/${gold.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(held.status).toBe(409);
    expect(held.json.error).toMatchObject({ code: 'CONFLICT', details: { memberCount: 2 } });
    expect(held.json.error.message).toBe('2 members hold the tier "Gold"; move them to another tier or take them out of it first.');
    await assign(org, m1.memberId, null);
    await assign(org, m2.memberId, null);
    const gone = await call(h, `${tiersOf(org)}/${gold.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(gone.status).toBe(204);
    expect(await listTiers(org)).toEqual([]);
    expect((await auditRows(org.id, gold.id)).map((r) => r.action)).toEqual(['member_tier.created', 'member_tier.deleted']);
    const again = await call(h, `${tiersOf(org)}/${gold.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(again.status).toBe(404);
    // The name is free again.
    await createTier(org, { name: 'gold' });
  });

  it('member_tiers sits behind RLS with a policy for the app role', async () => {
    const res = (await h.database.db.execute(sql`
      select cls.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.tablename = 'member_tiers' and 'bookline_app' = any(p.roles)) as policies
      from pg_class cls where cls.relname = 'member_tiers' and cls.relnamespace = 'public'::regnamespace`)) as unknown as { rows: { rls: boolean; policies: number }[] };
    expect(res.rows).toEqual([{ rls: true, policies: 1 }]);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outbox, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { type Ctx, noRequest } from '@/modules/kernel';
import { dashboardAreas, findOrganizationSettings } from '@/modules/organizations';
import { addMember, call, createOrg, signUp, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { addProduct } from './support/shop-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function auditActions(orgId: string) {
  const rows = await h.database.db.select().from(auditLog).where(eq(auditLog.organizationId, orgId));
  return rows.map((r) => r.action);
}

describe('organizations', () => {
  it('creates an organization whose creator is the owner, audited', async () => {
    const org = await createOrg(h, undefined, { timezone: 'Europe/Madrid', currency: 'eur', locale: 'es' });
    expect(org.id).toMatch(/^org_/);
    const me = await call(h, '/api/v1/me', { cookie: org.owner.cookie });
    expect(me.json.organizations).toEqual([expect.objectContaining({ slug: org.slug, role: 'owner', currency: 'EUR', timezone: 'Europe/Madrid' })]);
    const [row] = await h.database.db.select().from(auditLog).where(eq(auditLog.entityId, org.id));
    expect(row).toMatchObject({ action: 'organization.created', actorType: 'user', actorUserId: org.owner.id, organizationId: org.id });
  });

  it('rejects invalid input with field details and a taken slug with 409', async () => {
    const user = await signUp(h);
    const bad = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: { name: 'X', slug: 'Bad Slug!', timezone: 'Mars/Base', currency: 'ZZZ' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION');
    const paths = bad.json.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'slug', 'timezone', 'currency']));

    const org = await createOrg(h);
    const taken = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: { name: 'Another', slug: org.slug, timezone: 'UTC', currency: 'USD' } });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'CONFLICT', details: { field: 'slug' } });

    const reserved = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: { name: 'Dash', slug: 'dashboard', timezone: 'UTC', currency: 'USD' } });
    expect(reserved.status).toBe(400);
  });

  it('serves the public profile without members or settings, and 404s an unknown slug', async () => {
    const org = await createOrg(h, undefined, { description: 'We detail cars', contact: { email: 'shop@example.test' } });
    const res = await call(h, `/api/v1/public/orgs/${org.slug}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ slug: org.slug, name: org.name, description: 'We detail cars', timezone: 'America/Chicago', currency: 'USD', locale: 'en', contact: { email: 'shop@example.test' } });
    expect(JSON.stringify(res.json)).not.toContain(org.owner.email);
    expect(res.json).not.toHaveProperty('settings');
    expect(res.json).not.toHaveProperty('id');

    const missing = await call(h, `/api/v1/public/orgs/${uniq('nope-')}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    expect((await call(h, '/api/v1/public/orgs/%E2%9C%93')).status).toBe(404);
  });

  it('updates settings for owners; the change is audited with before/after', async () => {
    const org = await createOrg(h);
    const res = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { timezone: 'America/New_York', settings: { highlights: ['Open late'] } } });
    expect(res.status).toBe(200);
    // (Requiring two-factor has its own rules: tests/mfa-policy.test.ts.)
    expect(res.json).toMatchObject({ timezone: 'America/New_York', settings: { highlights: ['Open late'] } });
    const [row] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'organization.updated')));
    expect(row?.changes).toMatchObject({ before: { timezone: 'America/Chicago' }, after: { timezone: 'America/New_York' } });
  });
});

describe('dashboard areas', () => {
  const ctxOf = (org: { id: string; slug: string; name: string }): Ctx => ({
    db: h.database.db,
    tenant: { id: org.id, slug: org.slug, name: org.name, timezone: 'America/Chicago', currency: 'USD', locale: 'en' },
    actor: { type: 'system', name: 'test' },
    now: new Date(),
    request: noRequest,
  });
  const shown = async (org: { id: string; slug: string; name: string }) => dashboardAreas(ctxOf(org), (await findOrganizationSettings(h.database.db, { id: org.id }))!.settings);

  it('shows an area the organization uses, or the one its owner chose', async () => {
    const org = await createOrg(h);
    // A fresh business runs no shop, events, parties or points program.
    expect(await shown(org)).toEqual({ shop: false, events: false, parties: false, loyalty: false });
    // A product for sale puts the shop in use.
    await addProduct(h, org, { variants: [{ priceMinor: 1000, onHand: 3 }] });
    expect((await shown(org)).shop).toBe(true);
    // The owner's choice wins both ways; areas they left out still follow use.
    const res = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { areas: { shop: false, loyalty: true } } } });
    expect(res.status).toBe(200);
    expect(res.json.settings.areas).toEqual({ shop: false, loyalty: true });
    expect(await shown(org)).toEqual({ shop: false, events: false, parties: false, loyalty: true });
    const [row] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'organization.updated')));
    expect(row).toBeDefined();
    // Every area chosen: the choice alone decides, even against what is in use.
    const all = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { areas: { shop: false, events: true, parties: false, loyalty: true } } } });
    expect(all.status).toBe(200);
    expect(await shown(org)).toEqual({ shop: false, events: true, parties: false, loyalty: true });
  });

  it('refuses an unknown area or a value that is not true or false, naming the field', async () => {
    const org = await createOrg(h);
    const bad = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { areas: { shop: 'yes' } } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields.map((f: { path: string }) => f.path)).toContain('settings.areas.shop');
    const unknown = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { areas: { casino: true } } } });
    expect(unknown.status).toBe(400);
    expect((await findOrganizationSettings(h.database.db, { id: org.id }))!.settings.areas).toBeUndefined();
  });
});

describe('roles and permissions', () => {
  it('a viewer reads but cannot write; a non-member gets 404; anonymous gets 401', async () => {
    const org = await createOrg(h);
    const viewer = await addMember(h, org, 'viewer');
    const outsider = await signUp(h);

    const list = await call(h, `/api/v1/orgs/${org.slug}/members`, { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.json.data.map((m: { role: string }) => m.role).sort()).toEqual(['owner', 'viewer']);

    const write = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: viewer.cookie, body: { name: 'Hijacked' } });
    expect(write.status).toBe(403);
    expect(write.json.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'settings:manage', role: 'viewer' } });
    const invite = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: viewer.cookie, body: { email: 'x@example.test', role: 'staff' } });
    expect(invite.status).toBe(403);

    for (const path of [`/api/v1/orgs/${org.slug}`, `/api/v1/orgs/${org.slug}/members`, `/api/v1/orgs/${org.slug}/invitations`]) {
      const res = await call(h, path, { cookie: outsider.cookie });
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
      expect((await call(h, path)).status, path).toBe(401);
    }
  });

  it('manages members: change role, remove, never lose the last owner', async () => {
    const org = await createOrg(h);
    const admin = await addMember(h, org, 'admin');
    const staff = await addMember(h, org, 'staff');

    const promote = await call(h, `/api/v1/orgs/${org.slug}/members/${staff.memberId}`, { method: 'PATCH', cookie: admin.cookie, body: { role: 'manager' } });
    expect(promote.status).toBe(200);
    expect(promote.json.role).toBe('manager');

    const toOwner = await call(h, `/api/v1/orgs/${org.slug}/members/${staff.memberId}`, { method: 'PATCH', cookie: admin.cookie, body: { role: 'owner' } });
    expect(toOwner.status).toBe(403);

    const members = await call(h, `/api/v1/orgs/${org.slug}/members`, { cookie: org.owner.cookie });
    const ownerMember = members.json.data.find((m: { role: string }) => m.role === 'owner');
    const demoteLast = await call(h, `/api/v1/orgs/${org.slug}/members/${ownerMember.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { role: 'admin' } });
    expect(demoteLast.status).toBe(409);
    expect(demoteLast.json.error.details).toEqual({ rule: 'last_owner' });
    const removeLast = await call(h, `/api/v1/orgs/${org.slug}/members/${ownerMember.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(removeLast.status).toBe(409);

    const badRole = await call(h, `/api/v1/orgs/${org.slug}/members/${staff.memberId}`, { method: 'PATCH', cookie: org.owner.cookie, body: { role: 'emperor' } });
    expect(badRole.status).toBe(400);
    const badId = await call(h, `/api/v1/orgs/${org.slug}/members/not-an-id`, { method: 'PATCH', cookie: org.owner.cookie, body: { role: 'staff' } });
    expect(badId.status).toBe(400);

    const removed = await call(h, `/api/v1/orgs/${org.slug}/members/${staff.memberId}`, { method: 'DELETE', cookie: admin.cookie });
    expect(removed.status).toBe(204);
    expect((await call(h, `/api/v1/orgs/${org.slug}`, { cookie: staff.cookie })).status).toBe(404);

    expect(await auditActions(org.id)).toEqual(
      expect.arrayContaining(['organization.created', 'invitation.created', 'invitation.accepted', 'member.role_changed', 'member.removed']),
    );
  });

  it('paginates the member list', async () => {
    const org = await createOrg(h);
    for (let i = 0; i < 4; i++) await addMember(h, org, 'staff');
    const page1 = await call(h, `/api/v1/orgs/${org.slug}/members?page=1&pageSize=2`, { cookie: org.owner.cookie });
    expect(page1.json.pagination).toEqual({ page: 1, pageSize: 2, total: 5, totalPages: 3, hasMore: true });
    const page3 = await call(h, `/api/v1/orgs/${org.slug}/members?page=3&pageSize=2`, { cookie: org.owner.cookie });
    expect(page3.json.data).toHaveLength(1);
    expect(page3.json.pagination).toEqual({ page: 3, pageSize: 2, total: 5, totalPages: 3, hasMore: false });
    // A short page is the list's end (no count query); an empty page past the end still counts.
    const past = await call(h, `/api/v1/orgs/${org.slug}/members?page=4&pageSize=2`, { cookie: org.owner.cookie });
    expect(past.json).toMatchObject({ data: [], pagination: { page: 4, total: 5, totalPages: 3, hasMore: false } });
    const staffOnly = await call(h, `/api/v1/orgs/${org.slug}/members?role=staff&pageSize=10`, { cookie: org.owner.cookie });
    expect(staffOnly.json.data).toHaveLength(4);
    expect(staffOnly.json.pagination).toEqual({ page: 1, pageSize: 10, total: 4, totalPages: 1, hasMore: false });
    const fullPage = await call(h, `/api/v1/orgs/${org.slug}/members?role=staff&pageSize=4`, { cookie: org.owner.cookie });
    expect(fullPage.json.pagination).toEqual({ page: 1, pageSize: 4, total: 4, totalPages: 1, hasMore: false });
    const ids = new Set([...page1.json.data, ...page3.json.data].map((m: { id: string }) => m.id));
    expect(ids.size).toBe(3);
    expect((await call(h, `/api/v1/orgs/${org.slug}/members?pageSize=1000`, { cookie: org.owner.cookie })).status).toBe(400);
  });

  it('searches the member list by name or email, % and _ taken literally, with or without a role', async () => {
    const org = await createOrg(h);
    const named = async (role: 'staff' | 'manager', name: string) => {
      const m = await addMember(h, org, role);
      await h.database.db.update(users).set({ name }).where(eq(users.id, m.id));
      return m;
    };
    await named('staff', 'Ana 100% Ruiz');
    await named('manager', 'Bea_Lopez');
    const carla = await named('staff', 'Carla');
    const search = async (query: string) =>
      ((await call(h, `/api/v1/orgs/${org.slug}/members?${query}`, { cookie: org.owner.cookie })).json.data as { id: string; name: string }[]).map((m) => m.name);
    expect(await search('q=ANA')).toEqual(['Ana 100% Ruiz']);
    expect(await search(`q=${encodeURIComponent('100%')}`)).toEqual(['Ana 100% Ruiz']);
    expect(await search('q=_')).toEqual(['Bea_Lopez']);
    expect(await search('role=staff&q=a')).toEqual(['Ana 100% Ruiz', 'Carla']);
    expect(await search(`q=${encodeURIComponent(carla.email.split('@')[0]!)}`)).toEqual(['Carla']);
    expect(await search('role=manager')).toEqual(['Bea_Lopez']);
    expect(await search('q=nobody-has-this')).toEqual([]);
  });
});

describe('invitations', () => {
  it('writes the invitation email to the outbox in the same transaction', async () => {
    const org = await createOrg(h);
    const email = `${uniq('invitee')}@example.test`;
    const res = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: email.toUpperCase(), role: 'staff' } });
    expect(res.status).toBe(201);
    expect(res.json).not.toHaveProperty('tokenHash');
    const rows = await h.database.db.select().from(outbox).where(eq(outbox.organizationId, org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: 'email.invitation', status: 'pending', payload: { to: email, role: 'staff', acceptUrl: res.json.acceptUrl } });

    const dup = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email, role: 'viewer' } });
    expect(dup.status).toBe(409);
    // The failed attempt left nothing behind: no second outbox row, no audit row.
    expect(await h.database.db.select().from(outbox).where(eq(outbox.organizationId, org.id))).toHaveLength(1);
  });

  it('only the invited email can accept, once; revoked invitations cannot be used', async () => {
    const org = await createOrg(h);
    const invitee = await signUp(h);
    const stranger = await signUp(h);
    const res = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: invitee.email, role: 'member' } });
    const token = new URL(res.json.acceptUrl).searchParams.get('token');

    expect((await call(h, '/api/v1/invitations/accept', { cookie: stranger.cookie, body: { token } })).status).toBe(404);
    expect((await call(h, '/api/v1/invitations/accept', { body: { token } })).status).toBe(401);
    const ok = await call(h, '/api/v1/invitations/accept', { cookie: invitee.cookie, body: { token } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ organization: { slug: org.slug }, role: 'member' });
    expect((await call(h, '/api/v1/invitations/accept', { cookie: invitee.cookie, body: { token } })).status).toBe(409);

    const other = await signUp(h);
    const inv2 = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: other.email, role: 'viewer' } });
    const revoke = await call(h, `/api/v1/orgs/${org.slug}/invitations/${inv2.json.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(revoke.status).toBe(204);
    const token2 = new URL(inv2.json.acceptUrl).searchParams.get('token');
    expect((await call(h, '/api/v1/invitations/accept', { cookie: other.cookie, body: { token: token2 } })).status).toBe(409);

    const list = await call(h, `/api/v1/orgs/${org.slug}/invitations?status=revoked`, { cookie: org.owner.cookie });
    expect(list.json.data).toEqual([expect.objectContaining({ id: inv2.json.id, status: 'revoked' })]);
  });

  it('expires invitations by the injected clock', async () => {
    const org = await createOrg(h);
    const invitee = await signUp(h);
    const res = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: invitee.email, role: 'staff' } });
    expect(new Date(res.json.expiresAt).getTime() - new Date(res.json.createdAt).getTime()).toBe(7 * 86_400_000);
    // The same database, seen by an app whose clock reads eight days later.
    const later = await createHarness({ database: h.database, clock: fixedClock(new Date(Date.now() + 8 * 86_400_000)) });
    const token = new URL(res.json.acceptUrl).searchParams.get('token');
    const expired = await call(later, '/api/v1/invitations/accept', { cookie: invitee.cookie, body: { token } });
    expect(expired.status).toBe(409);
    expect(expired.json.error.message).toMatch(/expired/);
    const listed = await call(later, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie });
    expect(listed.json.data[0]).toMatchObject({ status: 'pending', expired: true });
  });

  it('refuses to invite the owner role or an existing member', async () => {
    const org = await createOrg(h);
    expect((await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: 'a@example.test', role: 'owner' } })).status).toBe(400);
    expect((await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: org.owner.email, role: 'staff' } })).status).toBe(409);
  });
});

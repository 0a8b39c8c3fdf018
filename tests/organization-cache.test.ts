/**
 * Organizations kept in memory by slug (src/modules/organizations/organization-cache.ts,
 * migration 0036), as the public profile, availability and guest bookings read them: served
 * from memory after the first read, dropped when the organization changes (the API's own
 * update, and any UPDATE, rename or DELETE written straight to the table), a read that a change
 * overtook leaves nothing stale, nothing is kept under another spelling of the slug or for a missing
 * organization, kept rows cannot be changed in place, the size is bounded, and on PostgreSQL a
 * lost LISTEN connection turns the cache off (emptied) until it is listening again. On PGlite
 * and PostgreSQL.
 */
import { eq, sql } from 'drizzle-orm';
import { members, organizations } from '@/db/schema';
import { newId } from '@/lib/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '@/lib/logger';
import { createOrganizationCache, findOrganizationSettings, findTenantBySlug } from '@/modules/organizations';
import { usingPostgres } from './support/database';
import { addMember, call, createOrg, signUp, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ organizationCache: true });
});
afterAll(() => h.close());

/** Waits for something a notification brings about (a notification is delivered after commit). */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

const profile = (slug: string) => call(h, `/api/v1/public/orgs/${slug}`);
const cache = () => h.organizationCache!;

describe('organization cache', () => {
  it('keeps a profile after its first read and drops it when the owner changes the organization', async () => {
    expect(cache().live).toBe(true);
    const org = await createOrg(h);
    const before = cache().size;
    expect((await profile(org.slug)).json.name).toBe(org.name);
    expect(cache().size).toBe(before + 1);
    // A second read comes from memory: the row changed with triggers off (so nothing is heard)
    // and the old name still shows.
    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update organizations set name = 'Changed quietly' where slug = ${org.slug}`);
    });
    expect((await profile(org.slug)).json.name).toBe(org.name);

    const res = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { name: 'Renamed by its owner', description: 'New words' } });
    expect(res.status).toBe(200);
    await until('the change is heard', async () => (await profile(org.slug)).json.name === 'Renamed by its owner');
    expect((await profile(org.slug)).json.description).toBe('New words');
  });

  it('drops a profile on any UPDATE, a slug rename or a DELETE written straight to the table', async () => {
    const org = await createOrg(h);
    await profile(org.slug);
    await h.database.db.execute(sql`update organizations set description = 'Written by SQL' where slug = ${org.slug}`);
    await until('the update is heard', async () => (await profile(org.slug)).json.description === 'Written by SQL');

    const renamed = uniq('renamed-');
    await h.database.db.execute(sql`update organizations set slug = ${renamed} where slug = ${org.slug}`);
    await until('the rename is heard', async () => (await profile(org.slug)).status === 404);
    expect((await profile(renamed)).status).toBe(200);

    // An organization with nothing under it, so it can be deleted outright.
    const bare = uniq('bare-');
    await h.database.db.insert(organizations).values({ id: newId('organization'), slug: bare, name: 'Bare', timezone: 'UTC', currency: 'USD' });
    expect((await profile(bare)).status).toBe(200);
    await h.database.db.delete(organizations).where(eq(organizations.slug, bare));
    await until('the delete is heard', async () => (await profile(bare)).status === 404);
  });

  it('keeps nothing stale from a read a change overtook, nor another spelling of the slug or a missing organization', async () => {
    const org = await createOrg(h);
    const size = cache().size;
    // A read under way while a change commits: whichever comes first (the read's row or the
    // notification), nothing stale stays — a row read before the change is either not kept (the
    // notification came first) or dropped by it.
    const heard = cache().heard;
    const reading = findTenantBySlug(h.database.db, org.slug);
    await h.database.db.execute(sql`update organizations set name = 'Overtaken' where slug = ${org.slug}`);
    await until('the change is heard', () => cache().heard > heard);
    expect([org.name, 'Overtaken']).toContain((await reading)!.name); // before or after: either is true
    expect(cache().size).toBe(size); // nothing kept from before the change: the next read loads it
    expect((await profile(org.slug)).json.name).toBe('Overtaken');
    expect(cache().size).toBe(size + 1);

    const loud = await profile(org.slug.toUpperCase());
    expect(loud.status).toBe(200);
    expect(cache().size).toBe(size + 1);
    expect((await profile(uniq('missing-'))).status).toBe(404);
    expect(cache().size).toBe(size + 1);
  });

  it('serves the tenant and the public-form settings from the same kept row, frozen, and holds at most maxEntries', async () => {
    const org = await createOrg(h);
    const before = cache().heard;
    const tenant = await findTenantBySlug(h.database.db, org.slug);
    const settings = await findOrganizationSettings(h.database.db, { slug: org.slug });
    expect(tenant).toMatchObject({ id: org.id, slug: org.slug });
    expect(settings?.id).toBe(org.id);
    // The kept row is shared by every request: changing it in place fails instead of leaking.
    expect(() => {
      (settings!.settings as Record<string, unknown>).sneaky = true;
    }).toThrow(TypeError);
    expect(cache().heard).toBe(before);

    const small = createOrganizationCache(h.database, logger(), 2);
    await small.start();
    try {
      const orgs = [await createOrg(h), await createOrg(h), await createOrg(h)];
      for (const o of orgs) expect((await small.get(o.slug))?.id).toBe(o.id);
      expect(small.size).toBe(2);
    } finally {
      await small.stop();
    }
    expect(small.live).toBe(false);
    expect(small.size).toBe(0);
    // The harness's cache still serves the app's reads.
    await profile(org.slug);
    expect(cache().size).toBeGreaterThan(0);
  });

  it("resolves a member's organization from memory but their membership from the table, every request", async () => {
    const org = await createOrg(h);
    const staff = await addMember(h, org, 'staff');
    const listMembers = (cookie: string, slug = org.slug) => call(h, `/api/v1/orgs/${slug}/members`, { cookie });
    expect((await listMembers(staff.cookie)).status).toBe(200);
    const heard = cache().heard;

    // A membership removed straight in the table (no notification: members are not cached)
    // keeps them out on the very next request.
    await h.database.db.delete(members).where(eq(members.id, staff.memberId));
    expect(cache().heard).toBe(heard);
    const removed = await listMembers(staff.cookie);
    expect(removed.status).toBe(404);
    expect(removed.json.error.code).toBe('NOT_FOUND');
    // Someone who never belonged, and a slug nobody has: 404 alike.
    const stranger = await signUp(h);
    expect((await listMembers(stranger.cookie)).status).toBe(404);
    expect((await listMembers(org.owner.cookie, uniq('missing-'))).status).toBe(404);

    // The organization's own policy comes from the kept row: requiring two-factor with triggers
    // off (nothing heard; the API would refuse it to an owner without TOTP) changes nothing for
    // the owner yet; once a change is heard they are kept out, and lifting it lets them back.
    expect((await listMembers(org.owner.cookie)).status).toBe(200);
    const requireTwoFactor = sql`update organizations set settings = settings || '{"requireTwoFactorForAdmins": true}'::jsonb where slug = ${org.slug}`;
    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(requireTwoFactor);
    });
    expect((await listMembers(org.owner.cookie)).status).toBe(200);
    await h.database.db.execute(requireTwoFactor);
    await until('the policy is heard', async () => (await listMembers(org.owner.cookie)).status === 403);
    expect((await listMembers(org.owner.cookie)).json.error.details.reason).toBe('two_factor_required');
    await h.database.db.update(organizations).set({ settings: sql`settings - 'requireTwoFactorForAdmins'` }).where(eq(organizations.slug, org.slug));
    await until('the policy lifted is heard', async () => (await listMembers(org.owner.cookie)).status === 200);
  });
});

describe.skipIf(!usingPostgres)('organization cache on PostgreSQL, when LISTEN is lost', () => {
  it('empties and turns off, serves from the database meanwhile, and turns on again once listening', async () => {
    const org = await createOrg(h);
    await profile(org.slug);
    expect(cache().size).toBeGreaterThan(0);
    await h.database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bookline-organization-cache'`);
    await until('the loss is seen', () => !cache().live);
    expect(cache().size).toBe(0);
    // Off: every read goes to the database and nothing is kept.
    expect((await profile(org.slug)).status).toBe(200);
    expect(cache().size).toBe(0);
    await until('listening again', () => cache().live);
    await profile(org.slug);
    expect(cache().size).toBe(1);
    // And the new connection hears changes.
    await h.database.db.execute(sql`update organizations set name = 'After the reconnect' where slug = ${org.slug}`);
    await until('the change is heard after the reconnect', async () => (await profile(org.slug)).json.name === 'After the reconnect');
  });
});

/**
 * Staff idle timeout (#16.6, decision 0019), with an injected clock: an organization's
 * `staffIdleTimeoutMinutes` signs out staff-side sessions (owner, admin, manager, staff) idle
 * longer than the strictest timeout among the user's staff memberships; 401 `session_idle`, the
 * session row gone. Members are never timed out; no timeout set, never.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema';
import { ACTIVITY_WRITE_INTERVAL_MS } from '@/modules/identity';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';

const MINUTE = 60_000;
let h: Harness;
/** The server's clock, moved by the tests; sessions start at the database's own now(). */
let now = Date.now();
const advance = (minutes: number) => {
  now += minutes * MINUTE;
};

beforeAll(async () => {
  h = await createHarness({ clock: () => new Date(now) });
});
afterAll(() => h?.close());

const me = (user: TestUser) => call(h, '/api/v1/me', { cookie: user.cookie });
const sessionsOf = (user: TestUser) => h.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
const setTimeout_ = (org: TestOrg, minutes: number | null, cookie = org.owner.cookie) =>
  call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie, body: { settings: { staffIdleTimeoutMinutes: minutes } } });

/** An organization with a timeout, and a staff member and a customer member signed in now. */
async function world(minutes: number | null) {
  const org = await createOrg(h);
  if (minutes !== null) expect((await setTimeout_(org, minutes)).status).toBe(200);
  const staff = await addMember(h, org, 'staff');
  const member = await addMember(h, org, 'member');
  // Their sessions began at the database's clock: start ours from the newest of them.
  const started = Math.max(...(await Promise.all([staff, member, org.owner].map(sessionsOf))).flat().map((s) => s.lastActiveAt.getTime()));
  now = Math.max(now, started);
  return { org, staff, member };
}

describe('staff idle timeout', () => {
  it('keeps an active staff session working, and records activity at most once a minute', async () => {
    const { org, staff } = await world(30);
    for (let i = 0; i < 3; i++) {
      advance(20);
      expect((await call(h, `/api/v1/orgs/${org.slug}`, { cookie: staff.cookie })).status).toBe(200);
    }
    const [session] = await sessionsOf(staff);
    expect(session!.lastActiveAt.getTime()).toBe(now);
    advance(ACTIVITY_WRITE_INTERVAL_MS / MINUTE / 2);
    expect((await me(staff)).status).toBe(200);
    expect((await sessionsOf(staff))[0]!.lastActiveAt.getTime()).toBe(now - ACTIVITY_WRITE_INTERVAL_MS / 2);
  });

  it('signs out a staff session idle past the timeout: 401 session_idle, the session deleted, then plain 401', async () => {
    const { org, staff } = await world(30);
    advance(29);
    expect((await me(staff)).status).toBe(200);
    advance(31);
    const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: staff.cookie });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'session_idle', minutes: 30 } });
    expect(res.json.error.message).toBe('You were signed out after 30 minutes without activity. Sign in again to continue.');
    expect(await sessionsOf(staff)).toHaveLength(0);
    const after = await me(staff);
    expect(after.status).toBe(401);
    expect(after.json.error.details).toBeUndefined();
  });

  it('never times out a customer member, nor anyone when no organization sets a timeout', async () => {
    const { member } = await world(30);
    const { staff: unlimitedStaff, org: unlimited } = await world(null);
    advance(24 * 60 * 3);
    expect((await me(member)).status).toBe(200);
    expect((await me(unlimitedStaff)).status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${unlimited.slug}`, { cookie: unlimited.owner.cookie })).status).toBe(200);
  });

  it('applies the strictest timeout across the user’s staff memberships, and stops when it is turned off', async () => {
    const { org: strict, staff } = await world(15);
    const lax = await createOrg(h, staff);
    expect((await setTimeout_(lax, 120, staff.cookie)).status).toBe(200);
    advance(14);
    expect((await call(h, `/api/v1/orgs/${lax.slug}`, { cookie: staff.cookie })).status).toBe(200);
    advance(16);
    const res = await call(h, `/api/v1/orgs/${lax.slug}`, { cookie: staff.cookie });
    expect(res.status).toBe(401);
    expect(res.json.error.details).toEqual({ reason: 'session_idle', minutes: 15 });

    const { org, staff: other } = await world(10);
    expect((await setTimeout_(org, null)).status).toBe(200);
    advance(60);
    expect((await me(other)).status).toBe(200);
    // The strict organization's owner, idle all along, is out too.
    expect((await me(strict.owner)).status).toBe(401);
  });

  it('validates the setting (5–1440 minutes or null) and lets only owners and admins change it', async () => {
    const { org, staff } = await world(null);
    for (const bad of [4, 1441, 30.5, '30']) expect((await setTimeout_(org, bad as number)).status, String(bad)).toBe(400);
    expect((await setTimeout_(org, 30, staff.cookie)).status).toBe(403);
    const admin = await addMember(h, org, 'admin');
    const ok = await setTimeout_(org, 1440, admin.cookie);
    expect(ok.status).toBe(200);
    expect(ok.json.settings.staffIdleTimeoutMinutes).toBe(1440);
  });
});

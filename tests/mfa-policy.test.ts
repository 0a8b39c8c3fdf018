/**
 * The organization setting "require two-factor for owners and admins": those without TOTP get
 * 403 two_factor_required on the organization's API (reading the organization itself and their
 * own account-level enrolment stay open), other roles are unaffected, the setting cannot be
 * turned on by someone without TOTP (422), and enrolling — with codes from an independent
 * RFC 6238 implementation — lets them back in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, call, cookieFrom, createOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { secretOfUri, totp } from './support/totp';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** Turns on TOTP the way the account page does; returns the user with the session cookie it ends with. */
async function enrolTotp(user: TestUser): Promise<TestUser & { secret: string }> {
  const enabled = await call(h, '/api/auth/two-factor/enable', { cookie: user.cookie, body: { password: user.password } });
  expect(enabled.status).toBe(200);
  const secret = secretOfUri(enabled.json.totpURI);
  const verified = await call(h, '/api/auth/two-factor/verify-totp', { cookie: user.cookie, body: { code: totp(secret) } });
  expect(verified.status).toBe(200);
  // Better Auth replaces the session when two-factor turns on.
  return { ...user, cookie: cookieFrom(verified.headers) || user.cookie, secret };
}

const requireTwoFactor = (slug: string, cookie: string, on = true) =>
  call(h, `/api/v1/orgs/${slug}`, { method: 'PATCH', cookie, body: { settings: { requireTwoFactorForAdmins: on } } });

describe('requiring two-factor for owners and admins', () => {
  it('refuses to turn the policy on for someone without TOTP (422), and allows it once they have it', async () => {
    const org = await createOrg(h);
    const refused = await requireTwoFactor(org.slug, org.owner.cookie);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('RULE_VIOLATION');
    expect(refused.json.error.message).toMatch(/Turn on two-factor authentication for your own account/);
    expect(refused.json.error.details).toMatchObject({ field: 'settings.requireTwoFactorForAdmins' });
    const unchanged = await call(h, `/api/v1/orgs/${org.slug}`, { cookie: org.owner.cookie });
    expect(unchanged.json.organization.settings.requireTwoFactorForAdmins).not.toBe(true);

    // Other settings still save without TOTP, and turning the policy off needs nothing.
    expect((await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { highlights: ['Open late'] } } })).status).toBe(200);
    expect((await requireTwoFactor(org.slug, org.owner.cookie, false)).status).toBe(200);

    const owner = await enrolTotp(org.owner);
    const accepted = await requireTwoFactor(org.slug, owner.cookie);
    expect(accepted.status).toBe(200);
    expect(accepted.json.settings.requireTwoFactorForAdmins).toBe(true);
    // The enrolled owner keeps working.
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: owner.cookie })).status).toBe(200);
  });

  it('answers 403 two_factor_required to an admin without TOTP, leaves other roles alone, and lets the admin in after enrolling', async () => {
    const org = await createOrg(h);
    const admin = await addMember(h, org, 'admin');
    const others = await Promise.all((['manager', 'staff', 'member', 'viewer'] as const).map(async (role) => ({ role, user: await addMember(h, org, role) })));
    const owner = await enrolTotp(org.owner);
    expect((await requireTwoFactor(org.slug, owner.cookie)).status).toBe(200);

    for (const path of ['bookings', 'customers', 'services', 'members', 'business-hours']) {
      const res = await call(h, `/api/v1/orgs/${org.slug}/${path}`, { cookie: admin.cookie });
      expect(res.status, path).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN');
      expect(res.json.error.details).toEqual({ reason: 'two_factor_required' });
      expect(res.json.error.message).toMatch(/requires two-factor authentication/);
    }
    // Writes too, including switching the policy off from under the owner.
    expect((await requireTwoFactor(org.slug, admin.cookie, false)).status).toBe(403);
    expect((await call(h, `/api/v1/orgs/${org.slug}/resources`, { cookie: admin.cookie, body: { kind: 'room', name: 'Blue room' } })).status).toBe(403);

    // What they need to find out why and fix it stays open.
    const orgItself = await call(h, `/api/v1/orgs/${org.slug}`, { cookie: admin.cookie });
    expect(orgItself.status).toBe(200);
    expect(orgItself.json).toMatchObject({ role: 'admin', organization: { settings: { requireTwoFactorForAdmins: true } } });
    const me = await call(h, '/api/v1/me', { cookie: admin.cookie });
    expect(me.status).toBe(200);
    expect(me.json.organizations.map((o: { slug: string }) => o.slug)).toContain(org.slug);

    for (const { role, user } of others) {
      const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: user.cookie });
      expect(res.status, role).toBe(200);
    }

    const enrolled = await enrolTotp(admin);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: enrolled.cookie })).status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${org.slug}/members`, { cookie: enrolled.cookie })).status).toBe(200);
  });

  it('keeps out an owner who turns TOTP off, and stays a 404 for non-members and a 401 for anonymous callers', async () => {
    const org = await createOrg(h);
    const owner = await enrolTotp(org.owner);
    expect((await requireTwoFactor(org.slug, owner.cookie)).status).toBe(200);

    const disabled = await call(h, '/api/auth/two-factor/disable', { cookie: owner.cookie, body: { password: owner.password } });
    expect(disabled.status).toBe(200);
    const cookie = cookieFrom(disabled.headers) || owner.cookie;
    const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie });
    expect(res.status).toBe(403);
    expect(res.json.error.details.reason).toBe('two_factor_required');

    const stranger = await createOrg(h);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: stranger.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${org.slug}`, { cookie: stranger.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings`)).status).toBe(401);
  });

  it('applies per organization: the same admin is unaffected where the policy is off', async () => {
    const strict = await createOrg(h);
    const relaxed = await createOrg(h);
    const admin = await addMember(h, strict, 'admin');
    const inviteToRelaxed = await call(h, `/api/v1/orgs/${relaxed.slug}/invitations`, { cookie: relaxed.owner.cookie, body: { email: admin.email, role: 'admin' } });
    const token = new URL(inviteToRelaxed.json.acceptUrl).searchParams.get('token');
    expect((await call(h, '/api/v1/invitations/accept', { cookie: admin.cookie, body: { token } })).status).toBe(200);

    const owner = await enrolTotp(strict.owner);
    expect((await requireTwoFactor(strict.slug, owner.cookie)).status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${strict.slug}/bookings`, { cookie: admin.cookie })).status).toBe(403);
    expect((await call(h, `/api/v1/orgs/${relaxed.slug}/bookings`, { cookie: admin.cookie })).status).toBe(200);
  });
});

describe('the independent TOTP implementation', () => {
  it('matches the RFC 6238 test vector', () => {
    // Secret "12345678901234567890" (ASCII) at 59 s → 94287082 (8 digits); the last 6 are 287082.
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
    // At 1111111109 s → 07081804 → 081804.
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1_111_111_109_000)).toBe('081804');
  });
});

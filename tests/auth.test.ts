import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { call, cookieFrom, signUp, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('sign-up, sign-in and session round trip', () => {
  it('signs up, reads /me with the session cookie, signs out, signs back in', async () => {
    const user = await signUp(h, { name: 'Round Trip' });
    expect(user.id).toMatch(/^usr_/);
    expect(user.cookie).toMatch(/bookline\.session_token=/);

    const me = await call(h, '/api/v1/me', { cookie: user.cookie });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: user.id, email: user.email, name: 'Round Trip' });
    expect(me.json.organizations).toEqual([]);

    const out = await call(h, '/api/auth/sign-out', { cookie: user.cookie, body: {} });
    expect(out.status).toBe(200);
    expect((await call(h, '/api/v1/me', { cookie: user.cookie })).status).toBe(401);

    const signIn = await h.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const again = await call(h, '/api/v1/me', { cookie: cookieFrom(signIn.headers) });
    expect(again.status).toBe(200);
    expect(again.json.user.id).toBe(user.id);
  });

  it('refuses a wrong password with the error envelope', async () => {
    const user = await signUp(h);
    const res = await call(h, '/api/auth/sign-in/email', { body: { email: user.email, password: 'wrong-password' } });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String), requestId: expect.any(String) });
  });

  it('answers a sign-up for an existing email exactly as a new one: no second account, no session, the owner’s password unchanged, the attempt in the owner’s log', async () => {
    const user = await signUp(h);
    const fresh = await h.app.request('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: `${uniq('fresh')}@example.test`, name: 'Dup', password: 'another-password' }),
    });
    const dup = await h.app.request('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: user.email.toUpperCase(), name: 'Dup', password: 'another-password' }),
    });
    // Same status, same headers that matter, same body shape and types.
    expect(dup.status).toBe(200);
    expect(fresh.status).toBe(200);
    expect(dup.headers.getSetCookie()).toEqual([]);
    expect(fresh.headers.getSetCookie()).toEqual([]);
    expect(dup.headers.get('content-type')).toBe(fresh.headers.get('content-type'));
    const shape = (v: unknown): unknown =>
      v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, shape(x)])) : v === null ? 'null' : typeof v;
    const [dupBody, freshBody] = [await dup.json(), await fresh.json()];
    expect(shape(dupBody)).toEqual(shape(freshBody));
    expect(dupBody.token).toBeNull();
    expect(dupBody.user.id).toMatch(/^usr_/);
    expect(dupBody.user.id).not.toBe(user.id);

    // Nothing was created or changed, and the caller holds no session of the owner's.
    const rows = await h.database.db.select().from(users).where(sql`lower(${users.email}) = ${user.email}`);
    expect(rows.map((r) => r.id)).toEqual([user.id]);
    expect((await call(h, '/api/auth/sign-in/email', { body: { email: user.email, password: 'another-password' } })).status).toBe(401);
    expect((await call(h, '/api/auth/sign-in/email', { body: { email: user.email, password: user.password } })).status).toBe(200);
    const events = await call(h, '/api/v1/me/security-events', { cookie: user.cookie });
    expect(events.json.data.map((e: { action: string }) => e.action)).toContain('account.sign_up_existing_email');
  });

  it('enables TOTP two-factor in the auth config', async () => {
    const user = await signUp(h);
    const res = await call(h, '/api/auth/two-factor/enable', { cookie: user.cookie, body: { password: user.password } });
    expect(res.status).toBe(200);
    expect(res.json.totpURI).toMatch(/^otpauth:\/\/totp\/Bookline/);
    expect(res.json.backupCodes.length).toBeGreaterThan(0);
  });
});

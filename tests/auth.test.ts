import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cookieFrom, signUp } from './support/factories';
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

  it('refuses a duplicate sign-up with a 4xx envelope, not a 500', async () => {
    const user = await signUp(h);
    const res = await call(h, '/api/auth/sign-up/email', { body: { email: user.email, name: 'Dup', password: 'another-password' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.error.code).toBeDefined();
  });

  it('enables TOTP two-factor in the auth config', async () => {
    const user = await signUp(h);
    const res = await call(h, '/api/auth/two-factor/enable', { cookie: user.cookie, body: { password: user.password } });
    expect(res.status).toBe(200);
    expect(res.json.totpURI).toMatch(/^otpauth:\/\/totp\/Bookline/);
    expect(res.json.backupCodes.length).toBeGreaterThan(0);
  });
});

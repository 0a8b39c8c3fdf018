/**
 * The per-process session cache (identity/session-cache.ts, #17): a session answered from it
 * is revoked in the same process at once — sign-out elsewhere, revoke, password change with
 * revoke-others, a changed user — and an entry answers only the exact signed cookie it was
 * stored for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache, sessionCookie } from '@/modules/identity/session-cache';
import { call, cookieFrom, signUp, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

const me = (cookie: string) => call(h, '/api/v1/me', { cookie });

async function secondSession(user: TestUser): Promise<string> {
  const res = await call(h, '/api/auth/sign-in/email', { body: { email: user.email, password: user.password } });
  expect(res.status).toBe(200);
  return cookieFrom(res.headers);
}

describe('session cache revocation, in process', () => {
  it('revoking the other sessions ends them at once, though they were just answered', async () => {
    const user = await signUp(h);
    const other = await secondSession(user);
    expect((await me(other)).status).toBe(200);
    expect((await me(other)).status).toBe(200);
    expect((await call(h, '/api/auth/revoke-other-sessions', { cookie: user.cookie, body: {} })).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
  });

  it('a password change that revokes other sessions ends them at once', async () => {
    const user = await signUp(h);
    const other = await secondSession(user);
    expect((await me(other)).status).toBe(200);
    const changed = await call(h, '/api/auth/change-password', {
      cookie: user.cookie,
      body: { currentPassword: user.password, newPassword: 'another-horse-battery', revokeOtherSessions: true },
    });
    expect(changed.status).toBe(200);
    expect((await me(other)).status).toBe(401);
  });

  it('revoking one session by its token ends it at once', async () => {
    const user = await signUp(h);
    const other = await secondSession(user);
    expect((await me(other)).status).toBe(200);
    const list = await call(h, '/api/auth/list-sessions', { cookie: user.cookie });
    const token = sessionCookie(other, 'bookline.session_token')!.token;
    expect(list.json.map((s: { token: string }) => s.token)).toContain(token);
    expect((await call(h, '/api/auth/revoke-session', { cookie: user.cookie, body: { token } })).status).toBe(200);
    expect((await me(other)).status).toBe(401);
  });

  it('a changed user shows at once on the next request', async () => {
    const user = await signUp(h, { name: 'Before' });
    expect((await me(user.cookie)).json.user.name).toBe('Before');
    expect((await call(h, '/api/auth/update-user', { cookie: user.cookie, body: { name: 'After' } })).status).toBe(200);
    expect((await me(user.cookie)).json.user.name).toBe('After');
  });

  it('a cached token with another signature is not signed in', async () => {
    const user = await signUp(h);
    expect((await me(user.cookie)).status).toBe(200);
    const { token } = sessionCookie(user.cookie, 'bookline.session_token')!;
    const forged = `bookline.session_token=${token}.${'A'.repeat(43)}%3D`;
    expect((await me(forged)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
  });
});

describe('SessionCache', () => {
  const entry = (cookie: string, userId = 'usr_1') => ({
    cookie,
    sessionId: 'ses_1',
    user: { id: userId, email: 'a@example.test', name: 'A', twoFactorEnabled: false, emailVerified: false },
    expiresAt: Date.now() + 60_000,
    lastActiveAt: Date.now(),
    idleTimeoutMinutes: null,
  });

  it('answers only the stored signed cookie, and forgets by token and by user', () => {
    const cache = new SessionCache(60_000);
    cache.set('tok', entry('tok.sig'));
    expect(cache.get('tok', 'tok.sig')?.user.id).toBe('usr_1');
    expect(cache.get('tok', 'tok.other')).toBeNull();
    cache.forgetToken('tok');
    expect(cache.get('tok', 'tok.sig')).toBeNull();
    cache.set('t2', entry('t2.sig', 'usr_2'));
    cache.forgetUser('usr_2');
    expect(cache.get('t2', 't2.sig')).toBeNull();
  });

  it('does not answer past its time to live', () => {
    const cache = new SessionCache(1_000);
    cache.set('tok', entry('tok.sig'));
    expect(cache.get('tok', 'tok.sig', performance.now() + 1_000)).toBeNull();
  });

  it('reads the one session cookie, and none when it is sent twice', () => {
    expect(sessionCookie('a=1; bookline.session_token=abc.s%3D; b=2', 'bookline.session_token')).toEqual({ token: 'abc', cookie: 'abc.s%3D' });
    expect(sessionCookie('bookline.session_token=abc.s; bookline.session_token=def.t', 'bookline.session_token')).toBeNull();
    expect(sessionCookie('other=abc.s', 'bookline.session_token')).toBeNull();
  });
});

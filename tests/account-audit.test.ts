/**
 * The account security log: written from Better Auth's hooks with the socket's address, read
 * back by its own user only (GET /api/v1/me/security-events, row-level security), and
 * append-only for every role.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountAuditLog } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { cookieFrom, signUp, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { send } from './support/sweep-client';

let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness();
  alice = await signUp(h);
  bob = await signUp(h);
});
afterAll(() => h.close());

const rowsOf = (userId: string) => h.database.db.select().from(accountAuditLog).where(eq(accountAuditLog.userId, userId));

describe('account audit log', () => {
  it("records sign-ins with the socket's address, not a client-sent X-Forwarded-For or our internal header", async () => {
    const res = await send(h, {
      path: '/api/auth/sign-in/email',
      body: { email: alice.email, password: alice.password },
      ip: '198.51.100.7',
      userAgent: 'AuditTest/2.0',
      headers: { 'x-forwarded-for': '10.9.9.9', 'x-bookline-client-ip': '10.8.8.8' },
    });
    expect(res.status).toBe(200);
    const [row] = (await rowsOf(alice.id)).filter((r) => r.requestId === res.requestId);
    expect(row).toMatchObject({ action: 'account.signed_in', ip: '198.51.100.7', userAgent: 'AuditTest/2.0', requestId: res.requestId });
  });

  it('records a failed sign-in of an unknown email without a user, keeping the address tried', async () => {
    const email = `ghost-${newId('user').slice(4, 14)}@example.test`;
    const res = await send(h, { path: '/api/auth/sign-in/email', body: { email, password: 'not-a-password' }, ip: '198.51.100.8' });
    expect(res.status).toBe(401);
    const rows = await h.database.db.select().from(accountAuditLog).where(eq(accountAuditLog.requestId, res.requestId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: null, action: 'account.sign_in_failed', ip: '198.51.100.8', details: { email } });
  });

  it('lists a user their own events only, newest first, paginated', async () => {
    const signOut = await send(h, { path: '/api/auth/sign-out', body: {}, cookie: bob.cookie });
    expect(signOut.status).toBe(200);
    const again = await send(h, { path: '/api/auth/sign-in/email', body: { email: bob.email, password: bob.password } });
    const cookie = cookieFrom(again.headers);
    const page = await send(h, { path: '/api/v1/me/security-events?pageSize=2', cookie });
    expect(page.status).toBe(200);
    // Sign-up does not sign in: the factory signed bob in right after.
    expect(page.json.pagination).toMatchObject({ page: 1, pageSize: 2, total: 4, hasMore: true });
    expect(page.json.data.map((e: { action: string }) => e.action)).toEqual(['account.signed_in', 'account.signed_out']);
    const all = await send(h, { path: '/api/v1/me/security-events', cookie });
    expect(all.json.data.map((e: { action: string }) => e.action)).toEqual(['account.signed_in', 'account.signed_out', 'account.signed_in', 'account.signed_up']);
    expect(all.text).not.toContain(alice.id);
    expect((await send(h, { path: '/api/v1/me/security-events' })).status).toBe(401);
    expect((await send(h, { path: '/api/v1/me/security-events?page=0', cookie })).status).toBe(400);
  });

  it('has RLS on: the app role reads only the scoped user’s rows and cannot write at all', async () => {
    const rls = (await h.database.db.execute(sql`select relrowsecurity from pg_class where relname = 'account_audit_log'`)) as unknown as { rows: { relrowsecurity: boolean }[] };
    expect(rls.rows).toEqual([{ relrowsecurity: true }]);
    await withTenant(h.database.db, {}, async (tx) => {
      expect(await tx.select().from(accountAuditLog)).toEqual([]);
    });
    await withTenant(h.database.db, { userId: alice.id }, async (tx) => {
      const rows = await tx.select().from(accountAuditLog);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.userId === alice.id)).toBe(true);
    });
    const attempts = [
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => tx.insert(accountAuditLog).values({ id: newId('accountAudit'), userId: alice.id, action: 'account.forged' }),
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => tx.update(accountAuditLog).set({ action: 'account.rewritten' }).where(eq(accountAuditLog.userId, alice.id)),
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => tx.delete(accountAuditLog).where(eq(accountAuditLog.userId, alice.id)),
    ];
    for (const attempt of attempts) {
      const err = await withTenant(h.database.db, { userId: alice.id }, attempt).catch((e: unknown) => e);
      expect(sqlState(err)).toBe('42501');
    }
  });

  it('is append-only even for the owner connection: a recorded event cannot be rewritten', async () => {
    const err = await h.database.db
      .update(accountAuditLog)
      .set({ ip: '127.0.0.1' })
      .where(eq(accountAuditLog.userId, alice.id))
      .catch((e: unknown) => e);
    expect(sqlState(err)).toBe('42501');
    expect((await rowsOf(alice.id)).every((r) => r.ip !== '127.0.0.1')).toBe(true);
  });
});

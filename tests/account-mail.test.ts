/**
 * Account mail (#12.3, docs/decisions/0009-account-mail.md): password reset and address
 * verification through Better Auth's flows, delivered by our outbox over a real SMTP server on
 * loopback (parsed back with mailparser): both parts, EN and ES, and the link works. The same
 * answer for known and unknown addresses; reset tokens work once and expire, verification links
 * expire; the token is sealed in the outbox, hashed in the verification table and never logged;
 * a caught account email is readable only by its own user, and only a verification one.
 */
import { Writable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '@/db/tenant';
import { env } from '@/lib/env';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { accountAuditLog, mailMessages, outbox, users, verifications } from '@/db/schema';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers, listMail, listOwnVerificationMail, type Mailer } from '@/modules/notifications';
import { call, cookieFrom, createOrg, signUp, type TestUser, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { startSmtp } from './support/smtp';

const FROM = 'Bookline Test <accounts@bookline.test>';

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
let catcher: Mailer;
const logLines: string[] = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);

beforeAll(async () => {
  h = await createHarness();
  smtp = await startSmtp();
  mailer = createMailer(h.database.db, { smtpUrl: smtp.url, from: FROM, timeoutMs: 3000 });
  catcher = createMailer(h.database.db, { from: FROM });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await h.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Delivers this account's due mail (other files' rows may share a PostgreSQL database). */
const deliver = (user: { id: string }, with_: Mailer = mailer) => deliverOutbox(h.database.db, createOutboxHandlers(log, with_), new Date(Date.now() + 60_000), 100, { userId: user.id });
const mailTo = (address: string): ParsedMail[] => smtp.received.filter((m) => m.envelopeTo.includes(address)).map((m) => m.parsed);
const requestReset = (email: string, headers: Record<string, string> = {}) => call(h, '/api/auth/request-password-reset', { body: { email }, headers });
const resetLinkIn = (mail: ParsedMail) => /https?:\/\/\S+\/api\/auth\/reset-password\/[A-Za-z0-9_-]+\?callbackURL=\S+/.exec(mail.text ?? '')?.[0];
const verifyLinkIn = (mail: ParsedMail) => /https?:\/\/\S+\/api\/auth\/verify-email\?token=[A-Za-z0-9._-]+&callbackURL=\S+/.exec(mail.text ?? '')?.[0];
/** Follows a link of ours in-process: the path and query against the app. */
const open = (link: string) => h.app.request(new URL(link).pathname + new URL(link).search, { redirect: 'manual' });
const signIn = (email: string, password: string) => call(h, '/api/auth/sign-in/email', { body: { email, password } });

async function resetMailFor(user: TestUser, headers: Record<string, string> = {}): Promise<{ mail: ParsedMail; link: string; token: string }> {
  const before = mailTo(user.email).length;
  expect((await requestReset(user.email, headers)).status).toBe(200);
  await deliver(user);
  const mails = mailTo(user.email).filter((m) => m.headers.get('x-bookline-topic') === 'email.password_reset');
  expect(mailTo(user.email).length).toBeGreaterThan(before);
  const mail = mails.at(-1)!;
  const link = resetLinkIn(mail);
  expect(link, 'a reset link in the plain-text part').toBeDefined();
  const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(link!)![1]!;
  return { mail, link: link!, token };
}

describe('forgot password: the same answer for every address', () => {
  it('answers a known and an unknown address with the same status and body, and mails only the known one', async () => {
    const user = await signUp(h);
    const unknown = `${uniq('nobody')}@example.test`;
    const known = await requestReset(user.email);
    const stranger = await requestReset(unknown);
    expect(known.status).toBe(200);
    expect(stranger.status).toBe(known.status);
    expect(stranger.text).toBe(known.text);
    expect(known.json).toEqual({ status: true, message: expect.any(String) });
    const rows = await h.database.db.select().from(outbox).where(and(eq(outbox.userId, user.id), eq(outbox.topic, 'email.password_reset')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.organizationId).toBeNull();
    // The owner's log says someone asked; the unknown address is kept as tried.
    const audit = await h.database.db.select().from(accountAuditLog).where(eq(accountAuditLog.action, 'account.password_reset_requested'));
    expect(audit.filter((r) => r.userId === user.id)).toHaveLength(1);
    expect(audit.filter((r) => r.userId === null && (r.details as { email?: string } | null)?.email === unknown)).toHaveLength(1);
  });

  it('answers bad input in the error envelope', async () => {
    const bad = await requestReset('not-an-email');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'VALIDATION', requestId: expect.any(String) } });
    const noToken = await call(h, '/api/auth/reset-password', { body: { newPassword: 'another-horse-battery' } });
    expect(noToken.status).toBe(400);
    expect(noToken.json).toMatchObject({ error: { code: 'VALIDATION' } });
    const resend = await call(h, '/api/auth/send-verification-email', { body: { email: 42 } });
    expect(resend.status).toBe(400);
    expect(resend.json).toMatchObject({ error: { code: 'VALIDATION' } });
    // The links' endpoints, called without what they need or with a foreign redirect.
    for (const [path, status] of [
      ['/api/auth/verify-email?token=not-a-jwt', 401],
      ['/api/auth/verify-email', 400],
      ['/api/auth/reset-password/not-a-token', 400],
    ] as const) {
      const res = await call(h, path);
      expect(res.status, path).toBe(status);
      expect(res.json, path).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) } });
    }
  });
});

describe('links redirect only to our origin', () => {
  it('refuses a reset or verification link whose callback points elsewhere (Better Auth’s origin check, on outside tests)', async () => {
    const auth = createAuth({ db: h.database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: false, forceOriginCheck: true });
    const base = env().BASE_URL;
    for (const path of ['/api/auth/reset-password/not-a-token?callbackURL=https%3A%2F%2Fevil.example%2F', '/api/auth/verify-email?token=x&callbackURL=https%3A%2F%2Fevil.example%2F']) {
      const res = await auth.handler(new Request(`${base}${path}`, { redirect: 'manual' }));
      expect(res.status, path).toBe(403);
      expect(res.headers.get('location'), path).toBeNull();
    }
    // Our own page is allowed.
    const ours = await auth.handler(new Request(`${base}/api/auth/reset-password/not-a-token?callbackURL=%2Freset-password`, { redirect: 'manual' }));
    expect(ours.status).toBe(302);
    expect(ours.headers.get('location')).toMatch(/\/reset-password\?error=INVALID_TOKEN$/);
  });
});

describe('password reset over SMTP', () => {
  it('sends both parts in English with a link that opens the reset page; the new password works once', { timeout: 30_000 }, async () => {
    const user = await signUp(h, { name: 'Rosa Reset' });
    const { mail, link, token } = await resetMailFor(user);
    expect(mail.subject).toBe('Reset your Bookline password');
    expect(mail.from?.value[0]?.address).toBe('accounts@bookline.test');
    expect(mail.text).toContain('Hello Rosa Reset,');
    expect(mail.text).toContain('expires in 60 minutes');
    expect(mail.html).toContain('<h1 style="font-size:20px;margin:0 0 16px">Reset your password</h1>');
    expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);

    // The link checks the token and hands it to our page.
    const opened = await open(link);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toMatch(new RegExp(`/reset-password\\?token=${token}$`));

    const reset = await call(h, '/api/auth/reset-password', { body: { token, newPassword: 'a-brand-new-passphrase' } });
    expect(reset.status).toBe(200);
    expect((await signIn(user.email, 'a-brand-new-passphrase')).status).toBe(200);
    expect((await signIn(user.email, user.password)).status).toBe(401);
    // The sessions from before the reset are gone.
    expect((await call(h, '/api/v1/me', { cookie: user.cookie })).status).toBe(401);
    const audit = await h.database.db.select().from(accountAuditLog).where(and(eq(accountAuditLog.userId, user.id), eq(accountAuditLog.action, 'account.password_reset')));
    expect(audit).toHaveLength(1);

    // Single use: the same token again fails, through the link and through the form.
    const again = await call(h, '/api/auth/reset-password', { body: { token, newPassword: 'yet-another-passphrase' } });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ error: { code: 'VALIDATION', details: { authCode: 'INVALID_TOKEN' } } });
    expect((await open(link)).headers.get('location')).toMatch(/\/reset-password\?error=INVALID_TOKEN$/);
    expect((await signIn(user.email, 'yet-another-passphrase')).status).toBe(401);
  });

  it('speaks Spanish to a visitor who asked in Spanish', { timeout: 30_000 }, async () => {
    const user = await signUp(h, { name: 'Ana Ruiz' });
    const { mail, link } = await resetMailFor(user, { cookie: 'bookline-locale=es' });
    expect(mail.subject).toBe('Restablece tu contraseña de Bookline');
    expect(mail.text).toContain('Hola, Ana Ruiz:');
    expect(mail.text).toContain(`Elegir una nueva contraseña: ${link}`);
    expect(mail.html).toContain('Elegir una nueva contraseña</a>');
    const viaHeader = await resetMailFor(user, { 'accept-language': 'es-PA,es;q=0.9' });
    expect(viaHeader.mail.subject).toBe('Restablece tu contraseña de Bookline');
  });

  it('refuses an expired link and an expired token', { timeout: 30_000 }, async () => {
    const user = await signUp(h);
    const { link, token } = await resetMailFor(user);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60 * 1000); // one hour and a minute later
    expect((await open(link)).headers.get('location')).toMatch(/\/reset-password\?error=INVALID_TOKEN$/);
    const late = await call(h, '/api/auth/reset-password', { body: { token, newPassword: 'too-late-passphrase' } });
    expect(late.status).toBe(400);
    expect(late.json).toMatchObject({ error: { details: { authCode: 'INVALID_TOKEN' } } });
    vi.useRealTimers();
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it('keeps the token out of the database in the clear and out of the logs', { timeout: 30_000 }, async () => {
    const user = await signUp(h);
    logLines.length = 0;
    const { token } = await resetMailFor(user);
    const rows = await h.database.db.select().from(outbox).where(eq(outbox.userId, user.id));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row.payload)).not.toContain(token);
    const stored = await h.database.db.select({ identifier: verifications.identifier }).from(verifications);
    expect(stored.some((v) => v.identifier.includes(token))).toBe(false);
    expect(logLines.some((l) => l.includes('"topic":"email.password_reset"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(token);
  });
});

describe('address verification', () => {
  it('mails a link at sign-up (EN, both parts) that verifies the address; using it again changes nothing', { timeout: 30_000 }, async () => {
    const user = await signUp(h, { name: 'Vera Verify' });
    expect((await h.database.db.select({ v: users.emailVerified }).from(users).where(eq(users.id, user.id)))[0]!.v).toBe(false);
    await deliver(user);
    const mail = mailTo(user.email).find((m) => m.headers.get('x-bookline-topic') === 'email.verify_email');
    expect(mail, 'a verification email').toBeDefined();
    expect(mail!.subject).toBe('Confirm your email address for Bookline');
    expect(mail!.text).toContain(`Confirm that ${user.email} is your address`);
    const link = verifyLinkIn(mail!)!;
    expect(mail!.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);

    const opened = await open(link);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/verify-email?status=verified');
    expect((await h.database.db.select({ v: users.emailVerified }).from(users).where(eq(users.id, user.id)))[0]!.v).toBe(true);
    const audit = await h.database.db.select().from(accountAuditLog).where(and(eq(accountAuditLog.userId, user.id), eq(accountAuditLog.action, 'account.email_verified')));
    expect(audit).toHaveLength(1);
    // A signed token, not a stored one: a second use finds the address verified and records nothing new.
    expect((await open(link)).headers.get('location')).toBe('/verify-email?status=verified');
    expect(await h.database.db.select().from(accountAuditLog).where(and(eq(accountAuditLog.userId, user.id), eq(accountAuditLog.action, 'account.email_verified')))).toHaveLength(1);
    // The session says so too (the account page shows it).
    expect((await call(h, '/api/auth/get-session', { cookie: user.cookie })).json.user.emailVerified).toBe(true);
  });

  it('resends on request from the account (in Spanish when asked), and refuses an expired link', { timeout: 30_000 }, async () => {
    const user = await signUp(h, { name: 'Eva' });
    await deliver(user); // the sign-up's email
    const resent = await call(h, '/api/auth/send-verification-email', { body: { email: user.email }, cookie: `${user.cookie}; bookline-locale=es` });
    expect(resent.status).toBe(200);
    await deliver(user);
    const mails = mailTo(user.email).filter((m) => m.headers.get('x-bookline-topic') === 'email.verify_email');
    expect(mails).toHaveLength(2);
    const es = mails[1]!;
    expect(es.subject).toBe('Confirma tu dirección de correo en Bookline');
    expect(es.text).toContain('Hola, Eva:');
    expect(es.html).toContain('Confirmar mi dirección</a>');
    expect(await h.database.db.select().from(accountAuditLog).where(and(eq(accountAuditLog.userId, user.id), eq(accountAuditLog.action, 'account.verification_email_requested')))).toHaveLength(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000); // past the 24 hours a link works
    expect((await open(verifyLinkIn(es)!)).headers.get('location')).toBe('/verify-email?status=verified&error=TOKEN_EXPIRED');
    vi.useRealTimers();
    expect((await h.database.db.select({ v: users.emailVerified }).from(users).where(eq(users.id, user.id)))[0]!.v).toBe(false);
  });
});

describe('caught account mail (no SMTP)', () => {
  it('has no organization; its own user reads a caught verification email, nobody reads a reset email, no mail page lists either', { timeout: 30_000 }, async () => {
    const user = await signUp(h);
    const other = await signUp(h);
    const org = await createOrg(h, user);
    expect((await requestReset(user.email)).status).toBe(200);
    await deliver(user, catcher);
    await deliver(other, catcher);
    const caught = await h.database.db.select().from(mailMessages).where(eq(mailMessages.userId, user.id));
    expect(caught.map((m) => m.topic).sort()).toEqual(['email.password_reset', 'email.verify_email']);
    expect(caught.every((m) => m.organizationId === null)).toBe(true);

    const ctxOf = (u: TestUser) => ({ db: h.database.db, tenant: null, actor: { type: 'user' as const, userId: u.id, email: u.email, name: 'x', role: null }, now: new Date(), request: { ip: null, userAgent: null, requestId: 't' } });
    const own = await listOwnVerificationMail(ctxOf(user));
    expect(own).toHaveLength(1);
    expect(own[0]!.link).toMatch(/\/api\/auth\/verify-email\?token=/);
    expect((await listOwnVerificationMail(ctxOf(other))).every((m) => m.id !== own[0]!.id)).toBe(true);

    // Row-level security, not only the query: as the app role, scoped to the user, the reset email is not there.
    const visible = await withTenant(h.database.db, { userId: user.id, userEmail: user.email }, (tx) => tx.select({ topic: mailMessages.topic }).from(mailMessages).where(isNull(mailMessages.organizationId)));
    expect(visible.map((r) => r.topic)).toEqual(['email.verify_email']);
    const asOther = await withTenant(h.database.db, { userId: other.id, userEmail: other.email }, (tx) => tx.select({ userId: mailMessages.userId }).from(mailMessages).where(eq(mailMessages.userId, user.id)));
    expect(asOther).toEqual([]);

    // The organization's mail page: the owner's own account mail is not the organization's.
    const orgCtx = { ...ctxOf(user), tenant: { id: org.id, slug: org.slug, name: org.name }, actor: { ...ctxOf(user).actor, role: 'owner' as const } };
    const page = await listMail(orgCtx as never, { page: 1, pageSize: 50 });
    expect(page.data.filter((m) => m.topic.startsWith('email.password') || m.topic === 'email.verify_email')).toEqual([]);
  });

  it('drops an account’s pending mail with the account', async () => {
    const user = await signUp(h);
    expect((await requestReset(user.email)).status).toBe(200);
    expect(await h.database.db.select().from(outbox).where(eq(outbox.userId, user.id))).not.toHaveLength(0);
    await h.database.db.delete(users).where(eq(users.id, user.id));
    expect(await h.database.db.select().from(outbox).where(eq(outbox.userId, user.id))).toHaveLength(0);
  });
});

describe('sessions are cookies', () => {
  it('signing in after a reset gives a working session', async () => {
    const user = await signUp(h);
    const { token } = await resetMailFor(user);
    expect((await call(h, '/api/auth/reset-password', { body: { token, newPassword: 'fresh-passphrase-1' } })).status).toBe(200);
    const res = await signIn(user.email, 'fresh-passphrase-1');
    expect((await call(h, '/api/v1/me', { cookie: cookieFrom(res.headers) })).status).toBe(200);
  });
});

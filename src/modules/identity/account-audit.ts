/**
 * Account security log: one account_audit_log row per successful account-changing call to
 * Better Auth (sign-up, sign-in, sign-out, password, password reset and its request, address
 * verification and its request, profile, sessions, two-factor), and one
 * per failed sign-in, failed two-factor code, or sign-up attempt with an email that already
 * has an account. Organization audit rows cannot hold these: a
 * user is not in one organization, and audit_log.organization_id is NOT NULL under RLS.
 *
 * A Better Auth plugin rather than the `hooks.after` option: plugin hooks run after the
 * user's hooks and in plugin order, so listed after twoFactor this sees the final outcome of
 * a sign-in (a session, or a pending two-factor challenge whose session was withdrawn).
 */
import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Db } from '@/db/client';
import { accountAuditLog } from '@/db/schema';
import { newId } from '@/lib/ids';

type HookCtx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** Successful calls and the action they record. Paths not listed change nothing we log (reads) or are not enabled. */
export const accountAuditActions = {
  '/sign-up/email': 'account.signed_up',
  '/sign-in/email': 'account.signed_in',
  '/sign-out': 'account.signed_out',
  '/change-password': 'account.password_changed',
  '/update-user': 'account.updated',
  '/revoke-session': 'account.session_revoked',
  '/revoke-sessions': 'account.sessions_revoked',
  '/revoke-other-sessions': 'account.other_sessions_revoked',
  '/two-factor/enable': 'account.two_factor_setup_started',
  '/two-factor/disable': 'account.two_factor_disabled',
  '/two-factor/generate-backup-codes': 'account.backup_codes_regenerated',
  '/two-factor/verify-totp': 'account.two_factor_verified',
  '/two-factor/verify-backup-code': 'account.two_factor_verified',
  '/request-password-reset': 'account.password_reset_requested',
  '/reset-password': 'account.password_reset',
  '/send-verification-email': 'account.verification_email_requested',
} as const satisfies Record<string, string>;

type AuditedPath = keyof typeof accountAuditActions;
const isAudited = (path: string | undefined): path is AuditedPath => !!path && path in accountAuditActions;

/** Calls whose user is known only before the endpoint runs (sign-out ends the session; 2FA sign-in consumes the challenge). */
const identifyFirst = new Set<string>(['/sign-out', '/two-factor/verify-totp', '/two-factor/verify-backup-code', '/reset-password']);

interface Caller {
  userId: string;
  /** Signed in already (not finishing a sign-in with a second factor). */
  hasSession: boolean;
  twoFactorEnabled: boolean;
}

// Keyed by the call's request headers: the same object reaches the before and after hooks.
const callers = new WeakMap<Headers, Caller | null>();

async function identifyCaller(ctx: HookCtx): Promise<Caller | null> {
  if (ctx.path === '/reset-password') {
    // The token names the user; the endpoint consumes it, so look before it runs.
    const body = (ctx.body ?? {}) as { token?: unknown };
    const token = typeof body.token === 'string' ? body.token : typeof ctx.query?.token === 'string' ? ctx.query.token : null;
    if (!token || token.length > 256) return null;
    const found = await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`);
    return found ? { userId: found.value, hasSession: false, twoFactorEnabled: false } : null;
  }
  const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
  if (token) {
    const found = await ctx.context.internalAdapter.findSession(token);
    if (found && new Date(found.session.expiresAt) > new Date()) {
      const user = found.user as typeof found.user & { twoFactorEnabled?: boolean | null };
      return { userId: user.id, hasSession: true, twoFactorEnabled: !!user.twoFactorEnabled };
    }
  }
  // A sign-in waiting for its second factor: the challenge cookie names a verification row
  // whose value is the user id.
  const challenge = await ctx.getSignedCookie(ctx.context.createAuthCookie('two_factor').name, ctx.context.secret);
  if (!challenge) return null;
  const pending = await ctx.context.internalAdapter.findVerificationValue(challenge);
  return pending ? { userId: pending.value, hasSession: false, twoFactorEnabled: true } : null;
}

interface Entry {
  userId: string | null;
  action: string;
  details?: Record<string, unknown>;
}

/** The row this call should write, or null when it changed nothing worth recording. */
async function entryFor(ctx: HookCtx, path: AuditedPath): Promise<Entry | null> {
  const returned = ctx.context.returned;
  const failed = isAPIError(returned) || returned instanceof Response && returned.status >= 400;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const caller = ctx.headers ? callers.get(ctx.headers) : undefined;
  const sessionUserId = ctx.context.newSession?.user.id ?? ctx.context.session?.user.id ?? null;

  if (path === '/sign-in/email') {
    if (typeof body.email !== 'string') return null;
    const email = body.email.trim().toLowerCase().slice(0, 254);
    if (!failed && ctx.context.newSession) return { userId: ctx.context.newSession.user.id, action: 'account.signed_in', details: { method: 'password' } };
    const user = await ctx.context.internalAdapter.findUserByEmail(email);
    if (!failed) return { userId: user?.user.id ?? null, action: 'account.sign_in_challenged', details: { method: 'password' } };
    // An unknown email keeps the address it tried (credential stuffing shows up here); a
    // known one is linked to its user instead.
    return { userId: user?.user.id ?? null, action: 'account.sign_in_failed', details: user ? { method: 'password' } : { method: 'password', email } };
  }

  if (path === '/two-factor/verify-totp' || path === '/two-factor/verify-backup-code') {
    const method = path === '/two-factor/verify-totp' ? 'totp' : 'backup_code';
    if (!caller) return null; // no session and no challenge: nothing was at stake
    if (failed) return { userId: caller.userId, action: 'account.two_factor_failed', details: { method } };
    if (!caller.hasSession) return { userId: caller.userId, action: 'account.signed_in', details: { method } };
    return { userId: caller.userId, action: caller.twoFactorEnabled ? 'account.two_factor_verified' : 'account.two_factor_enabled', details: { method } };
  }

  if (failed) return null;
  if (path === '/sign-out' || path === '/reset-password') return caller ? { userId: caller.userId, action: accountAuditActions[path] } : null;
  if (path === '/request-password-reset' || path === '/send-verification-email') {
    // The same answer for every address; the log says whose it was. An unknown address asking
    // for a reset keeps the address it tried, as a failed sign-in does.
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
    const user = sessionUserId ? { user: { id: sessionUserId } } : email ? await ctx.context.internalAdapter.findUserByEmail(email) : null;
    if (user) return { userId: user.user.id, action: accountAuditActions[path] };
    return path === '/request-password-reset' && email ? { userId: null, action: accountAuditActions[path], details: { email } } : null;
  }
  if (path === '/sign-up/email') {
    const user = (returned as { user?: { id?: string } } | null)?.user;
    if (user?.id && (await ctx.context.internalAdapter.findUserById(user.id))) return { userId: user.id, action: accountAuditActions[path] };
    // An email that already has an account gets the same answer as a new one, with a user that
    // was never stored (no enumeration; see auth.ts). Its owner sees the attempt in their log.
    const existing = typeof body.email === 'string' ? await ctx.context.internalAdapter.findUserByEmail(body.email.trim().toLowerCase()) : null;
    return existing ? { userId: existing.user.id, action: 'account.sign_up_existing_email' } : null;
  }
  if (path === '/update-user') {
    return { userId: sessionUserId, action: accountAuditActions[path], details: { fields: Object.keys(body).filter((k) => k !== 'password').slice(0, 20) } };
  }
  return sessionUserId ? { userId: sessionUserId, action: accountAuditActions[path] } : null;
}

/** One account event written outside the plugin's hooks (Better Auth callbacks: an address verified). */
export async function recordAccountEvent(db: Db, ipHeader: string, headers: Headers | undefined, entry: Entry): Promise<void> {
  const header = (name: string) => headers?.get(name) ?? null;
  await db.insert(accountAuditLog).values({
    id: newId('accountAudit'),
    userId: entry.userId,
    action: entry.action,
    ip: header(ipHeader),
    userAgent: header('user-agent')?.slice(0, 512) ?? null,
    requestId: header('x-request-id')?.slice(0, 128) ?? null,
    details: entry.details ?? null,
  });
}

/** `ipHeader`: the header the API fills with the caller's address (never the client's own value). */
export function accountAudit({ db, ipHeader }: { db: Db; ipHeader: string }): BetterAuthPlugin {
  return {
    id: 'bookline-account-audit',
    hooks: {
      before: [
        {
          matcher: (ctx) => identifyFirst.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.headers) callers.set(ctx.headers, await identifyCaller(ctx));
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => isAudited(ctx.path),
          handler: createAuthMiddleware(async (ctx) => {
            if (!isAudited(ctx.path)) return;
            const entry = await entryFor(ctx, ctx.path);
            if (!entry) return;
            await recordAccountEvent(db, ipHeader, ctx.headers, entry);
          }),
        },
      ],
    },
  };
}

/**
 * Better Auth's HTTP endpoints, classified. The app mounts them as one Hono route
 * (`/api/auth/*`), so the sweeps enumerate them from the auth instance itself and fail on any
 * POST endpoint missing here (a new plugin's endpoints must be classified before they ship).
 *
 * audited: changes the account; each successful call (and each failed sign-in or second
 * factor) writes exactly one account_audit_log row. read: answers without changing anything.
 * disabled: not enabled in this configuration (no social providers, no email change, no
 * account deletion); must keep failing and writing nothing, or be moved to audited.
 */
import { cookieFrom, signUp, type TestUser, uniq } from './factories';
import type { Harness } from './harness';
import { send } from './sweep-client';
import { secretOfUri, totp } from './totp';

export interface AuthExample {
  label: string;
  path: string;
  body: unknown;
  cookie?: string;
  status: number;
  audit: { action: string; userId: string | null; details?: Record<string, unknown> };
}

export type AuthRoute =
  | { kind: 'audited'; examples: (h: Harness) => Promise<AuthExample[]> }
  | { kind: 'read' }
  | { kind: 'disabled'; body?: Record<string, unknown> };

async function signIn(h: Harness, user: TestUser) {
  const res = await send(h, { path: '/api/auth/sign-in/email', body: { email: user.email, password: user.password } });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${res.text}`);
  return { cookie: cookieFrom(res.headers), json: res.json };
}

/** A user with TOTP enrolled and verified; returns the secret and backup codes. */
async function withTwoFactor(h: Harness) {
  const user = await signUp(h);
  const enabled = await send(h, { path: '/api/auth/two-factor/enable', body: { password: user.password }, cookie: user.cookie });
  if (enabled.status !== 200) throw new Error(`2fa enable: ${enabled.status} ${enabled.text}`);
  const secret = secretOfUri(enabled.json.totpURI);
  const verified = await send(h, { path: '/api/auth/two-factor/verify-totp', body: { code: totp(secret) }, cookie: user.cookie });
  if (verified.status !== 200) throw new Error(`2fa verify: ${verified.status} ${verified.text}`);
  return { user: { ...user, cookie: cookieFrom(verified.headers) }, secret, backupCodes: enabled.json.backupCodes as string[] };
}

/** Signs in a 2FA user up to the challenge: the cookie that carries it. */
async function challenge(h: Harness, user: TestUser) {
  const res = await send(h, { path: '/api/auth/sign-in/email', body: { email: user.email, password: user.password } });
  if (res.status !== 200 || !res.json?.twoFactorRedirect) throw new Error(`challenge: ${res.status} ${res.text}`);
  return cookieFrom(res.headers);
}

export const authRouteTable: Record<string, AuthRoute> = {
  '/sign-up/email': {
    kind: 'audited',
    examples: async (h) => {
      const email = `${uniq('signup')}@example.test`;
      const existing = await signUp(h);
      return [
        { label: 'sign-up', path: '/api/auth/sign-up/email', body: { email, name: 'New Person', password: 'correct-horse-battery' }, status: 200, audit: { action: 'account.signed_up', userId: '(created)' } },
        // Answered like a new sign-up (no enumeration); the owner's log records the attempt.
        {
          label: 'sign-up with an existing email',
          path: '/api/auth/sign-up/email',
          body: { email: existing.email, name: 'Someone Else', password: 'another-horse-battery' },
          status: 200,
          audit: { action: 'account.sign_up_existing_email', userId: existing.id },
        },
      ];
    },
  },
  '/sign-in/email': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      const { user: mfa } = await withTwoFactor(h);
      const unknown = `${uniq('nobody')}@example.test`;
      return [
        { label: 'sign-in', path: '/api/auth/sign-in/email', body: { email: user.email, password: user.password }, status: 200, audit: { action: 'account.signed_in', userId: user.id, details: { method: 'password' } } },
        { label: 'wrong password', path: '/api/auth/sign-in/email', body: { email: user.email, password: 'not-the-password' }, status: 401, audit: { action: 'account.sign_in_failed', userId: user.id, details: { method: 'password' } } },
        { label: 'unknown email', path: '/api/auth/sign-in/email', body: { email: unknown, password: 'whatever-it-is' }, status: 401, audit: { action: 'account.sign_in_failed', userId: null, details: { method: 'password', email: unknown } } },
        { label: 'password of a 2FA user', path: '/api/auth/sign-in/email', body: { email: mfa.email, password: mfa.password }, status: 200, audit: { action: 'account.sign_in_challenged', userId: mfa.id, details: { method: 'password' } } },
      ];
    },
  },
  '/sign-out': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      return [{ label: 'sign-out', path: '/api/auth/sign-out', body: {}, cookie: user.cookie, status: 200, audit: { action: 'account.signed_out', userId: user.id } }];
    },
  },
  '/change-password': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      return [
        {
          label: 'change password',
          path: '/api/auth/change-password',
          body: { currentPassword: user.password, newPassword: 'another-horse-battery', revokeOtherSessions: true },
          cookie: user.cookie,
          status: 200,
          audit: { action: 'account.password_changed', userId: user.id },
        },
      ];
    },
  },
  '/update-user': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      return [{ label: 'rename', path: '/api/auth/update-user', body: { name: 'Renamed Person' }, cookie: user.cookie, status: 200, audit: { action: 'account.updated', userId: user.id, details: { fields: ['name'] } } }];
    },
  },
  '/revoke-session': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      const second = await signIn(h, user);
      return [{ label: 'revoke one session', path: '/api/auth/revoke-session', body: { token: second.json.token }, cookie: user.cookie, status: 200, audit: { action: 'account.session_revoked', userId: user.id } }];
    },
  },
  '/revoke-sessions': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      return [{ label: 'revoke all sessions', path: '/api/auth/revoke-sessions', body: {}, cookie: user.cookie, status: 200, audit: { action: 'account.sessions_revoked', userId: user.id } }];
    },
  },
  '/revoke-other-sessions': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      await signIn(h, user);
      return [{ label: 'revoke other sessions', path: '/api/auth/revoke-other-sessions', body: {}, cookie: user.cookie, status: 200, audit: { action: 'account.other_sessions_revoked', userId: user.id } }];
    },
  },
  '/two-factor/enable': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      return [{ label: 'start 2FA setup', path: '/api/auth/two-factor/enable', body: { password: user.password }, cookie: user.cookie, status: 200, audit: { action: 'account.two_factor_setup_started', userId: user.id } }];
    },
  },
  '/two-factor/verify-totp': {
    kind: 'audited',
    examples: async (h) => {
      const enrolling = await signUp(h);
      const enabled = await send(h, { path: '/api/auth/two-factor/enable', body: { password: enrolling.password }, cookie: enrolling.cookie });
      const enrolSecret = secretOfUri(enabled.json.totpURI);
      const signingIn = await withTwoFactor(h);
      const failing = await withTwoFactor(h);
      const failingCookie = await challenge(h, failing.user);
      const code = totp(failing.secret);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      return [
        { label: 'enrol', path: '/api/auth/two-factor/verify-totp', body: { code: totp(enrolSecret) }, cookie: enrolling.cookie, status: 200, audit: { action: 'account.two_factor_enabled', userId: enrolling.id, details: { method: 'totp' } } },
        {
          label: 'second factor of a sign-in',
          path: '/api/auth/two-factor/verify-totp',
          body: { code: totp(signingIn.secret) },
          cookie: await challenge(h, signingIn.user),
          status: 200,
          audit: { action: 'account.signed_in', userId: signingIn.user.id, details: { method: 'totp' } },
        },
        { label: 'wrong code', path: '/api/auth/two-factor/verify-totp', body: { code: wrong }, cookie: failingCookie, status: 401, audit: { action: 'account.two_factor_failed', userId: failing.user.id, details: { method: 'totp' } } },
      ];
    },
  },
  '/two-factor/verify-backup-code': {
    kind: 'audited',
    examples: async (h) => {
      const { user, backupCodes } = await withTwoFactor(h);
      return [
        {
          label: 'backup code at sign-in',
          path: '/api/auth/two-factor/verify-backup-code',
          body: { code: backupCodes[0] },
          cookie: await challenge(h, user),
          status: 200,
          audit: { action: 'account.signed_in', userId: user.id, details: { method: 'backup_code' } },
        },
      ];
    },
  },
  '/two-factor/generate-backup-codes': {
    kind: 'audited',
    examples: async (h) => {
      const { user } = await withTwoFactor(h);
      return [{ label: 'new backup codes', path: '/api/auth/two-factor/generate-backup-codes', body: { password: user.password }, cookie: user.cookie, status: 200, audit: { action: 'account.backup_codes_regenerated', userId: user.id } }];
    },
  },
  '/two-factor/disable': {
    kind: 'audited',
    examples: async (h) => {
      const { user } = await withTwoFactor(h);
      return [{ label: 'turn 2FA off', path: '/api/auth/two-factor/disable', body: { password: user.password }, cookie: user.cookie, status: 200, audit: { action: 'account.two_factor_disabled', userId: user.id } }];
    },
  },

  '/get-session': { kind: 'read' },
  '/verify-password': { kind: 'read' },
  '/two-factor/get-totp-uri': { kind: 'read' },

  '/sign-in/social': { kind: 'disabled', body: { provider: 'github' } },
  // OAuth callback: with no provider configured it redirects to the error page, changing nothing.
  '/callback/:id': { kind: 'read' },
  // Sessions carry no additional fields here, so there is nothing it could update.
  '/update-session': { kind: 'disabled', body: {} },
  // Account mail (#12.3): the request answers every address alike; the log says whose it was.
  '/request-password-reset': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      const unknown = `${uniq('nobody')}@example.test`;
      return [
        { label: 'known address', path: '/api/auth/request-password-reset', body: { email: user.email }, status: 200, audit: { action: 'account.password_reset_requested', userId: user.id } },
        { label: 'unknown address', path: '/api/auth/request-password-reset', body: { email: unknown }, status: 200, audit: { action: 'account.password_reset_requested', userId: null, details: { email: unknown } } },
      ];
    },
  },
  '/reset-password': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      // A token as Better Auth issues one (stored the way the configuration says: hashed).
      const token = uniq('reset').replace(/[^A-Za-z0-9]/g, '').padEnd(24, 'x');
      const context = await h.auth.$context;
      await context.internalAdapter.createVerificationValue({ value: user.id, identifier: `reset-password:${token}`, expiresAt: new Date(Date.now() + 60 * 60 * 1000) });
      return [{ label: 'reset with a valid token', path: '/api/auth/reset-password', body: { token, newPassword: 'another-horse-battery' }, status: 200, audit: { action: 'account.password_reset', userId: user.id } }];
    },
  },
  '/send-verification-email': {
    kind: 'audited',
    examples: async (h) => {
      const user = await signUp(h);
      return [{ label: 'resend from the account', path: '/api/auth/send-verification-email', body: { email: user.email }, cookie: user.cookie, status: 200, audit: { action: 'account.verification_email_requested', userId: user.id } }];
    },
  },
  '/change-email': { kind: 'disabled', body: { newEmail: 'changed@example.test' } },
  '/delete-user': { kind: 'disabled', body: {} },
  '/link-social': { kind: 'disabled', body: { provider: 'github' } },
  '/unlink-account': { kind: 'disabled', body: { providerId: 'credential' } },
  '/refresh-token': { kind: 'disabled', body: { providerId: 'github' } },
  '/get-access-token': { kind: 'disabled', body: { providerId: 'github' } },
  '/two-factor/send-otp': { kind: 'disabled', body: {} },
  '/two-factor/verify-otp': { kind: 'disabled', body: { code: '123456' } },
};

/** Better Auth endpoints reachable over HTTP with POST (server-only ones have no path). */
export function authPostPaths(h: Harness): string[] {
  const paths = new Set<string>();
  for (const endpoint of Object.values(h.auth.api as Record<string, { path?: string; options?: { method?: string | string[] } }>)) {
    const methods = [endpoint?.options?.method ?? []].flat();
    if (endpoint?.path && methods.includes('POST')) paths.add(endpoint.path);
  }
  return [...paths].sort();
}

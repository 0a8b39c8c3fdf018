/**
 * Better Auth: email+password, cookie sessions, TOTP two-factor. Organizations, members and
 * invitations are Bookline's own (modules/organizations) so they get audit rows and RLS;
 * see docs/decisions/0002-tenancy-outside-better-auth.md.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins';
import type { Db } from '@/db/client';
import { accounts, sessions, twoFactors, users, verifications } from '@/db/schema';
import { type IdKind, newId } from '@/lib/ids';
import { logger } from '@/lib/logger';
import { MARKUP_MESSAGE, plainText, VISIBLE_MESSAGE } from '@/lib/text';
import { accountAudit, recordAccountEvent } from './account-audit';
import { answerFloor } from './answer-floor';
import { SessionCache, sessionCookie } from './session-cache';
import { ACTIVITY_WRITE_INTERVAL_MS, readSessionStanding, sessionIdleError } from './session-idle';
import { type AccountMailSettings, accountMailSenders, DEFAULT_ACCOUNT_MAIL } from './account-mail-hooks';

export interface AuthConfig {
  db: Db;
  baseURL: string;
  secret: string;
  production: boolean;
  /** Origins Better Auth trusts (requests and callback URLs); default: baseURL's. The API's
   * CSRF guard gets the same list (env's `origins`), so the two checks agree. */
  trustedOrigins?: string[];
  /** Run Better Auth's origin check under NODE_ENV=test too (it is on elsewhere). */
  forceOriginCheck?: boolean;
  /** Sign-ins per minute per address in Better Auth's burst guard (production); default 20. */
  burstPerMinute?: number;
  /** How long reset and verification links work (tests shorten them). */
  accountMail?: Partial<AccountMailSettings>;
}

const modelIdKinds: Record<string, IdKind> = {
  user: 'user',
  session: 'session',
  account: 'account',
  verification: 'verification',
  twoFactor: 'twoFactor',
};

/**
 * The API puts the connection's address in this header before handing a request to Better
 * Auth (and drops any value a client sent). Without it Better Auth cannot tell clients apart
 * and rate-limits every user from one shared bucket per path.
 */
export const CLIENT_IP_HEADER = 'x-bookline-client-ip';

const MAX_NAME = 100;
const MAX_EMAIL = 254;
const nameSchema = plainText(MAX_NAME).min(1);

/**
 * Better Auth validates types but not lengths or content: a 100,000-character name, or one
 * carrying markup, would be stored. The name follows the same plain-text rule as every other
 * person's name (lib/text.ts).
 */
const boundUserFields = createAuthMiddleware(async (ctx) => {
  if (!['/sign-up/email', '/update-user', '/sign-in/email'].includes(ctx.path)) return;
  const body = (ctx.body ?? {}) as { name?: unknown; email?: unknown };
  if (typeof body.email === 'string' && body.email.length > MAX_EMAIL) {
    throw new APIError('BAD_REQUEST', { message: `Email must be at most ${MAX_EMAIL} characters.`, code: 'EMAIL_TOO_LONG' });
  }
  if (typeof body.name === 'string') {
    const name = body.name.trim();
    if (name.length === 0 || name.length > MAX_NAME) {
      throw new APIError('BAD_REQUEST', { message: `Name must be 1 to ${MAX_NAME} characters.`, code: 'INVALID_NAME' });
    }
    const parsed = nameSchema.safeParse(name);
    if (!parsed.success) {
      const issue = (message: string) => parsed.error.issues.some((i) => i.message === message);
      if (issue(MARKUP_MESSAGE)) throw new APIError('BAD_REQUEST', { message: 'Name must not contain HTML markup.', code: 'NAME_HAS_MARKUP' });
      throw new APIError('BAD_REQUEST', {
        message: issue(VISIBLE_MESSAGE) ? 'Name must contain a visible letter, number or symbol.' : 'Name must be a single line without control characters.',
        code: 'INVALID_NAME',
      });
    }
  }
});

export function createAuth({ db, baseURL, secret, production, trustedOrigins, forceOriginCheck, burstPerMinute = 20, accountMail }: AuthConfig) {
  const half = Math.max(1, Math.floor(burstPerMinute / 2));
  // Requests that send an email: a quarter of the sign-in burst (5 a minute by default).
  const mailing = Math.max(1, Math.floor(burstPerMinute / 4));
  const log = logger().child({ component: 'auth' });
  const mailSettings = { ...DEFAULT_ACCOUNT_MAIL, ...accountMail };
  const senders = accountMailSenders(db, baseURL, secret, mailSettings);
  const sessionCache = new SessionCache();
  const auth = betterAuth({
    appName: 'Bookline',
    baseURL,
    basePath: '/api/auth',
    secret,
    trustedOrigins: trustedOrigins ?? [new URL(baseURL).origin],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, twoFactor: twoFactors },
    }),
    // No sign-in by sign-up: with autoSignIn off, Better Auth answers a sign-up for an email
    // that already has an account exactly as a new one (200, `{ token: null, user }` with an
    // unsaved user, no cookie, the password hashed either way for equal timing) instead of 422
    // USER_ALREADY_EXISTS, so sign-up cannot be used to find out who has an account. Clients
    // sign in after signing up (the sign-up page does it for the user).
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: false,
      // Sign-in does not wait for a verified address (demo accounts and tests sign in unverified);
      // verification lifts the catalog limits of unverified organizations (catalog-limits.ts).
      requireEmailVerification: false,
      // Reset mail goes through our outbox (docs/decisions/0009-account-mail.md). Better Auth
      // answers a known and an unknown address alike (200, the same body); the answer floor
      // (answer-floor.ts) hides the known path's extra writes.
      sendResetPassword: senders.sendResetPassword,
      resetPasswordTokenExpiresIn: mailSettings.resetPasswordSeconds,
      // Whoever had the old password (or a stolen session) is out once it is reset.
      revokeSessionsOnPasswordReset: true,
    },
    emailVerification: {
      sendVerificationEmail: senders.sendVerificationEmail,
      sendOnSignUp: true,
      sendOnSignIn: false,
      autoSignInAfterVerification: false,
      expiresIn: mailSettings.verifyEmailSeconds,
      afterEmailVerification: async (user, request) => {
        await recordAccountEvent(db, CLIENT_IP_HEADER, request?.headers, { userId: user.id, action: 'account.email_verified' });
      },
    },
    // Reset tokens are stored as their SHA-256 (the verification table then holds nothing that
    // works as a link); lookups hash the token the same way. Other identifiers (two-factor
    // challenges) stay as they are.
    verification: { storeIdentifier: { default: 'plain', overrides: { 'reset-password:': 'hashed' } } },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // The account audit comes last: it records the outcome the other plugins settled on.
    // The answer floor last: it holds reset-request answers to one duration, audit included.
    plugins: [twoFactor({ issuer: 'Bookline' }), accountAudit({ db, ipHeader: CLIENT_IP_HEADER }), answerFloor()],
    telemetry: { enabled: false },
    hooks: { before: boundUserFields },
    // The session cache (session-cache.ts) forgets a session as it is deleted, and a user's
    // sessions when the user changes: before (no lookup in between can store it again
    // from the row about to go) and after (one that started before is forgotten too).
    databaseHooks: {
      session: {
        delete: {
          before: async (session) => sessionCache.forgetToken(session.token),
          after: async (session) => sessionCache.forgetToken(session.token),
        },
      },
      user: {
        update: {
          // The changes alone, usually without the id: forget every session (user updates are rare).
          before: async (user) => (typeof user.id === 'string' ? sessionCache.forgetUser(user.id) : sessionCache.clear()),
          after: async (user) => sessionCache.forgetUser(user.id),
        },
        delete: {
          before: async (user) => sessionCache.forgetUser(user.id),
          after: async (user) => sessionCache.forgetUser(user.id),
        },
      },
    },
    // In memory and per instance (Better Auth's own limiter, on in production only): a first
    // guard per client address; the shared, failure-counting limits are the security issue's.
    rateLimit: {
      enabled: production,
      window: 60,
      max: Math.max(100, burstPerMinute * 5),
      customRules: {
        '/sign-in/email': { window: 60, max: burstPerMinute },
        '/sign-up/email': { window: 60, max: half },
        '/two-factor/verify-totp': { window: 60, max: half },
        '/two-factor/verify-backup-code': { window: 60, max: half },
        // Account mail (#12.3): asking for a link sends an email; using one tries a token.
        '/request-password-reset': { window: 60, max: mailing },
        '/send-verification-email': { window: 60, max: mailing },
        '/reset-password': { window: 60, max: half },
        '/reset-password/*': { window: 60, max: half },
        '/verify-email': { window: 60, max: half },
      },
    },
    advanced: {
      // Better Auth skips its own origin check under NODE_ENV=test (ours runs everywhere); a
      // test of the two checks' agreement turns it on.
      ...(forceOriginCheck ? { disableOriginCheck: false } : {}),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      cookiePrefix: 'bookline',
      useSecureCookies: baseURL.startsWith('https://'),
      database: {
        generateId: ({ model }) => newId(modelIdKinds[model] ?? 'verification'),
      },
    },
    logger: {
      level: production ? 'warn' : 'error',
      // Errors under `err`, so the logger's serializer drops a failed statement's parameters.
      log: (level, message, ...args) => log[level]({ err: args.find((a) => a instanceof Error), args: args.filter((a) => !(a instanceof Error)) }, message),
    },
  });
  sessionCaches.set(auth, sessionCache);
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  twoFactorEnabled: boolean;
  /** Confirmed through a verification email (Better Auth's emailVerified). */
  emailVerified: boolean;
}

/**
 * The signed-in user for these request headers, or null. With `activity` (our API and pages), the
 * staff idle timeout applies (session-idle.ts): an idle session is deleted and this throws 401
 * `details.reason: 'session_idle'`; an active one has its activity recorded.
 */
export async function getSessionUser(auth: Auth, headers: Headers, activity?: { db: Db; now: Date }): Promise<SessionUser | null> {
  const cache = activity ? sessionCaches.get(auth) : undefined;
  const cookie = cache ? sessionCookie(headers.get('cookie'), (await auth.$context).authCookies.sessionToken.name) : null;
  if (cache && cookie && activity) {
    const hit = cache.get(cookie.token, cookie.cookie);
    const now = activity.now.getTime();
    // A hit answers only while nothing is due: not expired, not idle, no activity write owed.
    if (
      hit &&
      hit.expiresAt > now &&
      now - hit.lastActiveAt < ACTIVITY_WRITE_INTERVAL_MS &&
      (hit.idleTimeoutMinutes === null || now - hit.lastActiveAt <= hit.idleTimeoutMinutes * 60_000)
    ) {
      return hit.user;
    }
  }
  const session = await auth.api.getSession({ headers });
  if (!session) {
    if (cookie) cache?.forgetToken(cookie.token);
    return null;
  }
  const u = session.user as typeof session.user & { twoFactorEnabled?: boolean | null };
  const user = { id: u.id, email: u.email, name: u.name, twoFactorEnabled: !!u.twoFactorEnabled, emailVerified: !!u.emailVerified };
  if (activity) {
    const standing = await readSessionStanding(activity.db, session.session.id, activity.now);
    if (standing?.idle) {
      cache?.forgetToken(session.session.token);
      throw sessionIdleError(standing.idle);
    }
    if (cache && cookie && standing && cookie.token === session.session.token) {
      cache.set(cookie.token, {
        cookie: cookie.cookie,
        sessionId: session.session.id,
        user,
        expiresAt: new Date(session.session.expiresAt).getTime(),
        lastActiveAt: standing.lastActiveAt.getTime(),
        idleTimeoutMinutes: standing.timeoutMinutes,
      });
    }
  }
  return user;
}

/** Each auth instance's session cache (tests run several instances in one process). */
const sessionCaches = new WeakMap<object, SessionCache>();

/**
 * Forgets a user's cached sessions in this process. Changes made through Better Auth do it by
 * themselves (its database hooks); a write to the user table from outside it calls this.
 */
export function forgetCachedSessions(auth: Auth, userId: string): void {
  sessionCaches.get(auth)?.forgetUser(userId);
}

const GLOBAL_KEY = Symbol.for('bookline.auth');
type GlobalWithAuth = typeof globalThis & { [GLOBAL_KEY]?: Auth };

export function setAuth(auth: Auth): void {
  (globalThis as GlobalWithAuth)[GLOBAL_KEY] = auth;
}

/** The process-wide auth instance registered at boot (or null when none was registered). */
export function findAuth(): Auth | null {
  return (globalThis as GlobalWithAuth)[GLOBAL_KEY] ?? null;
}

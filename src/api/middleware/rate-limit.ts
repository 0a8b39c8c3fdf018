/**
 * Rate limits (rate-limiter-flexible), counted in Redis when REDIS_URL is set, in PostgreSQL
 * when DATABASE_URL is set (both shared by every app instance), in process memory on the
 * embedded database. Each limit is declared where its route is: the whole API's (`apiLimit`,
 * first), a route's own (`'x-rate-limit'` on its declaration, `routeLimits`), and Better Auth's
 * endpoints' (`authLimits`, by endpoint, where its handler is mounted):
 *
 * - every /api request except health and ready: `api` per client address per minute, its
 *   points leased from the shared store a few at a time (rate-limit-lease.ts);
 * - guest booking creation: per address per hour and per (organization, customer email) per
 *   day. Attempts that create nothing (4xx, idempotent replays) are given back;
 * - sign-in: failures (401) in 15 minutes, counted before Better Auth runs (so parallel
 *   guesses cannot overshoot) and given back unless the attempt failed:
 *   - per (email, address): the hard block. Guessing one account's password from one place
 *     stops there, right password or not; a success clears it;
 *   - per address, whatever the email: a hard block for credential stuffing from one place;
 *   - per email, from all addresses: never a block (anyone could then lock the owner out by
 *     failing on purpose, and keep them out with a request every few minutes). Past the
 *     limit, an address must solve a proof-of-work challenge (sign-in-challenge.ts) with each
 *     attempt: a distributed guesser pays for every guess, the owner's browser solves one in
 *     a second or two.
 *   An address that signed in to the account before (the account log, 90 days) is known: it is
 *   never challenged, nor blocked per address, for failures made elsewhere; only its own
 *   failures for that account (the per-(email, address) block) count against it;
 * - sign-up per address per hour; password-reset paths per address and per email per hour;
 * - two-factor code checks: failures per address in 15 minutes (Better Auth adds its own
 *   per-challenge cap and per-account lockout in the database).
 *
 * Keys: the client address from request-context (IPv6 grouped by /64; "unknown" for requests
 * without a socket, so in-process callers share one bucket), emails and organizations hashed
 * (no personal data in Redis or the table, and bounded key length).
 *
 * When the shared store fails, each limiter falls back to its in-memory insurance limiter:
 * limits keep holding per instance, requests are never refused or 5xx'd for the store's sake.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { socketResponse } from '@/api/answer-headers';
import { errorBody } from '@/api/errors';
import { LeasedLimiter, type Limiter } from '@/api/middleware/rate-limit-lease';
import { CHALLENGE_HEADER, CHALLENGE_TTL_SECONDS, type ChallengeKeys, checkChallenge, newChallenge } from '@/api/middleware/sign-in-challenge';
import type { ApiEnv } from '@/api/types';
import { rateLimitSubject } from '@/lib/client-address';
import type { Env } from '@/lib/env';
import { MAX_BODY_BYTES, payloadTooLarge } from '@/lib/errors';
import type { Logger } from '@/lib/logger';

export interface RateLimitSettings {
  apiPerMinute: number;
  bookingsPerIpPerHour: number;
  bookingsPerEmailPerDay: number;
  signInFailuresPer15Min: number;
  /** Failures per email from all addresses before new addresses must solve a challenge. */
  signInAccountFailuresPer15Min: number;
  /** Proof-of-work size once an email is past its failures: the challenge's counter is drawn below it. */
  signInChallengeWork: number;
  signUpPerIpPerHour: number;
  passwordResetPerHour: number;
  twoFactorFailuresPer15Min: number;
}

export function rateLimitSettingsFromEnv(e: Env): RateLimitSettings {
  return {
    apiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
    bookingsPerIpPerHour: e.RATE_LIMIT_BOOKINGS_PER_IP_PER_HOUR,
    bookingsPerEmailPerDay: e.RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_DAY,
    signInFailuresPer15Min: e.RATE_LIMIT_SIGN_IN_FAILURES_PER_15_MIN,
    signInAccountFailuresPer15Min: e.RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES_PER_15_MIN,
    signInChallengeWork: e.RATE_LIMIT_SIGN_IN_CHALLENGE_WORK,
    signUpPerIpPerHour: e.RATE_LIMIT_SIGN_UP_PER_IP_PER_HOUR,
    passwordResetPerHour: e.RATE_LIMIT_PASSWORD_RESET_PER_HOUR,
    twoFactorFailuresPer15Min: e.RATE_LIMIT_TWO_FACTOR_FAILURES_PER_15_MIN,
  };
}

export type RateLimitStore = { kind: 'memory' } | { kind: 'redis'; client: Redis } | { kind: 'postgres'; pool: pg.Pool };

const MINUTE = 60;
const HOUR = 60 * MINUTE;

const rules = {
  api: { duration: MINUTE, points: (s: RateLimitSettings) => s.apiPerMinute },
  bookingIp: { duration: HOUR, points: (s: RateLimitSettings) => s.bookingsPerIpPerHour },
  bookingEmail: { duration: 24 * HOUR, points: (s: RateLimitSettings) => s.bookingsPerEmailPerDay },
  // A shop's orders hold stock like bookings hold time: the same settings, their own counters.
  checkoutIp: { duration: HOUR, points: (s: RateLimitSettings) => s.bookingsPerIpPerHour },
  checkoutEmail: { duration: 24 * HOUR, points: (s: RateLimitSettings) => s.bookingsPerEmailPerDay },
  signInPair: { duration: 15 * MINUTE, points: (s: RateLimitSettings) => s.signInFailuresPer15Min },
  signInEmail: { duration: 15 * MINUTE, points: (s: RateLimitSettings) => s.signInAccountFailuresPer15Min },
  signInIp: { duration: 15 * MINUTE, points: (s: RateLimitSettings) => s.signInFailuresPer15Min },
  // Solved challenges, each accepted once while it is valid.
  signInChallengeUsed: { duration: CHALLENGE_TTL_SECONDS, points: () => 1 },
  // Solved public-form challenges (public-challenge.ts), the same way: once while valid.
  publicChallengeUsed: { duration: CHALLENGE_TTL_SECONDS, points: () => 1 },
  signUpIp: { duration: HOUR, points: (s: RateLimitSettings) => s.signUpPerIpPerHour },
  passwordResetIp: { duration: HOUR, points: (s: RateLimitSettings) => s.passwordResetPerHour },
  passwordResetEmail: { duration: HOUR, points: (s: RateLimitSettings) => s.passwordResetPerHour },
  twoFactorIp: { duration: 15 * MINUTE, points: (s: RateLimitSettings) => s.twoFactorFailuresPer15Min },
} as const;

export type RateLimitRule = keyof typeof rules;

/** The one table every PostgreSQL-backed limiter shares (keys carry the rule's prefix). */
export const RATE_LIMIT_TABLE = 'rate_limits';

export interface RateLimits {
  readonly store: RateLimitStore['kind'];
  readonly settings: RateLimitSettings;
  /** Settles once the store is usable (PostgreSQL: the table exists). Until then, and when
   * it rejects, the in-memory insurance limiters count. */
  readonly ready: Promise<void>;
  readonly limiter: (rule: RateLimitRule) => Limiter;
  readonly log?: Logger;
  /** Closes the store's connection if it is ours (Redis); the PostgreSQL pool is the app's. */
  close(): Promise<void>;
}

export interface CreateRateLimitsOptions {
  settings: RateLimitSettings;
  store?: RateLimitStore;
  /** Namespaces the keys: `bookline` in production, a unique one per test. */
  keyPrefix?: string;
  logger?: Logger;
}

/** Falls in for the shared store while it is failing; says so in the log, once a minute. */
class InsuranceLimiter extends RateLimiterMemory {
  private lastWarned = 0;
  constructor(
    opts: { points: number; duration: number; keyPrefix: string },
    private readonly warn: () => void,
  ) {
    super(opts);
  }
  private noteUse() {
    const now = Date.now();
    if (now - this.lastWarned > 60_000) {
      this.lastWarned = now;
      this.warn();
    }
  }
  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.noteUse();
    return super.consume(...args);
  }
}

export function createRateLimits(opts: CreateRateLimitsOptions): RateLimits {
  const store = opts.store ?? { kind: 'memory' };
  const prefix = opts.keyPrefix ?? 'bookline';
  const log = opts.logger?.child({ component: 'rate-limit' });
  const limiters = new Map<RateLimitRule, Limiter>();
  let ready: Promise<void> = Promise.resolve();

  if (store.kind === 'postgres') {
    ready = unloggedCounterTable(store.pool).then(
      () =>
        new Promise<void>((resolve, reject) => {
          // This instance only creates the shared table (the library's own DDL, IF NOT EXISTS,
          // so no migration; unloggedCounterTable made it first) and sweeps rows expired for an
          // hour every 5 minutes; the rule limiters below skip both.
          new RateLimiterPostgres(
            { storeClient: store.pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, keyPrefix: `${prefix}:sweep`, points: 1, duration: 1 },
            (err?: unknown) => (err ? reject(err) : resolve()),
          );
        }),
    );
    ready.catch((err: unknown) => log?.error({ err }, 'could not create the rate-limit table; counting in memory'));
  }

  for (const [rule, def] of Object.entries(rules) as [RateLimitRule, (typeof rules)[RateLimitRule]][]) {
    const base = { keyPrefix: `${prefix}:${rule}`, points: def.points(opts.settings), duration: def.duration };
    if (store.kind === 'memory') {
      limiters.set(rule, new RateLimiterMemory(base));
      continue;
    }
    const insuranceLimiter = new InsuranceLimiter(base, () => log?.warn({ store: store.kind, rule }, 'rate-limit store failing; counting in this instance\'s memory'));
    const shared: RateLimiterAbstract =
      store.kind === 'redis'
        ? new RateLimiterRedis({ ...base, storeClient: store.client, rejectIfRedisNotReady: true, insuranceLimiter })
        : new RateLimiterPostgres({
            ...base,
            storeClient: store.pool,
            storeType: 'pool',
            tableName: RATE_LIMIT_TABLE,
            tableCreated: true,
            clearExpiredByTimeout: false,
            insuranceLimiter,
          });
    // The whole API's limit is on every request: its points are leased (rate-limit-lease.ts).
    limiters.set(rule, rule === 'api' ? new LeasedLimiter(shared) : shared);
  }

  return {
    store: store.kind,
    settings: opts.settings,
    ready,
    limiter: (rule) => limiters.get(rule)!,
    log,
    close: async () => {
      if (store.kind === 'redis') store.client.disconnect();
    },
  };
}

/**
 * The counters' table is UNLOGGED (#17): a counter upsert then writes no WAL, so its commit
 * does not wait for a WAL flush. Every API request but health and ready counts one, so this
 * is a flush per request saved (see docs/performance.md). What it gives up: after a
 * PostgreSQL crash (not a clean restart) the table comes back empty, so each window starts
 * over once; and replicas do not carry it (only the primary counts). Counters are still one
 * shared table for every instance, updated atomically per request, so limits hold exactly as
 * before. Made here, before the library's own `CREATE TABLE IF NOT EXISTS` (same columns),
 * and a table an older version made logged is switched once.
 */
async function unloggedCounterTable(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ persistence: string | null }>(`select (select relpersistence from pg_class where oid = to_regclass($1)) as persistence`, [RATE_LIMIT_TABLE]);
  const persistence = rows[0]?.persistence ?? null;
  if (persistence === null) {
    await pool.query(`create unlogged table if not exists ${RATE_LIMIT_TABLE} (key varchar(255) primary key, points integer not null default 0, expire bigint)`).catch((err: { code?: string }) => {
      // Two instances creating it at once: the loser's duplicate type error; the table is there.
      if (err.code !== '23505') throw err;
    });
  } else if (persistence === 'p') {
    await pool.query(`alter table ${RATE_LIMIT_TABLE} set unlogged`);
  }
}

/** Limits that no test of ordinary behaviour reaches, for harnesses and benchmarks. */
export const GENEROUS_RATE_LIMITS: RateLimitSettings = {
  apiPerMinute: 1_000_000,
  bookingsPerIpPerHour: 1_000_000,
  bookingsPerEmailPerDay: 1_000_000,
  signInFailuresPer15Min: 1_000_000,
  signInAccountFailuresPer15Min: 1_000_000,
  signInChallengeWork: 1_000,
  signUpPerIpPerHour: 1_000_000,
  passwordResetPerHour: 1_000_000,
  twoFactorFailuresPer15Min: 1_000_000,
};

// ---------------------------------------------------------------------------------------------

interface Taken {
  ok: boolean;
  rule: RateLimitRule;
  key: string;
  limit: number;
  remaining: number;
  msBeforeNext: number;
}

async function take(limits: RateLimits, rule: RateLimitRule, key: string): Promise<Taken> {
  const limiter = limits.limiter(rule);
  const shape = (res: RateLimiterRes, ok: boolean): Taken => ({
    ok,
    rule,
    key,
    limit: limiter.points,
    remaining: ok ? res.remainingPoints : 0,
    msBeforeNext: Math.max(res.msBeforeNext, 0),
  });
  try {
    return shape(await limiter.consume(key), true);
  } catch (err) {
    if (err instanceof RateLimiterRes) return shape(err, false);
    // Unreachable with an insurance limiter in place; a limiter bug must not take the API down.
    limits.log?.error({ err, rule }, 'rate limiter failed; request let through');
    return { ok: true, rule, key, limit: limiter.points, remaining: limiter.points, msBeforeNext: 0 };
  }
}

/**
 * Records a solved challenge's id in the shared store (Redis, PostgreSQL or memory, like every
 * counter) for as long as challenges are valid: true the first time, false on a replay.
 */
export async function acceptOnce(limits: RateLimits, rule: 'signInChallengeUsed' | 'publicChallengeUsed', id: string): Promise<boolean> {
  return (await take(limits, rule, hash(id))).ok;
}

/** Gives back a point counted for an attempt that turned out not to count. */
async function giveBack(limits: RateLimits, taken: Taken | null): Promise<void> {
  if (!taken?.ok) return;
  await limits
    .limiter(taken.rule)
    .reward(taken.key, 1)
    .catch((err: unknown) => limits.log?.warn({ err, rule: taken.rule }, 'could not give back a rate-limit point'));
}

async function clear(limits: RateLimits, taken: Taken | null): Promise<void> {
  if (!taken) return;
  await limits
    .limiter(taken.rule)
    .delete(taken.key)
    .catch((err: unknown) => limits.log?.warn({ err, rule: taken.rule }, 'could not reset a rate-limit counter'));
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
const emailKey = (email: string) => hash(email.trim().toLowerCase());

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function waitText(ms: number): string {
  const s = seconds(ms);
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  if (m < 90) return `${m} minutes`;
  return `${Math.ceil(m / 60)} hours`;
}

const messages: Record<RateLimitRule, string> = {
  api: 'Too many requests from this address.',
  bookingIp: 'Too many booking requests from this address.',
  bookingEmail: 'Too many booking requests for this email address.',
  checkoutIp: 'Too many orders from this address.',
  checkoutEmail: 'Too many orders for this email address.',
  signInPair: 'Too many failed sign-in attempts.',
  signInEmail: 'Too many failed sign-in attempts for this account.',
  signInIp: 'Too many failed sign-in attempts.',
  signInChallengeUsed: 'This challenge was already used.',
  publicChallengeUsed: 'This challenge was already used.',
  signUpIp: 'Too many sign-ups from this address.',
  passwordResetIp: 'Too many password-reset requests.',
  passwordResetEmail: 'Too many password-reset requests.',
  twoFactorIp: 'Too many failed verification codes.',
};

function headersFor(t: Taken): Record<string, string> {
  return {
    'RateLimit-Limit': String(t.limit),
    'RateLimit-Remaining': String(Math.max(t.remaining, 0)),
    'RateLimit-Reset': String(seconds(t.msBeforeNext)),
  };
}

function tooMany(c: Context<ApiEnv>, limits: RateLimits, t: Taken): Response {
  c.get('log').info({ rule: t.rule, ip: c.get('ctx').request.ip }, 'rate limited');
  const body = errorBody('RATE_LIMITED', `${messages[t.rule]} Try again in ${waitText(t.msBeforeNext)}.`, c.get('requestId'), {
    retryAfterSeconds: seconds(t.msBeforeNext),
  });
  return c.json(body, 429, { 'Retry-After': String(seconds(t.msBeforeNext)), ...headersFor(t) });
}

/** The tightest of the limits a request went through, for the RateLimit-* headers. */
function tightest(taken: Taken[]): Taken | undefined {
  return taken.reduce<Taken | undefined>((a, b) => (!a || b.remaining / b.limit < a.remaining / a.limit ? b : a), undefined);
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json/i;

/**
 * The body's fields as Better Auth and our routes will read them (JSON, or a form): a limit
 * keyed on an email must see the email the handler sees. The bytes stay cached on the request
 * (Hono's body cache), so handlers read the same body again.
 */
async function bodyFields(c: Context<ApiEnv>): Promise<Record<string, unknown> | null> {
  const type = c.req.header('content-type') ?? '';
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw payloadTooLarge();
  try {
    if (JSON_TYPE.test(type)) {
      const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
    }
    if (/application\/x-www-form-urlencoded|multipart\/form-data/i.test(type)) {
      const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
      return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    }
  } catch {
    // unreadable: the handler answers 400 and no email-keyed limit applies
  }
  return null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * The sign-in rule (see the top of this file): the per-(email, address) and per-address
 * blocks, then the per-email challenge, with known addresses exempt from all but the first.
 * Every counter is taken before the attempt runs; the answer decides what stands.
 */
async function signInGate(
  c: Context<ApiEnv>,
  limits: RateLimits,
  policy: SignInPolicy,
  subject: string,
  email: string | null,
): Promise<{ refusal?: Response; applied: Taken[]; after: () => Promise<void> }> {
  const account = email ? emailKey(email) : null;
  const pair = account ? await take(limits, 'signInPair', hash(account, subject)) : null;
  if (pair && !pair.ok) return { refusal: tooMany(c, limits, pair), applied: [], after: async () => {} };
  const address = await take(limits, 'signInIp', subject);
  const perEmail = account ? await take(limits, 'signInEmail', account) : null;

  let known: boolean | undefined;
  const isKnown = async () => {
    if (known === undefined) {
      const ip = c.get('ctx').request.ip;
      try {
        known = !!email && !!ip && (await policy.knownAddresses(email)).some((a) => rateLimitSubject(a) === subject);
      } catch (err) {
        c.get('log').warn({ err }, 'could not read known sign-in addresses; treating the address as new');
        known = false;
      }
    }
    return known;
  };
  // Points taken by this attempt, refused or not (a refused consume still counted): given back
  // when the attempt turns out not to be a failure.
  const counted = [pair, address, perEmail].filter((t): t is Taken => !!t);
  const giveAllBack = () => Promise.all(counted.map((t) => reward(limits, t)));

  if (!address.ok && !(await isKnown())) {
    await Promise.all([pair, perEmail].map((t) => reward(limits, t)));
    return { refusal: tooMany(c, limits, address), applied: [], after: async () => {} };
  }
  if (perEmail && !perEmail.ok && !(await isKnown())) {
    const check = await checkChallenge(policy.challengeKeys, account!, c.req.header(CHALLENGE_HEADER));
    const fresh = check.ok && (await take(limits, 'signInChallengeUsed', hash(check.id))).ok;
    if (!fresh) {
      // Not an attempt yet: nothing counts until it comes back with the work done.
      await giveAllBack();
      return { refusal: await challengeRequired(c, limits, policy, account!, perEmail, check.ok ? 'reused' : check.reason), applied: [], after: async () => {} };
    }
  }
  return {
    applied: counted.filter((t) => t.ok),
    after: async () => {
      const status = c.res.status;
      if (status === 401) return; // wrong email or password: every count stands
      await giveAllBack();
      // The password was right from here: this address's count for the account starts over.
      if (status >= 200 && status < 300) await clear(limits, pair);
    },
  };
}

/** Gives back a point whether or not the limit had been reached (the consume counted it). */
async function reward(limits: RateLimits, taken: Taken | null): Promise<void> {
  if (!taken) return;
  await limits
    .limiter(taken.rule)
    .reward(taken.key, 1)
    .catch((err: unknown) => limits.log?.warn({ err, rule: taken.rule }, 'could not give back a rate-limit point'));
}

async function challengeRequired(c: Context<ApiEnv>, limits: RateLimits, policy: SignInPolicy, account: string, t: Taken, why: string): Promise<Response> {
  c.get('log').info({ rule: t.rule, ip: c.get('ctx').request.ip, challenge: why }, 'sign-in challenge required');
  const challenge = await newChallenge(policy.challengeKeys, account, limits.settings.signInChallengeWork);
  const message =
    why === 'missing'
      ? 'Too many failed sign-in attempts for this account. Your browser must solve a short puzzle (proof of work) to continue.'
      : 'The proof-of-work answer was not accepted (wrong, expired or already used). Solve this new one to continue.';
  const body = errorBody('RATE_LIMITED', message, c.get('requestId'), { reason: 'challenge_required', challenge });
  return c.json(body, 429, headersFor(t));
}

/** Health and readiness answer probes from load balancers and orchestrators, often and from
 * few addresses; a 429 there would take a healthy instance out of rotation. They read nothing. */
const EXEMPT = new Set(['/api/v1/health', '/api/v1/ready']);

/** Lower-case, no repeated or trailing slashes: a spelling the router tolerates must not
 * escape its rule. */
function normalizePath(path: string): string {
  return path.toLowerCase().replace(/\/{2,}/g, '/').replace(/(.)\/+$/, '$1');
}

/** What the sign-in rule needs beyond counters: the account log, and the challenge's keys. */
export interface SignInPolicy {
  /** Addresses that recently signed in to this email's account (identity's recentSignInAddresses). */
  knownAddresses(email: string): Promise<string[]>;
  challengeKeys: ChallengeKeys;
}

/** The limits a request went through; the tightest one is shown in the RateLimit-* headers. */
const APPLIED = new WeakMap<Context, Taken[]>();
const noteApplied = (c: Context<ApiEnv>, ...taken: (Taken | null | undefined)[]) => {
  const list = APPLIED.get(c);
  if (list) list.push(...taken.filter((t): t is Taken => !!t));
};

/**
 * The whole API's limit (per address per minute), and the RateLimit-* headers of every answer.
 * It runs first; the limits a route declares (`'x-rate-limit'`, see `routeLimits`) and Better
 * Auth's (`authLimits`) run later and report what they counted here.
 */
export function apiLimit(limits: RateLimits): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const path = normalizePath(c.req.path);
    const method = c.req.method;
    if (EXEMPT.has(path) && (method === 'GET' || method === 'HEAD')) return next();
    const api = await take(limits, 'api', rateLimitSubject(c.get('ctx').request.ip));
    if (!api.ok) return tooMany(c, limits, api);
    const applied = [api];
    APPLIED.set(c, applied);
    c.set('rateLimits', limits);
    await next();
    const shown = tightest(applied);
    if (shown && c.res.status !== 429) {
      const headers = headersFor(shown);
      const socket = socketResponse(c);
      if (socket) {
        for (const [name, value] of Object.entries(headers)) socket.setHeader(name, value);
        return;
      }
      try {
        for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
      } catch {
        // A response with immutable headers (Response.redirect): copy it once.
        const copy = new Response(c.res.body, c.res);
        for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
        c.res = copy;
      }
    }
  };
}

/** Counts on both keys first; a refusal on the second gives the first back. */
async function takeBoth(limits: RateLimits, first: [RateLimitRule, string], second: [RateLimitRule, string] | null) {
  const a = await take(limits, ...first);
  if (!a.ok) return { refused: a, a: null, b: null };
  const b = second ? await take(limits, ...second) : null;
  if (b && !b.ok) {
    await giveBack(limits, a);
    return { refused: b, a: null, b: null };
  }
  return { refused: null, a, b };
}

/**
 * Limits a route declares with `'x-rate-limit'` (src/api/openapi.ts turns the name into this
 * middleware, placed before the body is parsed). `guestBooking`: per address per hour and per
 * (organization, customer email) per day; attempts that create nothing are given back — what
 * happened is the use case's answer (`c.get('bookingOutcome')`), not the response's status.
 */
/**
 * A guest's request that makes something scarce (a booking, an order holding stock): counted per
 * address per hour and per (organization, the body's email) per day, before the body is parsed;
 * given back unless the use case says it created something (`created`), so a validation error, a
 * conflict or an idempotent replay costs nothing.
 */
function guestLimit(rules: { ip: RateLimitRule; email: RateLimitRule }, emailOf: (body: Record<string, unknown> | null) => unknown, created: (c: Context<ApiEnv>) => boolean): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const limits = c.get('rateLimits');
    if (!limits) return next();
    const subject = rateLimitSubject(c.get('ctx').request.ip);
    const email = str(emailOf(await bodyFields(c)));
    const org = normalizePath(c.req.param('slug') ?? '');
    const taken = await takeBoth(limits, [rules.ip, subject], email ? [rules.email, hash(org, emailKey(email))] : null);
    if (taken.refused) return tooMany(c, limits, taken.refused);
    noteApplied(c, taken.a, taken.b);
    try {
      await next();
    } finally {
      if (!created(c)) await Promise.all([giveBack(limits, taken.a), giveBack(limits, taken.b)]);
    }
  };
}

export const routeLimits = {
  guestBooking: guestLimit(
    { ip: 'bookingIp', email: 'bookingEmail' },
    (body) => (body?.customer as Record<string, unknown> | undefined)?.email,
    (c) => c.get('bookingOutcome') === 'created',
  ),
  /**
   * `guestCheckout`: a guest's checkout holds stock (and can be used to hold it all), so it is
   * limited like a guest booking, with the booking limits' numbers on its own counters.
   */
  guestCheckout: guestLimit(
    { ip: 'checkoutIp', email: 'checkoutEmail' },
    (body) => (body?.contact as Record<string, unknown> | undefined)?.email,
    (c) => c.get('orderOutcome') === 'created',
  ),
} as const;
export type RouteLimit = keyof typeof routeLimits;

/**
 * Better Auth's endpoints are its own routes (one handler under /api/auth/*), so their limits
 * are declared here by endpoint, next to where the handler is mounted (src/api/app.ts).
 */
export function authLimits(limits: RateLimits, signIn: SignInPolicy): MiddlewareHandler<ApiEnv> {
  type Limit = (c: Context<ApiEnv>, next: () => Promise<void>, subject: string) => Promise<Response | void>;
  const signUp: Limit = async (c, next, subject) => {
    const taken = await takeBoth(limits, ['signUpIp', subject], null);
    if (taken.refused) return tooMany(c, limits, taken.refused);
    noteApplied(c, taken.a);
    await next();
  };
  const passwordReset =
    (requestsMail: boolean): Limit =>
    async (c, next, subject) => {
      const email = requestsMail ? str((await bodyFields(c))?.email) : null;
      const taken = await takeBoth(limits, ['passwordResetIp', subject], email ? ['passwordResetEmail', emailKey(email)] : null);
      if (taken.refused) return tooMany(c, limits, taken.refused);
      noteApplied(c, taken.a, taken.b);
      await next();
    };
  const twoFactor: Limit = async (c, next, subject) => {
    const taken = await takeBoth(limits, ['twoFactorIp', subject], null);
    if (taken.refused) return tooMany(c, limits, taken.refused);
    noteApplied(c, taken.a);
    await next();
    if (c.res.status >= 200 && c.res.status < 300) await giveBack(limits, taken.a);
  };
  const signInLimit: Limit = async (c, next, subject) => {
    const gate = await signInGate(c, limits, signIn, subject, str((await bodyFields(c))?.email));
    if (gate.refusal) return gate.refusal;
    noteApplied(c, ...gate.applied);
    await next();
    await gate.after();
  };
  const table: Record<string, Limit> = {
    'POST /api/auth/sign-in/email': signInLimit,
    'POST /api/auth/sign-up/email': signUp,
    'POST /api/auth/request-password-reset': passwordReset(true),
    'POST /api/auth/forget-password': passwordReset(true),
    'POST /api/auth/reset-password': passwordReset(false),
    'GET /api/auth/reset-password': passwordReset(false),
    'POST /api/auth/two-factor/verify-totp': twoFactor,
    'POST /api/auth/two-factor/verify-backup-code': twoFactor,
    'POST /api/auth/two-factor/verify-otp': twoFactor,
  };
  return async (c, next) => {
    const path = normalizePath(c.req.path);
    // Reset links carry their token in the path (/reset-password/<token>): the endpoint is the prefix.
    const endpoint = path.startsWith('/api/auth/reset-password/') ? '/api/auth/reset-password' : path;
    const limit = table[`${c.req.method} ${endpoint}`];
    if (!limit) return next();
    return (await limit(c, next, rateLimitSubject(c.get('ctx').request.ip))) ?? undefined;
  };
}

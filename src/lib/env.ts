/**
 * The one place that reads process.env (lint forbids it elsewhere). Parsed once, with zod,
 * at first use; a bad or missing value fails fast with a message naming the variable.
 */
import { z } from 'zod';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Public URL of the app; Better Auth and the Origin checks use it. */
    BASE_URL: z.url().optional(),
    /** postgres://… — when unset, the embedded PGlite database under DATA_DIR is used. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** postgres://… of a streaming replica (PostgreSQL only): availability, public catalog and
     * list reads go there; writes and every read inside a write stay on DATABASE_URL. */
    DATABASE_READ_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** Longest one SQL statement may run on PostgreSQL (lock waits included); 0 = no limit. */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** DATABASE_URL is a transaction-pooling pgbouncer (docs/scaling.md, "Connection pooler"):
     * no session-level startup parameters are sent (the timeouts come from the server's role or
     * database settings), and REDIS_URL is required (LISTEN and the PostgreSQL rate-limit
     * store's named prepared statements need a session). */
    DATABASE_TRANSACTION_POOLER: booleanish,
    DATA_DIR: z.string().min(1).default('.data'),
    /** At least 32 characters. Required in production with DATABASE_URL; generated and kept
     * under DATA_DIR in embedded mode. */
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SEED_DEMO: booleanish,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    /** redis://… — when set, rate-limit counters live in Redis (shared by all instances) and
     * realtime events fan out over Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Comma-separated proxy addresses or CIDRs whose X-Forwarded-For hop is believed;
     * empty: the client address is the socket's. */
    TRUSTED_PROXIES: z.string().optional(),
    /** Rate limits (see docs/security.md). */
    RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(300),
    /** Live streams (SSE) one client address may hold open at once, per instance (modules/realtime). */
    REALTIME_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
    RATE_LIMIT_BOOKINGS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_DAY: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_SIGN_IN_FAILURES_PER_15_MIN: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES_PER_15_MIN: z.coerce.number().int().min(1).default(5),
    /** Proof-of-work size past an account's failures: SHA-256 hashes, half of it on average. */
    RATE_LIMIT_SIGN_IN_CHALLENGE_WORK: z.coerce.number().int().min(1).max(100_000_000).default(50_000),
    RATE_LIMIT_SIGN_UP_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_PASSWORD_RESET_PER_HOUR: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_TWO_FACTOR_FAILURES_PER_15_MIN: z.coerce.number().int().min(1).default(10),
    /** Better Auth's in-memory burst guard per client address (production only): sign-ins per
     * minute; sign-ups and two-factor codes get half of it. */
    RATE_LIMIT_AUTH_BURST_PER_MINUTE: z.coerce.number().int().min(2).default(20),
    /** Catalog size of an organization until an owner verifies their email (docs/security.md). */
    UNVERIFIED_ORG_MAX_RESOURCES: z.coerce.number().int().min(1).max(100_000).default(50),
    UNVERIFIED_ORG_MAX_SERVICES: z.coerce.number().int().min(1).max(100_000).default(100),
    /** smtp://user:pass@host:587 or smtps://…:465 — outgoing mail. Unset: mail is kept in the
     * built-in mail catcher (/dashboard/<org>/mail); production logs a warning at start. */
    SMTP_URL: z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
        } catch {
          return false;
        }
      }, 'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.org:587')
      .optional(),
    /** Sender of every email: an address, or "Name <address>". */
    MAIL_FROM: z
      .string()
      .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an email address or "Name <address>"')
      .default('Bookline <no-reply@bookline.localhost>'),
    /** Bearer token for GET /api/v1/metrics; unset: the endpoint answers 404. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** node:http bounds (src/lib/http-server.ts): request line and headers, the whole request,
     * an idle keep-alive connection; open connections per client address (IPv6 per /64). */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    HTTP_MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(128),
    /** Webhooks (docs/webhooks.md): allow endpoints on loopback, private, link-local and other
     * non-public addresses. For development and tests; in production the server warns at start. */
    WEBHOOKS_ALLOW_PRIVATE: booleanish,
    /** A webhook endpoint that has not answered in this long is cut (the attempt fails). */
    WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Consecutive failed attempts after which an endpoint is disabled and its owners told. */
    WEBHOOKS_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
    /** Longest wait for in-flight requests after SIGTERM before the process exits. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_READ_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_READ_URL'], message: 'needs DATABASE_URL (a replica of the embedded database does not exist)' });
    }
    if (env.DATABASE_TRANSACTION_POOLER && !env.REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message:
          'is required with DATABASE_TRANSACTION_POOLER: behind a transaction pooler, realtime LISTEN and the PostgreSQL rate-limit counters would silently stop being shared (docs/scaling.md)',
      });
    }
    if (env.DATABASE_TRANSACTION_POOLER && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_TRANSACTION_POOLER'], message: 'needs DATABASE_URL (the pooler\'s address)' });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message:
          'is required in production when DATABASE_URL is set (generate one with `openssl rand -base64 32`)',
      });
    }
  });

export type Env = z.infer<typeof envSchema> & {
  BASE_URL: string;
  /** Origins allowed to make changes (CSRF guard and Better Auth's trusted origins): BASE_URL's
   * origin; when BASE_URL is not set, also the other loopback spellings of the same port. */
  origins: string[];
};

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset": `FOO= npm start` should not trip a URL validator.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const BASE_URL = env.BASE_URL ?? `http://localhost:${env.PORT}`;
  return { ...env, BASE_URL, origins: env.BASE_URL ? [new URL(env.BASE_URL).origin] : loopbackOrigins(env.PORT) };
}

/**
 * The embedded default prints http://localhost:PORT, but people open http://127.0.0.1:PORT
 * just as often (and some systems resolve localhost to ::1): all three name this machine, so
 * without an explicit BASE_URL each is our own origin. An explicit BASE_URL (production) is
 * the only origin: a deployment knows its public address.
 */
export function loopbackOrigins(port: number): string[] {
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}:${port}`);
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Test-only values that never reach the app's own configuration. */
export function testEnv(): {
  TEST_DATABASE_URL?: string;
  BENCH_DATABASE_URL?: string;
  BENCH_REDIS_URL?: string;
  TEST_REDIS_URL?: string;
  CI: boolean;
  SWEEP_SEED?: number;
} {
  const seed = Number.parseInt(process.env.SWEEP_SEED ?? '', 10);
  return {
    TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || undefined,
    BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL || undefined,
    BENCH_REDIS_URL: process.env.BENCH_REDIS_URL || undefined,
    TEST_REDIS_URL: process.env.TEST_REDIS_URL || undefined,
    CI: process.env.CI === 'true',
    // Replays the bad-input sweep's generated requests (the failure message prints it).
    SWEEP_SEED: Number.isFinite(seed) ? seed : undefined,
  };
}

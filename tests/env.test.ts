import { describe, expect, it } from 'vitest';
import { shouldSeed } from '@/boot';
import { missingPoolerTimeouts, postgresSessionOptions } from '@/db/client';
import { EnvError, parseEnv } from '@/lib/env';

describe('environment', () => {
  it('defaults to the embedded database on port 3000', () => {
    const e = parseEnv({});
    expect(e).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: '.data', BASE_URL: 'http://localhost:3000' });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(parseEnv({ PORT: '4100' }).BASE_URL).toBe('http://localhost:4100');
  });

  it('fails fast, naming the variable, when production on PostgreSQL lacks BETTER_AUTH_SECRET', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app' })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app' })).toThrow(/BETTER_AUTH_SECRET/);
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', BETTER_AUTH_SECRET: 'short' })).toThrow(/at least 32/);
    expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', BETTER_AUTH_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production');
    // Embedded production keeps a generated secret beside its data.
    expect(() => parseEnv({ NODE_ENV: 'production' })).not.toThrow();
  });

  it('takes a read replica only alongside a PostgreSQL primary', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://db/app', DATABASE_READ_URL: 'postgres://replica/app' }).DATABASE_READ_URL).toBe('postgres://replica/app');
    expect(() => parseEnv({ DATABASE_READ_URL: 'postgres://replica/app' })).toThrow(/DATABASE_READ_URL: needs DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/app', DATABASE_READ_URL: 'http://replica' })).toThrow(/DATABASE_READ_URL: must be a postgres/);
  });

  it('behind a transaction pooler, sends no session startup parameters and requires Redis', () => {
    const pooled = { DATABASE_URL: 'postgres://pgbouncer:6432/app', DATABASE_TRANSACTION_POOLER: '1' };
    expect(() => parseEnv(pooled)).toThrow(/REDIS_URL: is required with DATABASE_TRANSACTION_POOLER/);
    expect(() => parseEnv({ DATABASE_TRANSACTION_POOLER: '1', REDIS_URL: 'redis://r:6379' })).toThrow(/DATABASE_TRANSACTION_POOLER: needs DATABASE_URL/);
    const e = parseEnv({ ...pooled, REDIS_URL: 'redis://r:6379' });
    expect(e.DATABASE_TRANSACTION_POOLER).toBe(true);
    const target = { kind: 'postgres', url: e.DATABASE_URL!, statementTimeoutMs: 30_000 } as const;
    expect(postgresSessionOptions({ ...target, transactionPooler: true })).toEqual({});
    expect(postgresSessionOptions(target)).toEqual({ statement_timeout: 30_000, idle_in_transaction_session_timeout: 60_000 });
    expect(postgresSessionOptions({ ...target, statementTimeoutMs: 0 })).toEqual({ idle_in_transaction_session_timeout: 60_000 });
    // The bounds then come from the server: a role without them is reported at start.
    expect(missingPoolerTimeouts({ statement_timeout: '30s', idle_in_transaction_session_timeout: '1min' })).toEqual([]);
    expect(missingPoolerTimeouts({ statement_timeout: '0', idle_in_transaction_session_timeout: '1min' })).toEqual(['statement_timeout']);
    expect(missingPoolerTimeouts({ statement_timeout: '0', idle_in_transaction_session_timeout: '0' })).toEqual(['statement_timeout', 'idle_in_transaction_session_timeout']);
  });

  it('rejects malformed values with a clear message', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
    // Empty means unset.
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('seeds demo data on first embedded start, on empty PostgreSQL in development, or when asked', () => {
    const embedded = parseEnv({ NODE_ENV: 'production' });
    expect(shouldSeed(embedded, true, 'auto')).toBe(true);
    expect(shouldSeed(embedded, false, 'auto')).toBe(false);
    const prod = parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', BETTER_AUTH_SECRET: 'x'.repeat(32) });
    expect(shouldSeed(prod, true, 'auto')).toBe(false);
    expect(shouldSeed({ ...prod, SEED_DEMO: true }, true, 'auto')).toBe(true);
    expect(shouldSeed(parseEnv({ DATABASE_URL: 'postgres://db/app' }), true, 'auto')).toBe(true);
    expect(shouldSeed(embedded, true, 'never')).toBe(false);
  });
});

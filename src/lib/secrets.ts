/**
 * Resolves the auth secret. Zero-setup embedded mode generates one on first start and keeps it
 * beside the data (DATA_DIR/auth-secret, mode 0600), so sessions survive restarts; production
 * on PostgreSQL must set BETTER_AUTH_SECRET (env.ts refuses to boot otherwise).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from './crypto';
import type { Env } from './env';

export const TEST_AUTH_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export function resolveAuthSecret(e: Env): string {
  if (e.BETTER_AUTH_SECRET) return e.BETTER_AUTH_SECRET;
  if (e.NODE_ENV === 'test') return TEST_AUTH_SECRET;
  const file = path.resolve(e.DATA_DIR, 'auth-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: fall through and create it
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomToken(48);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

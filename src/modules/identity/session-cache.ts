/**
 * A short-lived, per-process cache of resolved sessions for authenticated API requests (#17):
 * Better Auth's session lookup (session row, user row, the cookie's HMAC) plus the idle check
 * cost three queries per request; within `SESSION_CACHE_TTL_MS` of a lookup the same signed
 * session cookie answers from here.
 *
 * Keyed by the session token; an entry answers only the exact signed cookie value that was
 * verified when it was stored, so a forged signature never hits. Revocation:
 * - in this process, immediately: Better Auth's database hooks forget a session when it is
 *   deleted (sign-out, revoke, revoke-others on password change, reset, idle sign-out) and
 *   every session of a user whose row changes or is deleted (two-factor on/off, email, name);
 * - in other instances, within `SESSION_CACHE_TTL_MS` (the entry is not used after that);
 * - a session's own expiry and the staff idle timeout are checked on every hit, and a hit
 *   never skips a due activity write (session-idle.ts): those go the uncached way.
 * Size is bounded (oldest entries go first).
 */
import type { SessionUser } from './auth';

/** How long another instance may keep answering for a session revoked elsewhere. */
export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedSession {
  /** The signed cookie value that was verified. */
  cookie: string;
  sessionId: string;
  user: SessionUser;
  expiresAt: number;
  lastActiveAt: number;
  /** The strictest staff idle timeout, minutes (null: none). */
  idleTimeoutMinutes: number | null;
  storedAt: number;
}

export class SessionCache {
  private readonly byToken = new Map<string, CachedSession>();

  constructor(private readonly ttlMs = SESSION_CACHE_TTL_MS) {}

  get(token: string, cookie: string, monotonicNow = performance.now()): CachedSession | null {
    const entry = this.byToken.get(token);
    if (!entry) return null;
    if (entry.cookie !== cookie) return null;
    if (monotonicNow - entry.storedAt >= this.ttlMs) {
      this.byToken.delete(token);
      return null;
    }
    return entry;
  }

  set(token: string, entry: Omit<CachedSession, 'storedAt'>): void {
    if (this.byToken.size >= MAX_ENTRIES) {
      const oldest = this.byToken.keys().next().value;
      if (oldest !== undefined) this.byToken.delete(oldest);
    }
    this.byToken.delete(token);
    this.byToken.set(token, { ...entry, storedAt: performance.now() });
  }

  forgetToken(token: string | undefined | null): void {
    if (token) this.byToken.delete(token);
  }

  forgetUser(userId: string | undefined | null): void {
    if (!userId) return;
    for (const [token, entry] of this.byToken) if (entry.user.id === userId) this.byToken.delete(token);
  }

  clear(): void {
    this.byToken.clear();
  }

  get size(): number {
    return this.byToken.size;
  }
}

/** The session cookie's value (`token.signature`) and its token, from a Cookie header. */
export function sessionCookie(cookieHeader: string | null, cookieName: string): { token: string; cookie: string } | null {
  if (!cookieHeader) return null;
  // Sent twice (two paths or domains): which one the library reads is its business; no cache.
  const values = cookieHeader
    .split(';')
    .map((part) => [part.slice(0, Math.max(0, part.indexOf('='))).trim(), part.slice(part.indexOf('=') + 1).trim()] as const)
    .filter(([name]) => name === cookieName);
  if (values.length !== 1) return null;
  {
    const cookie = values[0]![1];
    let decoded = cookie;
    try {
      decoded = decodeURIComponent(cookie);
    } catch {
      return null;
    }
    const dot = decoded.lastIndexOf('.');
    if (dot <= 0) return null;
    return { token: decoded.slice(0, dot), cookie };
  }
  return null;
}

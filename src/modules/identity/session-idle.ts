/**
 * Staff idle timeout (#16.6, decision 0019). An organization may set
 * `settings.staffIdleTimeoutMinutes` (5–1440; unset or null: off). A session whose user is
 * staff-side (owner, admin, manager or staff) in any organization with a timeout is signed out
 * once it has been idle longer than the strictest (smallest) of those timeouts: a shared front-
 * desk computer left signed in to one business must not stay open because another business the
 * same person works for is laxer. Members, customers and viewers are never timed out.
 *
 * Activity is `session.last_active_at`, written by authenticated API requests and dashboard
 * pages at most once a minute (a conditional update: concurrent requests write it once, and a
 * clock reading behind it never moves it back). Better Auth's own `updatedAt` moves only when
 * it extends a session (once a day), so it cannot tell activity.
 *
 * Checked where a session is read for our API and pages (identity's getSessionUser with `now`);
 * the idle session is deleted there and the caller answers 401 `details.reason: 'session_idle'`.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Staff-side roles, the ones an organization's idle timeout applies to. */
export const IDLE_TIMEOUT_ROLES = ['owner', 'admin', 'manager', 'staff'] as const;
/** last_active_at is written at most this often per session. */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

export interface IdleSession {
  /** The strictest timeout that applied, in minutes. */
  minutes: number;
}

/**
 * The session's standing at `now`: idle (then it is deleted here) or active (its activity is
 * recorded, at most once a minute). One read, and a write only when one is due.
 */
export async function checkSessionActivity(db: Db, sessionId: string, now: Date): Promise<IdleSession | null> {
  return (await readSessionStanding(db, sessionId, now))?.idle ?? null;
}

export interface SessionStanding {
  idle: IdleSession | null;
  /** Activity as recorded after this check (the session cache reuses it). */
  lastActiveAt: Date;
  /** The strictest idle timeout that applies, minutes (null: none). */
  timeoutMinutes: number | null;
}

/** checkSessionActivity, with what it read: null when the session row is gone. */
export async function readSessionStanding(db: Db, sessionId: string, now: Date): Promise<SessionStanding | null> {
  const [row] = await db
    .select({
      lastActiveAt: sessions.lastActiveAt,
      timeout: sql<number | null>`(select min((o.settings->>'staffIdleTimeoutMinutes')::int)
         from members m join organizations o on o.id = m.organization_id
        where m.user_id = "session"."user_id"
          and m.role in ('owner', 'admin', 'manager', 'staff')
          and jsonb_typeof(o.settings->'staffIdleTimeoutMinutes') = 'number')`,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  if (!row) return null;
  const idleMs = now.getTime() - row.lastActiveAt.getTime();
  const timeout = row.timeout === null ? null : Number(row.timeout);
  if (timeout !== null && idleMs > timeout * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return { idle: { minutes: timeout }, lastActiveAt: row.lastActiveAt, timeoutMinutes: timeout };
  }
  if (idleMs >= ACTIVITY_WRITE_INTERVAL_MS) {
    const due = new Date(now.getTime() - ACTIVITY_WRITE_INTERVAL_MS);
    const written = await db
      .update(sessions)
      .set({ lastActiveAt: now })
      .where(and(eq(sessions.id, sessionId), lte(sessions.lastActiveAt, due)))
      .returning({ id: sessions.id });
    // Not written: another request wrote it since; the old reading only makes the next check sooner.
    return { idle: null, lastActiveAt: written.length ? now : row.lastActiveAt, timeoutMinutes: timeout };
  }
  return { idle: null, lastActiveAt: row.lastActiveAt, timeoutMinutes: timeout };
}

/** The 401 an idle session gets (API) — the pages send the person to sign in with the same notice. */
export function sessionIdleError(idle: IdleSession): AppError {
  return new AppError('UNAUTHENTICATED', `You were signed out after ${idle.minutes} minutes without activity. Sign in again to continue.`, {
    reason: 'session_idle',
    minutes: idle.minutes,
  });
}

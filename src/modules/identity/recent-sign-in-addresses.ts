import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountAuditLog, users } from '@/db/schema';

/** How long a successful sign-in makes its address a known one for that account. */
export const KNOWN_ADDRESS_DAYS = 90;

/**
 * Addresses that signed in to this email's account (password, or a second factor completing
 * a sign-in) in the last KNOWN_ADDRESS_DAYS, read from the account security log. The sign-in
 * limiter never challenges or blocks such an address for failures made from elsewhere: that
 * is what keeps a stranger from locking the owner out. Reads across users (before anyone is
 * signed in), so it runs on the owner connection, not under a user's RLS scope.
 */
export async function recentSignInAddresses(db: Db, email: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ip: accountAuditLog.ip })
    .from(accountAuditLog)
    .innerJoin(users, eq(users.id, accountAuditLog.userId))
    .where(
      and(
        eq(users.email, email.trim().toLowerCase()),
        eq(accountAuditLog.action, 'account.signed_in'),
        isNotNull(accountAuditLog.ip),
        gt(accountAuditLog.createdAt, sql`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`),
      ),
    )
    .limit(500);
  return rows.map((r) => r.ip!).filter(Boolean);
}

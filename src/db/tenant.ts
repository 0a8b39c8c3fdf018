/**
 * Tenant-scoped transactions: the second wall of tenant isolation. Inside, the session runs
 * as the non-superuser role `bookline_app`, whose row-level-security policies (migration
 * 0001_rls.sql) show only rows of app.organization_id, plus the user's own memberships and
 * invitations. Settings are transaction-local, so a pooled connection never leaks them.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

export interface TenantScope {
  organizationId?: string | null;
  userId?: string | null;
  userEmail?: string | null;
  /** Take pg_advisory_xact_lock on this key in the same statement (saves a round trip). */
  advisoryLock?: string;
}

const APP_ROLE = 'bookline_app';

export async function enterScope(tx: Tx, scope: TenantScope): Promise<void> {
  await tx.execute(sql`select
    set_config('role', ${APP_ROLE}, true),
    set_config('app.organization_id', ${scope.organizationId ?? ''}, true),
    set_config('app.user_id', ${scope.userId ?? ''}, true),
    set_config('app.user_email', ${scope.userEmail?.toLowerCase() ?? ''}, true)
    ${scope.advisoryLock ? sql`, pg_advisory_xact_lock(hashtextextended(${scope.advisoryLock}, 0))` : sql``}`);
}

/** Runs `fn` in one transaction under the app role, scoped to the given tenant (and user). */
export function withTenant<T>(db: Db, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await enterScope(tx, scope);
    return fn(tx);
  });
}


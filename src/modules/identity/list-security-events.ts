import { count, desc, eq } from 'drizzle-orm';
import { accountAuditLog } from '@/db/schema';
import { pageOffset, paginationQuery, toPage } from '@/lib/pagination';
import { type Ctx, parseInput, requireUser, tenantTx } from '@/modules/kernel';

/**
 * The signed-in user's own account security events, newest first. Runs under the app role
 * scoped to the user, so row-level security shows no one else's rows even without the filter.
 */
export async function listSecurityEvents(ctx: Ctx, query: unknown) {
  const user = requireUser(ctx);
  const q = parseInput(paginationQuery, query, 'query');
  return tenantTx(
    ctx,
    async (tx) => {
      const { limit, offset } = pageOffset(q);
      const where = eq(accountAuditLog.userId, user.userId);
      const rows = await tx
        .select({
          id: accountAuditLog.id,
          action: accountAuditLog.action,
          ip: accountAuditLog.ip,
          userAgent: accountAuditLog.userAgent,
          details: accountAuditLog.details,
          createdAt: accountAuditLog.createdAt,
        })
        .from(accountAuditLog)
        .where(where)
        .orderBy(desc(accountAuditLog.createdAt), desc(accountAuditLog.id))
        .limit(limit)
        .offset(offset);
      const [total] = await tx.select({ n: count() }).from(accountAuditLog).where(where);
      return toPage(rows, total?.n ?? 0, q);
    },
    null,
  );
}

import { count, desc, eq } from 'drizzle-orm';
import { accountAuditLog } from '@/db/schema';
import type { z } from 'zod';
import { iso } from '@/lib/dto';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { type Ctx, requireUser, tenantTx } from '@/modules/kernel';
import type { listSecurityEventsQuery, SecurityEventDto } from './schemas';

/**
 * The signed-in user's own account security events, newest first. Runs under the app role
 * scoped to the user, so row-level security shows no one else's rows even without the filter.
 */
export async function listSecurityEvents(ctx: Ctx, q: z.output<typeof listSecurityEventsQuery>): Promise<Page<SecurityEventDto>> {
  const user = requireUser(ctx);
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
      return toPage(
        rows.map((r) => ({ ...r, details: r.details ?? null, createdAt: iso(r.createdAt) })),
        total?.n ?? 0,
        q,
      );
    },
    null,
  );
}

import type { z } from 'zod';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { bookingApprovals, bookings } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { actorRole, authorize, type Ctx, tenantTx } from '@/modules/kernel';
import type { ApprovalDto, ruleSchemas } from '@/modules/rules';
import { approvalsWithBookings, approverNames, decidableBy, deciderOf, presentApproval } from './queries';

/**
 * The approval queue: pending approvals of requests still pending (oldest first: they expire
 * first), or the decided ones (newest first). `mine`: only those the caller may decide.
 */
export async function listApprovals(ctx: Ctx, q: z.output<typeof ruleSchemas.listApprovalsQuery>): Promise<Page<ApprovalDto>> {
  authorize(ctx, 'approvals:read');
  const tenant = ctx.tenant;
  return tenantTx(ctx, async (tx) => {
    const decider = ctx.actor.type === 'user' ? await deciderOf(tx, tenant.id, ctx.actor.userId, actorRole(ctx)) : { role: actorRole(ctx), memberId: null };
    const where: SQL[] = [eq(bookingApprovals.organizationId, tenant.id), eq(bookingApprovals.status, q.status)];
    if (q.status === 'pending') where.push(eq(bookings.status, 'pending'));
    if (q.mine) where.push(decidableBy(decider));
    const { limit, offset } = pageOffset(q);
    const rows = await approvalsWithBookings(tx)
      .where(and(...where))
      .orderBy(q.status === 'pending' ? asc(bookingApprovals.expiresAt) : desc(bookingApprovals.decidedAt), asc(bookingApprovals.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx
      .select({ n: count() })
      .from(bookingApprovals)
      .innerJoin(bookings, and(eq(bookings.organizationId, bookingApprovals.organizationId), eq(bookings.id, bookingApprovals.bookingId)))
      .where(and(...where));
    const names = await approverNames(tx, tenant.id, rows);
    return toPage(
      rows.map((r) => presentApproval(r, tenant.timezone, decider, ctx.request.locale ?? 'en', names)),
      total?.n ?? 0,
      q,
    );
  });
}

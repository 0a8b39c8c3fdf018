/** The shared step of the moderation use cases: lock the review, change it, keep the counters, audit. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { reviews } from '@/db/schema';
import { type AuthorizedCtx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentReview } from './present';
import { countRating, lockReview, type ReviewRow, subjectNames } from './queries';
import type { ReviewDto } from './schemas';

/**
 * Locks the review row, then (through countRating) its subject's counter row: always in that
 * order, so two moderators never deadlock. `change` returns the columns to set, or throws.
 * The subject's approved count moves by +1 when the review becomes approved, −1 when it stops being so.
 */
export function moderate(
  ctx: AuthorizedCtx,
  id: string,
  action: string,
  change: (before: ReviewRow) => Partial<typeof reviews.$inferInsert>,
): Promise<ReviewDto> {
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx: Tx) => {
    const before = await lockReview(tx, orgId, id);
    const set = change(before);
    const [after] = await tx
      .update(reviews)
      .set({ ...set, moderatedByUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null, moderatedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(reviews.organizationId, orgId), eq(reviews.id, id)))
      .returning();
    const wasApproved = before.status === 'approved';
    const isApproved = after!.status === 'approved';
    if (wasApproved !== isApproved) await countRating(tx, after!, isApproved ? 1 : -1);
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action,
      entity: 'review',
      entityId: id,
      changes: {
        before: { status: before.status, featured: before.featured, rejectionReason: before.rejectionReason },
        after: { status: after!.status, featured: after!.featured, rejectionReason: after!.rejectionReason },
      },
    });
    return presentReview(after!, (await subjectNames(tx, orgId, [after!])).get((after!.serviceId ?? after!.productId)!) ?? '');
  });
}

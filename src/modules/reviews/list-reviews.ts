import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { reviews } from '@/db/schema';
import { pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentReview } from './present';
import { subjectNames } from './queries';
import type { listReviewsQuery, ReviewPage } from './schemas';

/** The moderation queue: pending first, then newest; filters by status and subject. */
export async function listReviews(ctx: Ctx, query: z.output<typeof listReviewsQuery>): Promise<ReviewPage> {
  authorize(ctx, 'reviews:moderate');
  const orgId = ctx.tenant.id;
  const where = and(
    eq(reviews.organizationId, orgId),
    query.status ? eq(reviews.status, query.status) : undefined,
    query.subject ? eq(reviews.subjectType, query.subject) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(query);
    const rows = await tx
      .select()
      .from(reviews)
      .where(where)
      .orderBy(sql`(${reviews.status} = 'pending') desc`, desc(reviews.createdAt), desc(reviews.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(reviews).where(where);
    const names = await subjectNames(tx, orgId, rows);
    return toPage(
      rows.map((r) => presentReview(r, names.get((r.serviceId ?? r.productId)!) ?? '')),
      total?.n ?? 0,
      query,
    );
  });
}

/**
 * A product review of a line of a received order, through the order's secret status link (the
 * token is the key, so guests review too). "Received" is fulfilled or delivered: a customer who
 * has only paid has not held the product yet. One review per order line: the unique index on
 * order_line_id decides a race, the loser gets the same 409 as the check. The order row is locked
 * first (the orders module's lock order starts with it), so its status cannot change under the check.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { orderLines, orders, products, reviews } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { conflict, notFound, ruleViolation, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, enqueue, recordAudit, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { presentOwnReview } from './present';
import { displayName } from './queries';
import type { OrderReviewsDto, OwnReviewDto, submitReviewInput } from './schemas';

type Input = z.output<typeof submitReviewInput>;

/** Order statuses whose lines can be reviewed: the customer has the product. */
const RECEIVED = new Set(['fulfilled', 'delivered']);

const alreadyReviewed = () => conflict('This item already has a review: one review per item bought.', { reason: 'already_reviewed' });

async function orderByToken(ctx: Ctx, slug: string) {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Order');
  return tenant;
}

/** Each line of the order a status link opens: can it be reviewed, and the review sent for it. */
export async function getOrderReviews(baseCtx: Ctx, slug: string, token: string): Promise<OrderReviewsDto> {
  const tenant = await orderByToken(baseCtx, slug);
  const ctx = { ...baseCtx, tenant };
  return tenantTx(ctx, async (tx) => {
    const [order] = await tx.select().from(orders).where(and(eq(orders.organizationId, tenant.id), eq(orders.statusTokenHash, sha256(token))));
    if (!order) throw notFound('Order');
    const lines = await tx.select().from(orderLines).where(and(eq(orderLines.organizationId, tenant.id), eq(orderLines.orderId, order.id))).orderBy(orderLines.position);
    const sent = lines.length
      ? await tx
          .select()
          .from(reviews)
          .where(and(eq(reviews.organizationId, tenant.id), inArray(reviews.orderLineId, lines.map((l) => l.id))))
      : [];
    const byLine = new Map(sent.map((r) => [r.orderLineId!, r]));
    return {
      data: lines.map((l) => {
        const review = byLine.get(l.id);
        const reason = review ? 'already_reviewed' : !RECEIVED.has(order.status) ? 'not_received' : !l.productId ? 'product_unavailable' : null;
        return { orderLineId: l.id, productId: l.productId, productTitle: l.productTitle, canReview: reason === null, reason, review: review ? presentOwnReview(review) : null };
      }),
    };
  });
}

export async function submitOrderReview(baseCtx: Ctx, slug: string, token: string, orderLineId: string, input: Input): Promise<OwnReviewDto> {
  const tenant = await orderByToken(baseCtx, slug);
  const ctx = { ...baseCtx, tenant };
  try {
    return await tenantTx(ctx, async (tx) => {
      const [order] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.organizationId, tenant.id), eq(orders.statusTokenHash, sha256(token))))
        .for('update');
      if (!order) throw notFound('Order');
      const [line] = await tx.select().from(orderLines).where(and(eq(orderLines.organizationId, tenant.id), eq(orderLines.orderId, order.id), eq(orderLines.id, orderLineId)));
      if (!line) throw notFound('Order line');
      if (!RECEIVED.has(order.status)) {
        throw ruleViolation('Only an item you have received can be reviewed: this order is not fulfilled yet.', { reason: 'not_received', status: order.status });
      }
      const [product] = line.productId ? await tx.select({ id: products.id }).from(products).where(and(eq(products.organizationId, tenant.id), eq(products.id, line.productId))) : [];
      if (!product) throw ruleViolation('This product is no longer sold, so it cannot be reviewed.', { reason: 'product_unavailable' });
      const [existing] = await tx.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.organizationId, tenant.id), eq(reviews.orderLineId, line.id)));
      if (existing) throw alreadyReviewed();
      const [row] = await tx
        .insert(reviews)
        .values({
          id: newId('review'),
          organizationId: tenant.id,
          subjectType: 'product',
          productId: product.id,
          orderLineId: line.id,
          rating: input.rating,
          title: input.title ? input.title : null,
          body: input.body,
          authorName: displayName(order.name),
          locale: input.locale ?? (order.locale === 'es' ? 'es' : 'en'),
          status: 'pending',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await recordAudit(tx, ctx, {
        organizationId: tenant.id,
        action: 'review.submitted',
        entity: 'review',
        entityId: row!.id,
        changes: { after: { subjectType: 'product', productId: product.id, orderLineId: line.id, rating: input.rating } },
      });
      await enqueue(tx, ctx, { organizationId: tenant.id, topic: 'review.submitted', payload: { reviewId: row!.id, orderLineId: line.id, rating: input.rating } });
      return presentOwnReview(row!);
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw alreadyReviewed();
    throw err;
  }
}

import { and, eq } from 'drizzle-orm';
import { orderLines, products } from '@/db/schema';
import { conflict, sqlState } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { productOf } from './queries';

/**
 * Deletes a product and its variants (their stock items stay: another variant may share them).
 * A product that orders point at cannot go (409): archive it instead, which hides it from the shop.
 */
export async function deleteProduct(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    await tenantTx(ctx, async (tx) => {
      const before = await productOf(tx, orgId, id, true);
      // Order lines keep their own copy of what was bought (no foreign key to the product), so the
      // check is explicit: a product that was ordered stays, archived, for its orders and reviews.
      const [ordered] = await tx.select({ id: orderLines.id }).from(orderLines).where(and(eq(orderLines.organizationId, orgId), eq(orderLines.productId, id))).limit(1);
      if (ordered) throw conflict('Orders refer to this product; archive it instead.', { field: 'status', reason: 'ordered' });
      await tx.delete(products).where(and(eq(products.organizationId, orgId), eq(products.id, id)));
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'product.deleted', entity: 'product', entityId: id, changes: { before: { slug: before.slug, title: before.title, status: before.status } } });
    });
  } catch (err) {
    if (sqlState(err) === '23503') throw conflict('Orders or carts refer to this product; archive it instead.', { field: 'status' });
    throw err;
  }
}

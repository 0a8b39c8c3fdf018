import { and, eq } from 'drizzle-orm';
import { productVariants } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { productOf, refreshPriceMin } from './queries';

/** Deletes a variant (its stock item stays); one that orders refer to is refused (409): deactivate it instead. */
export async function deleteVariant(ctx: Ctx, productId: string, id: string): Promise<void> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    await tenantTx(ctx, async (tx) => {
      await productOf(tx, orgId, productId, true);
      const where = and(eq(productVariants.organizationId, orgId), eq(productVariants.productId, productId), eq(productVariants.id, id));
      const [before] = await tx.delete(productVariants).where(where).returning();
      if (!before) throw notFound('Variant');
      await refreshPriceMin(tx, orgId, productId, ctx.now);
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'product_variant.deleted', entity: 'product_variant', entityId: id, changes: { before: { sku: before.sku, title: before.title, priceMinor: before.priceMinor } } });
    });
  } catch (err) {
    if (sqlState(err) === '23503') throw conflict('Orders or carts refer to this variant; deactivate it instead (active: false).', { field: 'active' });
    throw err;
  }
}

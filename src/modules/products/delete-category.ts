import { and, count, eq } from 'drizzle-orm';
import { productCategories, products } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { lockCategoryTree } from './queries';

/** Deletes an empty category; one with categories or products under it is refused (409 with the counts). */
export async function deleteCategory(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    await lockCategoryTree(tx, orgId);
    const [before] = await tx.select().from(productCategories).where(and(eq(productCategories.organizationId, orgId), eq(productCategories.id, id))).for('update');
    if (!before) throw notFound('Category');
    const [children] = await tx.select({ n: count() }).from(productCategories).where(and(eq(productCategories.organizationId, orgId), eq(productCategories.parentId, id)));
    const [held] = await tx.select({ n: count() }).from(products).where(and(eq(products.organizationId, orgId), eq(products.categoryId, id)));
    if ((children?.n ?? 0) > 0 || (held?.n ?? 0) > 0) {
      throw conflict(`The category holds ${children?.n ?? 0} categories and ${held?.n ?? 0} products; move them first.`, { categoryCount: children?.n ?? 0, productCount: held?.n ?? 0 });
    }
    await tx.delete(productCategories).where(and(eq(productCategories.organizationId, orgId), eq(productCategories.id, id)));
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'product_category.deleted', entity: 'product_category', entityId: id, changes: { before: { name: before.name, slug: before.slug, parentId: before.parentId } } });
  });
}

import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { products } from '@/db/schema';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentProduct } from './present';
import { categoryExists, productOf, translateProductConflict, variantsOf } from './queries';
import type { ProductDto, updateProductInput } from './schemas';

/** Partial update: texts, images, category, tags, featured, status (draft → active → archived and back). */
export async function updateProduct(ctx: Ctx, id: string, input: z.output<typeof updateProductInput>): Promise<ProductDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      const before = await productOf(tx, orgId, id, true);
      const changed = changedKeys(before, input);
      let row = before;
      if (changed.length > 0) {
        if (input.categoryId && changed.includes('categoryId')) await categoryExists(tx, orgId, input.categoryId);
        [row] = (await tx
          .update(products)
          .set({ ...input, updatedAt: ctx.now })
          .where(and(eq(products.organizationId, orgId), eq(products.id, id)))
          .returning()) as [typeof before];
        await recordAudit(tx, ctx, { organizationId: orgId, action: 'product.updated', entity: 'product', entityId: id, changes: auditChanges(before, row, changed) });
      }
      return presentProduct(row, (await variantsOf(tx, orgId, [id])).get(id) ?? []);
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

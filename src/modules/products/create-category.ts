import type { z } from 'zod';
import { productCategories } from '@/db/schema';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentCategory } from './present';
import { categoryExists, lockCategoryTree, translateProductConflict } from './queries';
import type { CategoryDto, createCategoryInput } from './schemas';

/** A category at the top of the tree or under a parent of the same organization; slugs unique (409 with the field). */
export async function createCategory(ctx: Ctx, input: z.output<typeof createCategoryInput>): Promise<CategoryDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      await lockCategoryTree(tx, orgId);
      if (input.parentId) await categoryExists(tx, orgId, input.parentId);
      const [row] = await tx
        .insert(productCategories)
        .values({ id: newId('productCategory'), organizationId: orgId, ...input, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'product_category.created', entity: 'product_category', entityId: row!.id, changes: { after: presentCategory(row!) } });
      return presentCategory(row!);
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

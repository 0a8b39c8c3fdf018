import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { productCategories } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentCategory } from './present';
import { categoryAndDescendants, categoryExists, lockCategoryTree, translateProductConflict } from './queries';
import type { CategoryDto, updateCategoryInput } from './schemas';

/**
 * Partial update. A new parent must not be the category itself or one under it (409): the tree
 * stays a tree. Tree changes of one organization are serialised, so two moves cannot make a
 * cycle between them.
 */
export async function updateCategory(ctx: Ctx, id: string, input: z.output<typeof updateCategoryInput>): Promise<CategoryDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      await lockCategoryTree(tx, orgId);
      const [before] = await tx.select().from(productCategories).where(and(eq(productCategories.organizationId, orgId), eq(productCategories.id, id)));
      if (!before) throw notFound('Category');
      const changed = changedKeys(before, input);
      if (changed.length === 0) return presentCategory(before);
      if (input.parentId && changed.includes('parentId')) {
        await categoryExists(tx, orgId, input.parentId);
        const below = await categoryAndDescendants(tx, orgId, id);
        if (below.includes(input.parentId)) {
          throw conflict(input.parentId === id ? 'A category cannot be its own parent.' : 'The new parent is under this category; moving it there would make a loop.', { field: 'parentId' });
        }
      }
      const [after] = await tx
        .update(productCategories)
        .set({ ...input, updatedAt: ctx.now })
        .where(and(eq(productCategories.organizationId, orgId), eq(productCategories.id, id)))
        .returning();
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'product_category.updated', entity: 'product_category', entityId: id, changes: auditChanges(before, after!, changed) });
      return presentCategory(after!);
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

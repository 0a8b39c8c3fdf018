import type { z } from 'zod';
import { products } from '@/db/schema';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentProduct } from './present';
import { categoryExists, searchConfigOf, translateProductConflict } from './queries';
import type { createProductInput, ProductDto } from './schemas';

/**
 * A product in the organization's currency, searchable in its language (search_config from
 * the organization's locale). It has no variants yet: price_min_minor is 0 until one is added.
 */
export async function createProduct(ctx: Ctx, input: z.output<typeof createProductInput>): Promise<ProductDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      if (input.categoryId) await categoryExists(tx, orgId, input.categoryId);
      const [row] = await tx
        .insert(products)
        .values({
          id: newId('product'),
          organizationId: orgId,
          ...input,
          currency: ctx.tenant.currency,
          searchConfig: searchConfigOf(ctx.tenant.locale),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const dto = presentProduct(row!, []);
      const { variants: _v, ...after } = dto;
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'product.created', entity: 'product', entityId: row!.id, changes: { after } });
      return dto;
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

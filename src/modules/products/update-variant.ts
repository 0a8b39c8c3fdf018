import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { productVariants, stockItems } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentVariant } from './present';
import { productOf, refreshPriceMin, translateProductConflict } from './queries';
import type { updateVariantInput, VariantDto } from './schemas';

/** Partial update of a variant (price, compare-at, SKU, texts, active); the product's lowest price follows. */
export async function updateVariant(ctx: Ctx, productId: string, id: string, input: z.output<typeof updateVariantInput>): Promise<VariantDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      await productOf(tx, orgId, productId, true);
      const where = and(eq(productVariants.organizationId, orgId), eq(productVariants.productId, productId), eq(productVariants.id, id));
      const [before] = await tx.select().from(productVariants).where(where);
      if (!before) throw notFound('Variant');
      const price = input.priceMinor ?? before.priceMinor;
      const compareAt = input.compareAtMinor === undefined ? before.compareAtMinor : input.compareAtMinor;
      if (compareAt !== null && compareAt <= price) {
        throw validationError('The compare-at price must be more than the price.', { fields: [{ path: 'compareAtMinor', message: 'must be more than the price' }] });
      }
      const changed = changedKeys(before, input);
      let row = before;
      if (changed.length > 0) {
        [row] = (await tx
          .update(productVariants)
          .set({ ...input, updatedAt: ctx.now })
          .where(where)
          .returning()) as [typeof before];
        await refreshPriceMin(tx, orgId, productId, ctx.now);
        await recordAudit(tx, ctx, { organizationId: orgId, action: 'product_variant.updated', entity: 'product_variant', entityId: id, changes: auditChanges(before, row, changed) });
      }
      const [stock] = await tx.select().from(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, row.stockItemId)));
      return presentVariant({ ...row, stockItem: stock! });
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

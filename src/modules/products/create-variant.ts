import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { productVariants, stockItems } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentVariant } from './present';
import { productOf, refreshPriceMin, translateProductConflict } from './queries';
import type { createVariantInput, VariantDto } from './schemas';

/**
 * A variant of a product, drawing on a stock item: an existing one of the organization
 * (`stockItemId`: a single towel and a 3-pack share one shelf, `unitsPerVariant` each) or a new
 * one (`stock`, code defaulting to the SKU). The product's lowest price follows.
 */
export async function createVariant(ctx: Ctx, productId: string, input: z.output<typeof createVariantInput>): Promise<VariantDto> {
  authorize(ctx, 'products:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      await productOf(tx, orgId, productId, true);
      // The SKU first: a new stock item's code defaults to it and would collide first.
      const [taken] = await tx.select({ id: productVariants.id }).from(productVariants).where(and(eq(productVariants.organizationId, orgId), eq(productVariants.sku, input.sku)));
      if (taken) throw conflict('Another variant already uses this SKU.', { field: 'sku' });
      let stock;
      if (input.stockItemId) {
        [stock] = await tx.select().from(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, input.stockItemId))).for('key share');
        if (!stock) throw notFound('Stock item');
      } else {
        const s = input.stock ?? { onHand: 0, lowStockThreshold: 5 };
        [stock] = await tx
          .insert(stockItems)
          .values({ id: newId('stockItem'), organizationId: orgId, code: s.code ?? input.sku, onHand: s.onHand, lowStockThreshold: s.lowStockThreshold, createdAt: ctx.now, updatedAt: ctx.now })
          .returning();
      }
      const { stockItemId: _s, stock: _n, ...fields } = input;
      const [row] = await tx
        .insert(productVariants)
        .values({ id: newId('productVariant'), organizationId: orgId, productId, ...fields, stockItemId: stock!.id, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await refreshPriceMin(tx, orgId, productId, ctx.now);
      const dto = presentVariant({ ...row!, stockItem: stock! });
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'product_variant.created', entity: 'product_variant', entityId: row!.id, changes: { after: dto } });
      return dto;
    });
  } catch (err) {
    translateProductConflict(err);
  }
}

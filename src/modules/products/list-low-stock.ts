import type { z } from 'zod';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { products, productVariants, stockItems } from '@/db/schema';
import { pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentStockItem } from './present';
import { ticketStockSql } from './queries';
import type { LowStockPage, lowStockQuery } from './schemas';

/** Stock items whose available units (on hand − reserved) are at or under their threshold, emptiest first, with the variants that draw on them. */
export async function listLowStock(ctx: Ctx, q: z.output<typeof lowStockQuery>): Promise<LowStockPage> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    // Events' seats (a ticket type's limit, an event's capacity pool) are not shelf stock: modules/events shows them.
    const where = and(eq(stockItems.organizationId, orgId), sql`${stockItems.onHand} - ${stockItems.reserved} <= ${stockItems.lowStockThreshold}`, sql`not ${ticketStockSql(orgId)}`);
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(stockItems)
      .where(where)
      .orderBy(sql`${stockItems.onHand} - ${stockItems.reserved}`, asc(stockItems.code))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(stockItems).where(where);
    const variants = rows.length
      ? await tx
          .select({ id: productVariants.id, sku: productVariants.sku, title: productVariants.title, productId: productVariants.productId, productTitle: products.title, stockItemId: productVariants.stockItemId })
          .from(productVariants)
          .innerJoin(products, and(eq(products.organizationId, productVariants.organizationId), eq(products.id, productVariants.productId)))
          .where(and(eq(productVariants.organizationId, orgId), inArray(productVariants.stockItemId, rows.map((r) => r.id))))
          .orderBy(asc(productVariants.sku))
      : [];
    return toPage(
      rows.map((r) => ({ ...presentStockItem(r), variants: variants.filter((v) => v.stockItemId === r.id).map(({ stockItemId: _s, ...v }) => v) })),
      total?.n ?? 0,
      q,
    );
  });
}

import type { z } from 'zod';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { products } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentProduct } from './present';
import { categoryAndDescendants, searchMatch, searchRank, variantsOf } from './queries';
import type { listProductsQuery, ProductDto } from './schemas';

/** The admin's product list: any status (or one), a category with those under it, and search (`q`, ranked). */
export async function listProducts(ctx: Ctx, q: z.output<typeof listProductsQuery>): Promise<Page<ProductDto>> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    // Events' ticket products are managed through modules/events, not the dashboard's product pages.
    const where: SQL[] = [eq(products.organizationId, orgId), eq(products.kind, 'product')];
    if (q.status) where.push(eq(products.status, q.status));
    if (q.categoryId) where.push(inArray(products.categoryId, await categoryAndDescendants(tx, orgId, q.categoryId)));
    if (q.q) {
      where.push(searchMatch(q.q));
    }
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(products)
      .where(and(...where))
      .orderBy(...(q.q ? searchRank(q.q) : []), desc(products.createdAt), desc(products.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(products).where(and(...where));
    const variants = await variantsOf(tx, orgId, rows.map((r) => r.id));
    return toPage(
      rows.map((r) => presentProduct(r, variants.get(r.id) ?? [])),
      total?.n ?? 0,
      q,
    );
  });
}

import { asc, eq } from 'drizzle-orm';
import { productCategories } from '@/db/schema';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentCategory } from './present';
import type { CategoryList } from './schemas';

/** Every category of the organization (a shop has tens), parents before children's order by position; the client builds the tree from parentId. */
export async function listCategories(ctx: Ctx): Promise<CategoryList> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(productCategories)
      .where(eq(productCategories.organizationId, orgId))
      .orderBy(asc(productCategories.position), asc(productCategories.name))
      .limit(1000);
    return { data: rows.map(presentCategory) };
  });
}

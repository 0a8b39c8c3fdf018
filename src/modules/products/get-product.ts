import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentProduct } from './present';
import { productOf, variantsOf } from './queries';
import type { ProductDto } from './schemas';

/** One product of the organization with its variants and their stock (any status). */
export async function getProduct(ctx: Ctx, id: string): Promise<ProductDto> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const row = await productOf(tx, orgId, id);
    return presentProduct(row, (await variantsOf(tx, orgId, [id])).get(id) ?? []);
  });
}

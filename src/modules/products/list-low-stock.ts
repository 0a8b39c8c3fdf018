import type { z } from 'zod';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { stockItemsPage } from './list-stock-items';
import type { LowStockPage, lowStockQuery } from './schemas';

/** Stock items whose available units (on hand − reserved) are at or under their threshold, emptiest first, with the variants and add-ons that draw on them. */
export async function listLowStock(ctx: Ctx, q: z.output<typeof lowStockQuery>): Promise<LowStockPage> {
  authorize(ctx, 'catalog:read');
  return tenantTx(ctx, (tx) => stockItemsPage(tx, ctx.tenant.id, q, { lowOnly: true }));
}

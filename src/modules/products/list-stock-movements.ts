import type { z } from 'zod';
import { and, count, desc, eq } from 'drizzle-orm';
import { stockItems, stockMovements } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound } from '@/lib/errors';
import { pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import type { movementsQuery, StockMovementPage } from './schemas';

/** A stock item's ledger, newest first. */
export async function listStockMovements(ctx: Ctx, stockItemId: string, q: z.output<typeof movementsQuery>): Promise<StockMovementPage> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [item] = await tx.select({ id: stockItems.id }).from(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, stockItemId)));
    if (!item) throw notFound('Stock item');
    const where = and(eq(stockMovements.organizationId, orgId), eq(stockMovements.stockItemId, stockItemId));
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(stockMovements).where(where).orderBy(desc(stockMovements.createdAt), desc(stockMovements.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(stockMovements).where(where);
    return toPage(
      rows.map((m) => ({ id: m.id, stockItemId: m.stockItemId, delta: m.delta, reason: m.reason, onHandAfter: m.onHandAfter, reservedAfter: m.reservedAfter, actorName: m.actorName, createdAt: iso(m.createdAt) })),
      total?.n ?? 0,
      q,
    );
  });
}

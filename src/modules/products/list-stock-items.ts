import type { z } from 'zod';
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { products, productVariants, serviceAddons, stockItems } from '@/db/schema';
import { pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentStockItem } from './present';
import { ticketStockSql } from './queries';
import type { LowStockPage, lowStockQuery } from './schemas';

/**
 * A page of shelf stock items (events' seats are modules/events'), with the variants and the
 * bookings' add-ons that draw on them. `reserved` counts open orders' holds and active
 * bookings' add-on holds alike (decisions 0015 and 0018).
 */
export async function stockItemsPage(tx: Tx, orgId: string, q: z.output<typeof lowStockQuery>, opts: { lowOnly: boolean }): Promise<LowStockPage> {
  const filters: SQL[] = [eq(stockItems.organizationId, orgId), sql`not ${ticketStockSql(orgId)}`];
  if (opts.lowOnly) filters.push(sql`${stockItems.onHand} - ${stockItems.reserved} <= ${stockItems.lowStockThreshold}`);
  const where = and(...filters);
  const { limit, offset } = pageOffset(q);
  const rows = await tx
    .select()
    .from(stockItems)
    .where(where)
    .orderBy(...(opts.lowOnly ? [sql`${stockItems.onHand} - ${stockItems.reserved}`, asc(stockItems.code)] : [asc(stockItems.code)]))
    .limit(limit)
    .offset(offset);
  const [total] = await tx.select({ n: count() }).from(stockItems).where(where);
  const ids = rows.map((r) => r.id);
  const variants = ids.length
    ? await tx
        .select({ id: productVariants.id, sku: productVariants.sku, title: productVariants.title, productId: productVariants.productId, productTitle: products.title, stockItemId: productVariants.stockItemId })
        .from(productVariants)
        .innerJoin(products, and(eq(products.organizationId, productVariants.organizationId), eq(products.id, productVariants.productId)))
        .where(and(eq(productVariants.organizationId, orgId), inArray(productVariants.stockItemId, ids)))
        .orderBy(asc(productVariants.sku))
    : [];
  const addons = ids.length
    ? await tx
        .select({ id: serviceAddons.id, name: serviceAddons.name, serviceId: serviceAddons.serviceId, stockItemId: serviceAddons.stockItemId })
        .from(serviceAddons)
        .where(and(eq(serviceAddons.organizationId, orgId), inArray(serviceAddons.stockItemId, ids)))
        .orderBy(asc(serviceAddons.name), asc(serviceAddons.id))
    : [];
  return toPage(
    rows.map((r) => ({
      ...presentStockItem(r),
      variants: variants.filter((v) => v.stockItemId === r.id).map(({ stockItemId: _s, ...v }) => v),
      addons: addons.filter((a) => a.stockItemId === r.id).map(({ stockItemId: _s, ...a }) => a),
    })),
    total?.n ?? 0,
    q,
  );
}

/** Every shelf stock item, by code: what a service's add-on may draw on (the add-on editor's choice). */
export async function listStockItems(ctx: Ctx, q: z.output<typeof lowStockQuery>): Promise<LowStockPage> {
  authorize(ctx, 'catalog:read');
  return tenantTx(ctx, (tx) => stockItemsPage(tx, ctx.tenant.id, q, { lowOnly: false }));
}

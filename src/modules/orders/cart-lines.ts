/** What the cart's mutations share: the live checks of a variant and the answer after the change. */
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import { events, products, productVariants, stockItems } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import type { Ctx, Tenant } from '@/modules/kernel';
import type { OpenedCart } from './cart-store';
import { judgeLines, presentCart, readCartLines, ticketOnSale } from './cart-view';
import { fill, ordersText } from './messages';
import type { CartAnswer } from './get-cart';
import { readShopSettings } from './shop-settings';

const poolStock = alias(stockItems, 'pool_stock');

/**
 * The variant, its product and its stock item's free units, or 404 (another organization's: 404
 * too). An event ticket's free units are also bounded by its event's capacity pool.
 */
export async function sellableVariant(tx: Tx, orgId: string, variantId: string) {
  const [row] = await tx
    .select({
      variant: productVariants,
      status: products.status,
      kind: products.kind,
      free: stockItems.onHand,
      reserved: stockItems.reserved,
      pool: { onHand: poolStock.onHand, reserved: poolStock.reserved },
      event: { status: events.status, salesStartAt: events.salesStartAt, salesEndAt: events.salesEndAt, startsAt: events.startsAt },
      currency: products.currency,
    })
    .from(productVariants)
    .innerJoin(products, and(eq(products.organizationId, productVariants.organizationId), eq(products.id, productVariants.productId)))
    .innerJoin(stockItems, and(eq(stockItems.organizationId, productVariants.organizationId), eq(stockItems.id, productVariants.stockItemId)))
    .leftJoin(poolStock, and(eq(poolStock.organizationId, productVariants.organizationId), eq(poolStock.id, productVariants.poolStockItemId)))
    .leftJoin(events, and(eq(events.organizationId, products.organizationId), eq(events.productId, products.id)))
    .where(and(eq(productVariants.organizationId, orgId), eq(productVariants.id, variantId)));
  // A draft product is not for sale and not shown: as if it did not exist.
  if (!row || row.status === 'draft') throw notFound('Product');
  return row;
}

/** Refuses a quantity the shop cannot sell now: archived or inactive, or more than is free. */
export function checkSellable(ctx: Ctx, row: Awaited<ReturnType<typeof sellableVariant>>, quantity: number): void {
  const t = ordersText(ctx.request.locale);
  if (row.status === 'archived') throw conflict(t.lineProblems.archived, { reason: 'archived' });
  if (!row.variant.active) throw conflict(t.lineProblems.inactive, { reason: 'inactive' });
  if (row.kind === 'ticket' && !(row.event && ticketOnSale(row.event, ctx.now))) throw conflict(t.lineProblems.sales_closed, { reason: 'sales_closed' });
  const free = Math.min(Math.max(0, row.free - row.reserved), row.pool ? Math.max(0, row.pool.onHand - row.pool.reserved) : Infinity);
  const available = Math.floor(free / row.variant.unitsPerVariant);
  if (available === 0) throw conflict(t.lineProblems.out_of_stock, { reason: 'out_of_stock', available: 0 });
  if (quantity > available) throw conflict(fill(t.lineProblems.insufficient_stock, { available }), { reason: 'insufficient_stock', available });
}

export async function cartAnswer(tx: Tx, ctx: Ctx & { tenant: Tenant }, opened: OpenedCart): Promise<CartAnswer> {
  const orgId = ctx.tenant.id;
  const rows = opened.cart ? await readCartLines(tx, orgId, opened.cart.id) : [];
  const settings = await readShopSettings(tx, orgId);
  const cart = presentCart(opened.cart?.id ?? null, judgeLines(rows, { checkPrice: true, now: ctx.now }), { settings, currency: ctx.tenant.currency, locale: ctx.request.locale, promo: null });
  return { cart, newToken: opened.newToken, clearToken: opened.clearToken };
}

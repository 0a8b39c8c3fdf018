/**
 * A cart as the customer sees it: each line with its current price, the stock free now and why
 * it cannot be bought; lines that draw on one stock item are judged together (a towel and a
 * three-pack of towels share the towels). Totals are computed here, on the server, with the
 * same functions the checkout charges with (pricing.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { alias } from 'drizzle-orm/pg-core';
import { cartLines, events, productCategories, products, productVariants, stockItems } from '@/db/schema';
import { fill, formatMoney, type OrdersLocale, ordersText } from './messages';
import { type PricedLine, totalsOf } from './pricing';
import type { PointsPreviewDto } from '@/modules/loyalty/schemas';
import type { CartDto, LineProblem, PromoOutcomeDto } from './schemas';
import type { ResolvedShopSettings } from './shop-settings';

/**
 * A product's category and every category above it (a promo code on "Car care" covers the
 * shampoo filed under "Car care › Washing"). The tree has no loops (modules/products refuses
 * them); the depth bound only caps the work if one were written by hand.
 */
const categoryPath = (orgId: string) => sql<string[]>`(
  with recursive up(id, parent_id, depth) as (
    select c.id, c.parent_id, 1 from ${productCategories} c where c.organization_id = ${orgId} and c.id = ${products.categoryId}
    union all
    select c.id, c.parent_id, up.depth + 1 from ${productCategories} c join up on c.id = up.parent_id where c.organization_id = ${orgId} and up.depth < 16
  ) select coalesce(array_agg(id), '{}'::text[]) from up)`;

const poolStock = alias(stockItems, 'pool_stock');

export async function readCartLines(db: Executor, orgId: string, cartId: string) {
  return db
    .select({
      line: cartLines,
      variant: productVariants,
      product: { id: products.id, slug: products.slug, title: products.title, status: products.status, images: products.images, categoryId: products.categoryId, currency: products.currency },
      categoryPath: categoryPath(orgId),
      stock: { id: stockItems.id, onHand: stockItems.onHand, reserved: stockItems.reserved },
      /** An event ticket's second stock item: the event's capacity (modules/events). */
      pool: { id: poolStock.id, onHand: poolStock.onHand, reserved: poolStock.reserved },
      kind: products.kind,
      event: { status: events.status, salesStartAt: events.salesStartAt, salesEndAt: events.salesEndAt, startsAt: events.startsAt },
    })
    .from(cartLines)
    .innerJoin(productVariants, and(eq(productVariants.organizationId, cartLines.organizationId), eq(productVariants.id, cartLines.variantId)))
    .innerJoin(products, and(eq(products.organizationId, productVariants.organizationId), eq(products.id, productVariants.productId)))
    .innerJoin(stockItems, and(eq(stockItems.organizationId, productVariants.organizationId), eq(stockItems.id, productVariants.stockItemId)))
    .leftJoin(poolStock, and(eq(poolStock.organizationId, productVariants.organizationId), eq(poolStock.id, productVariants.poolStockItemId)))
    .leftJoin(events, and(eq(events.organizationId, products.organizationId), eq(events.productId, products.id)))
    .where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, cartId)))
    .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
}
export type CartLineRow = Awaited<ReturnType<typeof readCartLines>>[number];

export interface JudgedLine {
  row: CartLineRow;
  available: number;
  problems: { code: LineProblem; available?: number; fromMinor?: number; toMinor?: number }[];
}

/**
 * An event ticket's sales state (modules/events decides the same in salesState): on sale when the
 * event is published, its sales window is open and it has not begun.
 */
export function ticketOnSale(event: { status: string | null; salesStartAt: Date | null; salesEndAt: Date | null; startsAt: Date | null }, now: Date): boolean {
  if (event.status !== 'published' || !event.startsAt) return false;
  if (event.salesStartAt && now < event.salesStartAt) return false;
  return !((event.salesEndAt && now >= event.salesEndAt) || now >= event.startsAt);
}

const freeOf = (s: { onHand: number; reserved: number }) => Math.max(0, s.onHand - s.reserved);

/**
 * Each line's problems, units summed per stock item first — a ticket's units counted on its own
 * stock item AND on its event's capacity pool, so two ticket types of one event are judged
 * together against the seats left. `now` judges events' sales windows.
 */
export function judgeLines(rows: CartLineRow[], opts: { checkPrice: boolean; now: Date }): JudgedLine[] {
  const need = new Map<string, number>();
  const add = (id: string, units: number) => need.set(id, (need.get(id) ?? 0) + units);
  for (const r of rows) {
    add(r.stock.id, r.line.quantity * r.variant.unitsPerVariant);
    if (r.pool?.id) add(r.pool.id, r.line.quantity * r.variant.unitsPerVariant);
  }
  return rows.map((row) => {
    const pool = row.pool?.id ? row.pool : null;
    const free = Math.min(freeOf(row.stock), pool ? freeOf(pool) : Infinity);
    const available = Math.floor(free / row.variant.unitsPerVariant);
    const short = need.get(row.stock.id)! > freeOf(row.stock) || (pool !== null && need.get(pool.id!)! > freeOf(pool));
    const problems: JudgedLine['problems'] = [];
    if (row.product.status === 'archived') problems.push({ code: 'archived' });
    else if (row.product.status !== 'active' || !row.variant.active) problems.push({ code: 'inactive' });
    else if (row.kind === 'ticket' && !ticketOnSale(row.event ?? { status: null, salesStartAt: null, salesEndAt: null, startsAt: null }, opts.now)) problems.push({ code: 'sales_closed' });
    else if (available === 0) problems.push({ code: 'out_of_stock', available: 0 });
    else if (short) problems.push({ code: 'insufficient_stock', available });
    if (opts.checkPrice && row.line.priceSeenMinor !== row.variant.priceMinor) problems.push({ code: 'price_changed', fromMinor: row.line.priceSeenMinor, toMinor: row.variant.priceMinor });
    return { row, available, problems };
  });
}

export const pricedLine = (r: CartLineRow): PricedLine => ({ productId: r.product.id, categoryIds: r.categoryPath, unitPriceMinor: r.variant.priceMinor, quantity: r.line.quantity });

export function presentCart(
  cartId: string | null,
  judged: JudgedLine[],
  opts: { settings: ResolvedShopSettings; currency: string; locale?: OrdersLocale; promo: PromoOutcomeDto | null; fulfilment?: 'shipping' | 'pickup' | 'digital'; points?: PointsPreviewDto | null },
): CartDto {
  const t = ordersText(opts.locale);
  const money = (m: number) => formatMoney(m, opts.currency, opts.locale);
  const lines = judged.map(({ row, available, problems }) => ({
    id: row.line.id,
    variantId: row.variant.id,
    productId: row.product.id,
    productSlug: row.product.slug,
    productTitle: row.product.title,
    variantTitle: row.variant.title,
    sku: row.variant.sku,
    image: row.product.images[0] ?? null,
    quantity: row.line.quantity,
    unitPriceMinor: row.variant.priceMinor,
    lineTotalMinor: row.variant.priceMinor * row.line.quantity,
    available: Math.min(available, row.line.quantity + 99),
    purchasable: problems.length === 0,
    problems: problems.map((p) => ({
      ...p,
      message: fill(t.lineProblems[p.code], { available: p.available ?? 0, from: p.fromMinor === undefined ? '' : money(p.fromMinor), to: p.toMinor === undefined ? '' : money(p.toMinor) }),
    })),
  }));
  const subtotal = lines.reduce((s, l) => s + l.lineTotalMinor, 0);
  // Previewed points come off after the promo code, as at checkout (part of the discount there too).
  const discount = (opts.promo?.applies ? opts.promo.discountMinor : 0) + (opts.points?.using?.discountMinor ?? 0);
  const digital = judged.length > 0 && judged.every((j) => j.row.kind === 'ticket');
  const fulfilment = opts.fulfilment ?? (digital ? 'digital' : opts.settings.shippingEnabled && !opts.settings.pickupEnabled ? 'shipping' : null);
  const totals = totalsOf(subtotal, discount, fulfilment ?? null, opts.settings);
  return {
    id: cartId,
    lines,
    itemCount: lines.reduce((s, l) => s + l.quantity, 0),
    purchasable: lines.length > 0 && lines.every((l) => l.purchasable),
    totals: { currency: opts.currency, ...totals },
    promo: opts.promo,
    points: opts.points ?? null,
    fulfilmentOptions: {
      shipping: opts.settings.shippingEnabled,
      pickup: opts.settings.pickupEnabled,
      digital,
      shippingFeeMinor: opts.settings.shippingFeeMinor,
      freeShippingOverMinor: opts.settings.freeShippingOverMinor,
    },
  };
}

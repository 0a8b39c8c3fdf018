/** What the storefront's reads share: the summary of a product card, read in one statement. */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { ContentLocale } from '@/db/enums';
import { products, productVariants, stockItems } from '@/db/schema';
import { localized, ratingAverage } from './present';
import type { ProductRow } from './queries';
import type { PublicProductSummaryDto } from './schemas';

// Qualified by hand: drizzle leaves columns of a one-table select unqualified, and inside
// these subqueries "id" would be the variant's.
const P_ORG = sql.raw('"products"."organization_id"');
const P_ID = sql.raw('"products"."id"');

/**
 * True when some active variant of the product can be bought now (its units available). A
 * scalar subquery with LIMIT 1, not EXISTS: the planner turns EXISTS into a hashed subplan that
 * reads every variant of the shop for a page of 20 (25 ms at 10,000 products, against a few
 * index probes).
 */
export const inStockSql = sql<boolean>`(coalesce((
  select true from ${productVariants} v join ${stockItems} s on s.organization_id = v.organization_id and s.id = v.stock_item_id
  where v.organization_id = ${P_ORG} and v.product_id = ${P_ID} and v.active and s.on_hand - s.reserved >= v.units_per_variant limit 1), false))`;

/** The cheapest active variant's compare-at price. */
const compareAtSql = sql<number | null>`(
  select v.compare_at_minor from ${productVariants} v
  where v.organization_id = ${P_ORG} and v.product_id = ${P_ID} and v.active
  order by v.price_minor, v.position limit 1)`;

export const summaryColumns = { product: products, inStock: inStockSql.as('in_stock'), compareAt: compareAtSql.as('compare_at') };

export function presentSummary(r: { product: ProductRow; inStock: boolean; compareAt: number | null }, lang: ContentLocale, baseLocale: ContentLocale): PublicProductSummaryDto {
  const p = r.product;
  return {
    id: p.id,
    slug: p.slug,
    title: localized(p.title, p.translations, lang, baseLocale, 'title'),
    image: p.images[0] ?? null,
    featured: p.featured,
    currency: p.currency,
    priceMinMinor: p.priceMinMinor,
    compareAtMinor: r.compareAt ?? null,
    tags: p.tags,
    categoryId: p.categoryId,
    inStock: !!r.inStock,
    ratingAverage: ratingAverage(p),
    ratingCount: p.ratingCount,
  };
}

export async function summaries(tx: Tx, where: SQL | undefined, order: SQL[], limit: number, offset = 0) {
  return tx
    .select(summaryColumns)
    .from(products)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

/** What the storefront shows: active shop products (an event's hidden ticket product, kind 'ticket', never). */
export const activeIn = (organizationId: string) => and(eq(products.organizationId, organizationId), eq(products.status, 'active'), eq(products.kind, 'product'));

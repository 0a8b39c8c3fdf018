/** Shared reads, locks, search fragments and the conflict mapping of the products module. */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { ContentLocale } from '@/db/enums';
import { organizations, productCategories, products, productVariants, stockItems } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { organizationSchemas } from '@/modules/organizations';

export type CategoryRow = typeof productCategories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof productVariants.$inferSelect;
export type StockItemRow = typeof stockItems.$inferSelect;
export type VariantWithStock = VariantRow & { stockItem: StockItemRow };

/** The text-search configuration of an organization's own texts. */
export function searchConfigOf(locale: string): 'english' | 'spanish' {
  return locale.toLowerCase().startsWith('es') ? 'spanish' : 'english';
}

/** The content language of an organization's base texts. */
export function baseLocaleOf(locale: string): ContentLocale {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Serialises category-tree changes of one organization (the cycle check walks the tree). */
export async function lockCategoryTree(tx: Tx, organizationId: string): Promise<void> {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('no key update');
}

export async function productOf(tx: Tx, organizationId: string, productId: string, lock = false): Promise<ProductRow> {
  // A ticket product (kind 'ticket') belongs to its event (modules/events): not editable here.
  const q = tx.select().from(products).where(and(eq(products.organizationId, organizationId), eq(products.id, productId), eq(products.kind, 'product')));
  const [row] = lock ? await q.for('no key update') : await q;
  if (!row) throw notFound('Product');
  return row;
}

export async function categoryExists(tx: Tx, organizationId: string, categoryId: string): Promise<void> {
  const [row] = await tx
    .select({ id: productCategories.id })
    .from(productCategories)
    .where(and(eq(productCategories.organizationId, organizationId), eq(productCategories.id, categoryId)))
    .for('key share');
  if (!row) throw notFound('Category');
}

/** The variants of these products (by position) with their stock items. */
export async function variantsOf(tx: Tx, organizationId: string, productIds: string[]): Promise<Map<string, VariantWithStock[]>> {
  const out = new Map<string, VariantWithStock[]>();
  if (productIds.length === 0) return out;
  const rows = await tx
    .select({ v: productVariants, s: stockItems })
    .from(productVariants)
    .innerJoin(stockItems, and(eq(stockItems.organizationId, productVariants.organizationId), eq(stockItems.id, productVariants.stockItemId)))
    .where(and(eq(productVariants.organizationId, organizationId), inArray(productVariants.productId, productIds)))
    .orderBy(asc(productVariants.position), asc(productVariants.createdAt), asc(productVariants.id));
  for (const r of rows) {
    const list = out.get(r.v.productId) ?? [];
    list.push({ ...r.v, stockItem: r.s });
    out.set(r.v.productId, list);
  }
  return out;
}

/** products.price_min_minor = the lowest active variant price (0 without one): list sort and price filter read it. */
export async function refreshPriceMin(tx: Tx, organizationId: string, productId: string, now: Date): Promise<void> {
  await tx
    .update(products)
    .set({
      priceMinMinor: sql`coalesce((select min(${productVariants.priceMinor}) from ${productVariants} where ${productVariants.organizationId} = ${organizationId} and ${productVariants.productId} = ${productId} and ${productVariants.active}), 0)`,
      updatedAt: now,
    })
    .where(and(eq(products.organizationId, organizationId), eq(products.id, productId)));
}

/** A category and every category under it. */
export async function categoryAndDescendants(tx: Tx, organizationId: string, categoryId: string): Promise<string[]> {
  const res = await tx.execute<{ id: string }>(sql`
    with recursive sub(id) as (
      select id from product_categories where organization_id = ${organizationId} and id = ${categoryId}
      union
      select c.id from product_categories c join sub on c.parent_id = sub.id where c.organization_id = ${organizationId}
    ) select id from sub`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}

/** From the top of the tree down to this category. */
export async function categoryPath(tx: Tx, organizationId: string, categoryId: string): Promise<CategoryRow[]> {
  const all = await tx.select().from(productCategories).where(eq(productCategories.organizationId, organizationId));
  const byId = new Map(all.map((c) => [c.id, c]));
  const path: CategoryRow[] = [];
  for (let c = byId.get(categoryId); c && path.length < 100; c = c.parentId ? byId.get(c.parentId) : undefined) path.unshift(c);
  return path;
}

export function rowsOf<T>(res: unknown): T[] {
  return Array.isArray(res) ? (res as T[]) : ((res as { rows: T[] }).rows ?? []);
}

// ─── Search ─────────────────────────────────────────────────────────────────────────────────

/**
 * The query in every language the documents are written in: each text is indexed in its own
 * language's configuration (migration 0022), so the words are stemmed each way and OR-ed;
 * `simple` catches tags and words no stemmer knows. Accents are folded like the documents'.
 */
export function tsQuery(q: string): SQL {
  const u = sql`bookline_unaccent(${q})`;
  return sql`(websearch_to_tsquery('english'::regconfig, ${u}) || websearch_to_tsquery('spanish'::regconfig, ${u}) || websearch_to_tsquery('simple'::regconfig, ${u}))`;
}

/** The folded query the trigram column is compared with. */
export function trigramQuery(q: string): SQL {
  return sql`lower(bookline_unaccent(${q}))`;
}

/**
 * Matches the full-text query, or (typos) a word of the titles and tags close enough by
 * trigrams; with `suggest`, a substring of the titles and tags or a close word. The ids come
 * from bookline_product_search (migration 0022), which reads the GIN indexes for the
 * transaction's tenant: under row-level security the planner cannot use them for these
 * operators and would evaluate them on every product of the shop.
 */
export function searchMatch(q: string, suggest = false): SQL {
  return sql`${sql.raw('"products"."id"')} in (select bookline_product_search(${q}, ${suggest}))`;
}

/** Full-text rank first, then trigram closeness (what a typo still matches). */
export function searchRank(q: string): SQL[] {
  return [
    sql`ts_rank(${sql.raw('"products"."search_vector"')}, ${tsQuery(q)}) desc`,
    sql`word_similarity(${trigramQuery(q)}, ${sql.raw('"products"."search_text"')}) desc`,
  ];
}

// ─── Conflicts ──────────────────────────────────────────────────────────────────────────────

function constraintOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

const uniqueFields: Record<string, { field: string; message: string }> = {
  products_organization_slug_uq: { field: 'slug', message: 'Another product already uses this slug.' },
  product_categories_organization_slug_uq: { field: 'slug', message: 'Another category already uses this slug.' },
  product_variants_organization_sku_uq: { field: 'sku', message: 'Another variant already uses this SKU.' },
  stock_items_organization_code_uq: { field: 'stock.code', message: 'Another stock item already uses this code.' },
};

/** Unique indexes → 409 naming the field; the stock CHECKs → 409 saying what is reserved. */
export function translateProductConflict(err: unknown): never {
  const state = sqlState(err);
  const constraint = constraintOf(err);
  if (state === '23505' && constraint && uniqueFields[constraint]) {
    const { field, message } = uniqueFields[constraint];
    throw conflict(message, { field });
  }
  if (state === '23514' && constraint?.startsWith('stock_items_')) {
    throw conflict('That would leave fewer units on hand than are reserved by checkouts, open orders and bookings’ add-ons.', { field: 'delta' });
  }
  if (state === '23505') throw conflict('That collides with another row (a slug, SKU or code is taken).');
  throw err;
}

// ─── Public organization lookup ─────────────────────────────────────────────────────────────

export interface PublicOrg {
  id: string;
  slug: string;
  currency: string;
  locale: string;
}

/** The organization of a public URL; anything malformed or unknown is not found. */
export async function findPublicOrg(ctx: Ctx, slug: string): Promise<PublicOrg> {
  const parsed = organizationSchemas.slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  const [org] = await ctx.db
    .select({ id: organizations.id, slug: organizations.slug, currency: organizations.currency, locale: organizations.locale })
    .from(organizations)
    .where(eq(organizations.slug, parsed.data))
    .limit(1);
  if (!org) throw notFound('Organization');
  return org;
}

/** The language a public answer speaks: ?lang, else Accept-Language, else the organization's. */
export function publicLocale(ctx: Ctx, org: PublicOrg, lang: ContentLocale | undefined): ContentLocale {
  return lang ?? ctx.request.locale ?? baseLocaleOf(org.locale);
}

/**
 * True for a stock item of an event's seats — a ticket type's own limit or an event's capacity
 * pool (modules/events owns them; the shop's stock pages and adjustments leave them alone).
 */
export const ticketStockSql = (orgId: string) => sql<boolean>`exists (select 1 from ${productVariants} v join ${products} p on p.organization_id = v.organization_id and p.id = v.product_id
      where v.organization_id = ${orgId} and p.kind = 'ticket' and (v.stock_item_id = ${stockItems.id} or v.pool_stock_item_id = ${stockItems.id}))`;

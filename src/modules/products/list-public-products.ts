import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { productCategories, products } from '@/db/schema';
import { pageOffset, toPage } from '@/lib/pagination';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { baseLocaleOf, categoryAndDescendants, findPublicOrg, publicLocale, searchMatch, searchRank } from './queries';
import type { PublicProductPage, PublicProductsQuery } from './schemas';
import { activeIn, inStockSql, presentSummary, summaries } from './storefront';

/**
 * The shop's product grid: active products only, filtered by category (with the categories
 * under it), tag, price range (the lowest variant price, minor units) and stock; sorted by
 * featured, newest, price, rating, or with `q` by relevance (full-text rank, then trigram
 * closeness for typos). Texts in the asked language with a fallback to the organization's.
 */
export async function listPublicProducts(ctx: Ctx, slug: string, q: PublicProductsQuery): Promise<PublicProductPage> {
  const org = await findPublicOrg(ctx, slug);
  const lang = publicLocale(ctx, org, q.lang);
  const base = baseLocaleOf(org.locale);
  return tenantTx(
    ctx,
    async (tx) => {
      const where: (SQL | undefined)[] = [activeIn(org.id)];
      if (q.category) {
        const [cat] = await tx.select({ id: productCategories.id }).from(productCategories).where(and(eq(productCategories.organizationId, org.id), eq(productCategories.slug, q.category.toLowerCase())));
        where.push(cat ? inArray(products.categoryId, await categoryAndDescendants(tx, org.id, cat.id)) : sql`false`);
      }
      if (q.tag) where.push(sql`${products.tags} @> array[${q.tag.toLowerCase()}]::text[]`);
      if (q.minPrice !== undefined) where.push(gte(products.priceMinMinor, q.minPrice));
      if (q.maxPrice !== undefined) where.push(lte(products.priceMinMinor, q.maxPrice));
      if (q.inStock !== undefined) where.push(q.inStock ? inStockSql : sql`not ${inStockSql}`);
      if (q.q) {
        where.push(searchMatch(q.q));
      }
      const sort = q.sort ?? (q.q ? 'relevance' : 'featured');
      const order: SQL[] = {
        relevance: q.q ? searchRank(q.q) : [desc(products.featured)],
        featured: [desc(products.featured), desc(products.createdAt)],
        newest: [desc(products.createdAt)],
        price_asc: [asc(products.priceMinMinor)],
        price_desc: [desc(products.priceMinMinor)],
        rating: [sql`(case when ${products.ratingCount} > 0 then ${products.ratingSum}::float / ${products.ratingCount} end) desc nulls last`, desc(products.ratingCount)],
      }[sort];
      const { limit, offset } = pageOffset(q);
      const rows = await summaries(tx, and(...where), [...order, desc(products.id)], limit, offset);
      const [total] = await tx.select({ n: count() }).from(products).where(and(...where));
      return { ...toPage(rows.map((r) => presentSummary(r, lang, base)), total?.n ?? 0, q), locale: lang };
    },
    org.id,
  );
}

import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { ContentLocale } from '@/db/enums';
import { products } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { localized, presentPublicCategory, ratingAverage, variantAvailability } from './present';
import { baseLocaleOf, categoryPath, findPublicOrg, publicLocale, variantsOf } from './queries';
import { MAX_RELATED, type PublicProductDto } from './schemas';
import { activeIn, presentSummary, summaries } from './storefront';

/**
 * One active product by slug: its active variants with what can be bought (in stock / low —
 * then with how many — / out), the category path, related products (same category or shared
 * tags, active, itself excluded) and its rating.
 */
export async function getPublicProduct(ctx: Ctx, slug: string, productSlug: string, lang?: ContentLocale): Promise<PublicProductDto> {
  const org = await findPublicOrg(ctx, slug);
  const locale = publicLocale(ctx, org, lang);
  const base = baseLocaleOf(org.locale);
  return tenantTx(
    ctx,
    async (tx) => {
      const [p] = await tx
        .select()
        .from(products)
        .where(and(activeIn(org.id), eq(products.slug, productSlug.toLowerCase())));
      if (!p) throw notFound('Product');
      const variants = ((await variantsOf(tx, org.id, [p.id])).get(p.id) ?? []).filter((v) => v.active);
      const path = p.categoryId ? await categoryPath(tx, org.id, p.categoryId) : [];
      const sameCategory = p.categoryId ? sql`${products.categoryId} = ${p.categoryId}` : sql`false`;
      const sharedTags = sql`${products.tags} && ${sql.raw('array[')}${sql.join(
        p.tags.map((t) => sql`${t}`),
        sql`, `,
      )}${sql.raw(']::text[]')}`;
      const related = await summaries(
        tx,
        and(activeIn(org.id), ne(products.id, p.id), p.tags.length ? sql`(${sameCategory} or ${sharedTags})` : sameCategory),
        [...(p.categoryId ? [sql`(${sameCategory}) desc`] : []), desc(products.featured), desc(products.createdAt), desc(products.id)],
        MAX_RELATED,
      );
      return {
        id: p.id,
        slug: p.slug,
        title: localized(p.title, p.translations, locale, base, 'title'),
        description: localized(p.description, p.translations, locale, base, 'description'),
        images: p.images,
        tags: p.tags,
        featured: p.featured,
        currency: p.currency,
        priceMinMinor: p.priceMinMinor,
        ratingAverage: ratingAverage(p),
        ratingCount: p.ratingCount,
        categoryPath: path.map((c) => presentPublicCategory(c, locale, base)),
        variants: variants.map((v) => ({
          id: v.id,
          sku: v.sku,
          title: localized(v.title, v.translations, locale, base, 'title'),
          options: v.options,
          priceMinor: v.priceMinor,
          compareAtMinor: v.compareAtMinor,
          ...variantAvailability(v),
        })),
        related: related.map((r) => presentSummary(r, locale, base)),
        locale,
      };
    },
    org.id,
  );
}

import { and, sql } from 'drizzle-orm';
import type { ContentLocale } from '@/db/enums';
import { products } from '@/db/schema';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { localized } from './present';
import { baseLocaleOf, findPublicOrg, publicLocale, searchMatch, trigramQuery } from './queries';
import { MAX_SUGGESTIONS, MIN_SUGGEST_CHARS, type SuggestionList } from './schemas';
import { activeIn } from './storefront';

/**
 * As-you-type suggestions: active products whose titles (any language) or tags contain what was
 * typed, or come close to it by trigrams (a typo), those starting with it first. Accents and
 * case do not matter. Titles in the asked language.
 */
export async function suggestProducts(ctx: Ctx, slug: string, q: string, lang?: ContentLocale): Promise<SuggestionList> {
  const org = await findPublicOrg(ctx, slug);
  // One letter narrows nothing (trigrams need more; LIKE '%a%' reads every product of the shop,
  // the slowest path the bench found): suggestions start at the second character.
  if ([...q.trim()].length < MIN_SUGGEST_CHARS) return { data: [] };
  const locale = publicLocale(ctx, org, lang);
  const base = baseLocaleOf(org.locale);
  const text = sql.raw('"products"."search_text"');
  const folded = trigramQuery(q);
  // The folded text with LIKE's wildcards escaped: what was typed is matched literally.
  const literal = sql`replace(replace(replace(${folded}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  return tenantTx(
    ctx,
    async (tx) => {
      const rows = await tx
        .select({ slug: products.slug, title: products.title, translations: products.translations })
        .from(products)
        .where(and(activeIn(org.id), searchMatch(q, true)))
        .orderBy(sql`(${text} like ${literal} || '%') desc`, sql`word_similarity(${folded}, ${text}) desc`, products.title)
        .limit(MAX_SUGGESTIONS);
      return { data: rows.map((r) => ({ slug: r.slug, title: localized(r.title, r.translations, locale, base, 'title') })) };
    },
    org.id,
  );
}

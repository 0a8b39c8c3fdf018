import { asc, eq } from 'drizzle-orm';
import type { ContentLocale } from '@/db/enums';
import { productCategories } from '@/db/schema';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { presentPublicCategory } from './present';
import { baseLocaleOf, findPublicOrg, publicLocale } from './queries';
import type { PublicCategoryDto, PublicCategoryTree } from './schemas';

/** The shop's category tree (flat, in tree order, with depth), names in the asked language (fallback: the organization's). */
export async function listPublicCategories(ctx: Ctx, slug: string, lang?: ContentLocale): Promise<PublicCategoryTree> {
  const org = await findPublicOrg(ctx, slug);
  const locale = publicLocale(ctx, org, lang);
  const base = baseLocaleOf(org.locale);
  return tenantTx(
    ctx,
    async (tx) => {
      const rows = await tx
        .select()
        .from(productCategories)
        .where(eq(productCategories.organizationId, org.id))
        .orderBy(asc(productCategories.position), asc(productCategories.name))
        .limit(1000);
      const children = new Map<string | null, PublicCategoryDto[]>();
      for (const r of rows) {
        const list = children.get(r.parentId) ?? [];
        list.push(presentPublicCategory(r, locale, base));
        children.set(r.parentId, list);
      }
      const data: (PublicCategoryDto & { depth: number })[] = [];
      const visit = (parentId: string | null, depth: number) => {
        for (const c of children.get(parentId) ?? []) {
          data.push({ ...c, depth });
          if (depth < 50) visit(c.id, depth + 1);
        }
      };
      visit(null, 0);
      return { locale, data };
    },
    org.id,
  );
}

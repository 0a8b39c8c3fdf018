import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/ui/button';
import { loadCategoryTree, loadFeatured } from '../../_lib/shop-data';
import { ProductGrid } from './product-grid';

/** The home page's shop part: featured products and the top categories. */
export async function ShopHighlights({ slug, locale }: { slug: string; locale: string }) {
  const [t, featured, tree] = await Promise.all([getTranslations({ locale, namespace: 'shop' }), loadFeatured(slug), loadCategoryTree(slug)]);
  const top = tree.filter((c) => c.depth === 0);
  return (
    <>
      {top.length > 0 ? (
        <section aria-labelledby="shop-categories-title">
          <h2 id="shop-categories-title" className="text-xl font-semibold text-slate-900">
            {t('categoriesHeading')}
          </h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {top.map((c) => (
              <li key={c.id}>
                <Link href={`/${slug}/products?category=${encodeURIComponent(c.slug)}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="shop-featured-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="shop-featured-title" className="text-xl font-semibold text-slate-900">
            {t('featuredHeading')}
          </h2>
          <Link href={`/${slug}/products`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
            {t('browseAll')}
          </Link>
        </div>
        <div className="mt-3">
          <ProductGrid products={featured} slug={slug} locale={locale} />
        </div>
      </section>
    </>
  );
}

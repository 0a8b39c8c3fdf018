import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { storefrontSorts } from '@/modules/products/schemas';
import { Alert } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { SearchBox } from '../_components/shop/search-box';
import { ProductGrid } from '../_components/shop/product-grid';
import { loadProfile, siteLocale } from '../_lib/data';
import { currencyDigits } from '../_lib/format';
import { filtersOf, loadCategoryTree, loadProductPage, loadTagOptions, productQueryOf, type ShopFilters, sellsProducts } from '../_lib/shop-data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const [profile, locale] = await Promise.all([loadProfile(org), siteLocale(org)]);
  if (!profile) return { title: 'Page not found' };
  const t = await getTranslations({ locale, namespace: 'shop' });
  return { title: `${t('productsTitle')} · ${profile.name}` };
}

/** The query string of these filters with some changed (undefined removes a key). */
function hrefOf(slug: string, f: ShopFilters, change: Partial<ShopFilters>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...change })) if (v) q.set(k, v);
  const s = q.toString();
  return `/${slug}/products${s ? `?${s}` : ''}`;
}

/** The product grid: search, filters, sort and pages all in the URL (shareable, the back button works). */
export default async function ProductsPage({ params, searchParams }: Props) {
  const { org } = await params;
  const [profile, locale, shop] = await Promise.all([loadProfile(org), siteLocale(org), sellsProducts(org)]);
  if (!profile || !shop) notFound();
  const t = await getTranslations({ locale, namespace: 'shop' });
  const filters = filtersOf(await searchParams);
  const query = productQueryOf(filters, currencyDigits(profile.currency));
  const [result, tree, tags] = await Promise.all([
    loadProductPage(org, query).then(
      (page) => ({ ok: true as const, page }),
      () => ({ ok: false as const }),
    ),
    loadCategoryTree(org),
    loadTagOptions(org),
  ]);
  const sorts = storefrontSorts.filter((s) => s !== 'relevance' || query.q);
  const hidden: Record<string, string> = {};
  for (const k of ['category', 'tag', 'min', 'max', 'inStock', 'sort'] as const) if (filters[k]) hidden[k] = filters[k]!;

  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{query.q ? t('resultsFor', { q: query.q }) : t('productsTitle')}</h1>
        <div className="mt-4 max-w-xl">
          <SearchBox slug={org} initial={query.q ?? ''} hidden={hidden} />
        </div>

        <div className="mt-6 grid gap-6 lg:grid-cols-4">
          <form action={`/${org}/products`} method="get" aria-labelledby="filters-title" className="h-fit space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="filters-title" className="text-base font-semibold text-slate-900">
              {t('filters')}
            </h2>
            {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
            <div>
              <label htmlFor="f-category" className="block text-sm font-medium text-slate-900">
                {t('category')}
              </label>
              <select id="f-category" name="category" defaultValue={query.category ?? ''} className="mt-1 h-10 w-full rounded-md border border-slate-300 px-2 text-sm">
                <option value="">{t('anyCategory')}</option>
                {tree.map((c) => (
                  <option key={c.id} value={c.slug}>
                    {`${'\u00a0\u00a0'.repeat(c.depth)}${c.name}`}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor="f-min" className="block text-sm font-medium text-slate-900">
                  {t('minPrice')}
                </label>
                <input id="f-min" name="min" type="number" min={0} step="any" inputMode="decimal" defaultValue={filters.min ?? ''} className="mt-1 h-10 w-full rounded-md border border-slate-300 px-2 text-sm" />
              </div>
              <div>
                <label htmlFor="f-max" className="block text-sm font-medium text-slate-900">
                  {t('maxPrice')}
                </label>
                <input id="f-max" name="max" type="number" min={0} step="any" inputMode="decimal" defaultValue={filters.max ?? ''} className="mt-1 h-10 w-full rounded-md border border-slate-300 px-2 text-sm" />
              </div>
            </div>
            <div className="flex items-center gap-2">
              <input id="f-stock" name="inStock" type="checkbox" value="true" defaultChecked={query.inStock === true} className="size-4" />
              <label htmlFor="f-stock" className="text-sm text-slate-900">
                {t('inStockOnly')}
              </label>
            </div>
            {tags.length > 0 ? (
              <div>
                <label htmlFor="f-tag" className="block text-sm font-medium text-slate-900">
                  {t('tag')}
                </label>
                <select id="f-tag" name="tag" defaultValue={query.tag ?? ''} className="mt-1 h-10 w-full rounded-md border border-slate-300 px-2 text-sm">
                  <option value="">{t('anyTag')}</option>
                  {tags.map((tag) => (
                    <option key={tag} value={tag}>
                      {tag}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div>
              <label htmlFor="f-sort" className="block text-sm font-medium text-slate-900">
                {t('sort')}
              </label>
              <select id="f-sort" name="sort" defaultValue={query.sort ?? (query.q ? 'relevance' : 'featured')} className="mt-1 h-10 w-full rounded-md border border-slate-300 px-2 text-sm">
                {sorts.map((s) => (
                  <option key={s} value={s}>
                    {t(`sorts.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit">{t('apply')}</Button>
              <Link href={`/${org}/products`} className={buttonClasses({ variant: 'ghost' })}>
                {t('clear')}
              </Link>
            </div>
          </form>

          <section aria-labelledby="results-title" className="min-w-0 lg:col-span-3">
            {!result.ok ? (
              <Alert tone="error" title={t('errorTitle')}>
                {t('errorBody')}
              </Alert>
            ) : (
              <>
                <h2 id="results-title" className="text-sm text-slate-700" aria-live="polite">
                  {t('productsIntro', { count: result.page.pagination.total })}
                </h2>
                {result.page.data.length === 0 ? (
                  <EmptyState
                    className="mt-3"
                    headingLevel="h3"
                    title={t('emptyTitle')}
                    description={t('emptyBody')}
                    action={
                      <Link href={`/${org}/products`} className={buttonClasses({ variant: 'secondary' })}>
                        {t('clear')}
                      </Link>
                    }
                  />
                ) : (
                  <div className="mt-3">
                    <ProductGrid products={result.page.data} slug={org} locale={locale} />
                  </div>
                )}
                {result.page.pagination.totalPages > 1 ? (
                  <nav aria-label={t('pagination')} className="mt-6 flex flex-wrap items-center justify-between gap-3">
                    {result.page.pagination.page > 1 ? (
                      <Link rel="prev" href={hrefOf(org, filters, { page: String(result.page.pagination.page - 1) })} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                        {t('previous')}
                      </Link>
                    ) : (
                      <span />
                    )}
                    <p className="text-sm text-slate-700">{t('pageOf', { page: result.page.pagination.page, pages: result.page.pagination.totalPages })}</p>
                    {result.page.pagination.hasMore ? (
                      <Link rel="next" href={hrefOf(org, filters, { page: String(result.page.pagination.page + 1) })} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                        {t('next')}
                      </Link>
                    ) : (
                      <span />
                    )}
                  </nav>
                ) : null}
              </>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}

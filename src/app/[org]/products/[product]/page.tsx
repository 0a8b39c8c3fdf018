import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AddToCart } from '../../_components/shop/add-to-cart';
import { ProductGrid, ProductImage } from '../../_components/shop/product-grid';
import { loadProfile, siteLocale } from '../../_lib/data';
import { ProductReviews } from '../../_components/shop/product-reviews';
import { loadProductReviews, loadShopProduct, reviewsPageOf } from '../../_lib/shop-data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string; product: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, product: key } = await params;
  const [profile, product] = await Promise.all([loadProfile(org), loadShopProduct(org, key)]);
  if (!profile || !product) return { title: 'Page not found' };
  return { title: `${product.title} · ${profile.name}`, description: product.description.slice(0, 160) || undefined };
}

/** One product: photo, texts in the page's language, variant picker, stock state, add to cart, related products. */
export default async function ProductPage({ params, searchParams }: Props) {
  const { org, product: key } = await params;
  const [profile, product, locale, query] = await Promise.all([loadProfile(org), loadShopProduct(org, key), siteLocale(org), searchParams]);
  if (!profile || !product) notFound();
  const reviews = await loadProductReviews(org, product.id, reviewsPageOf(query.reviews));
  const t = await getTranslations({ locale, namespace: 'shop' });

  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
        <nav aria-label={t('breadcrumb')}>
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-700">
            <li>
              <Link href={`/${org}`} className="underline hover:text-slate-900">
                {t('home')}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <Link href={`/${org}/products`} className="underline hover:text-slate-900">
                {t('allProducts')}
              </Link>
            </li>
            {product.categoryPath.map((c) => (
              <li key={c.id} className="flex items-center gap-1">
                <span aria-hidden="true">/</span>
                <Link href={`/${org}/products?category=${encodeURIComponent(c.slug)}`} className="underline hover:text-slate-900">
                  {c.name}
                </Link>
              </li>
            ))}
            <li aria-hidden="true">/</li>
            <li aria-current="page" className="font-medium text-slate-900">
              {product.title}
            </li>
          </ol>
        </nav>

        <div className="mt-6 grid gap-8 md:grid-cols-2">
          <div className="overflow-hidden rounded-lg border border-slate-200">
            <ProductImage src={product.images[0] ?? null} alt={product.title} />
          </div>
          <div className="min-w-0">
            <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{product.title}</h1>
            {product.description ? <p className="mt-3 whitespace-pre-line text-slate-700">{product.description}</p> : null}
            <div className="mt-6">
              <AddToCart variants={product.variants} currency={product.currency} />
            </div>
          </div>
        </div>

        {reviews ? (
          <ProductReviews page={reviews} locale={locale} basePath={`/${org}/products/${encodeURIComponent(key)}`} />
        ) : (
          <section aria-labelledby="reviews-title" className="mt-10">
            <h2 id="reviews-title" className="text-xl font-semibold text-slate-900">
              {t('reviewsHeading')}
            </h2>
            <p className="mt-2 text-sm text-slate-700">{t('reviewsNone')}</p>
          </section>
        )}

        {product.related.length > 0 ? (
          <section aria-labelledby="related-title" className="mt-10">
            <h2 id="related-title" className="text-xl font-semibold text-slate-900">
              {t('related')}
            </h2>
            <div className="mt-3">
              <ProductGrid products={product.related} slug={org} locale={locale} />
            </div>
          </section>
        ) : null}
      </div>
    </main>
  );
}

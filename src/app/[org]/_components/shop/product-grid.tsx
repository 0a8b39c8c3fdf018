import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PublicProductSummaryDto } from '@/modules/products/schemas';
import { Badge } from '@/ui/badge';
import { formatMoney } from '../../_lib/format';

/** A product's first photo, or a plain tile with its initial (decorative: the title is next to it). */
export function ProductImage({ src, alt, className }: { src: string | null; alt: string; className?: string }) {
  if (src) {
    // Shop photos are plain URLs (the CSP allows img-src 'self'); no image optimiser in front.
    return <img src={src} alt={alt} className={`aspect-square w-full bg-slate-100 object-cover ${className ?? ''}`} loading="lazy" width={480} height={480} />;
  }
  return (
    <div aria-hidden="true" className={`grid aspect-square w-full place-items-center bg-gradient-to-br from-indigo-50 to-slate-100 text-4xl font-bold text-indigo-300 ${className ?? ''}`}>
      {alt.trim().charAt(0).toUpperCase()}
    </div>
  );
}

/** The product cards of a grid: photo, title, price from, compare-at, stock badge. Server-rendered. */
export async function ProductGrid({ products, slug, locale, headingLevel = 'h3' }: { products: PublicProductSummaryDto[]; slug: string; locale: string; headingLevel?: 'h2' | 'h3' }) {
  const t = await getTranslations({ locale, namespace: 'shop' });
  const Heading = headingLevel;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-5 lg:grid-cols-4">
      {products.map((p) => (
        <li key={p.id} className="group relative flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-indigo-600">
          <ProductImage src={p.image} alt={p.title} />
          <div className="flex flex-1 flex-col gap-1 p-3">
            <Heading className="text-sm font-semibold text-slate-900">
              <Link href={`/${slug}/products/${p.slug}`} className="outline-none after:absolute after:inset-0 hover:underline">
                {p.title}
              </Link>
            </Heading>
            <p className="text-sm text-slate-800">
              {t('priceFrom', { price: formatMoney(p.priceMinMinor, p.currency, locale) })}
              {p.compareAtMinor && p.compareAtMinor > p.priceMinMinor ? (
                <span className="ml-2 text-slate-600 line-through">{t('compareAt', { price: formatMoney(p.compareAtMinor, p.currency, locale) })}</span>
              ) : null}
            </p>
            <div className="mt-auto pt-1">{p.inStock ? <Badge tone="success">{t('inStock')}</Badge> : <Badge tone="danger">{t('outOfStock')}</Badge>}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}

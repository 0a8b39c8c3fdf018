'use client';

import { useTranslations } from 'next-intl';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

/** While the grid's server render streams in (a slow search, a new filter). */
export default function ProductsLoading() {
  const t = useTranslations('shop');
  return (
    <main id="main" className="flex-1">
      <LoadingRegion label={t('loadingProducts')} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="mt-4 h-10 max-w-xl" />
        <div className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-5 lg:grid-cols-4">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="aspect-[3/4]" />
          ))}
        </div>
      </LoadingRegion>
    </main>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

/** While the points and history stream in. */
export default function MyLoyaltyLoading() {
  const t = useTranslations('loyalty');
  return (
    <main id="main" className="flex-1">
      <LoadingRegion label={t('loading')} className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="mt-6 h-32" />
        <Skeleton className="mt-6 h-64" />
      </LoadingRegion>
    </main>
  );
}

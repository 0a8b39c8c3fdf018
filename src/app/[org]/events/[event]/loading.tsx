'use client';

import { useTranslations } from 'next-intl';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

/** While the events' server render streams in. */
export default function EventsLoading() {
  const t = useTranslations('events');
  return (
    <main id="main" className="flex-1">
      <LoadingRegion label={t('loading')} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="mt-2 h-4 w-40" />
        <div className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="aspect-[4/3]" />
          ))}
        </div>
      </LoadingRegion>
    </main>
  );
}

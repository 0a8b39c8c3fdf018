import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function BookLoading() {
  const t = await getTranslations('portalPage');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-5xl">
      <Skeleton className="h-8 w-32" />
      <Skeleton className="mt-2 h-4 w-full max-w-prose" />
      <Skeleton className="mt-8 h-6 w-48" />
      <div className="mt-4 grid gap-3 sm:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-32 w-full" />
        ))}
      </div>
      <Skeleton className="mt-12 h-6 w-48" />
      <Skeleton className="mt-4 h-40 w-full" />
    </LoadingRegion>
  );
}

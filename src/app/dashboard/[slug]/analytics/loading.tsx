import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function AnalyticsLoading() {
  const t = await getTranslations('analyticsPage');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-4xl">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="mt-2 h-4 w-full max-w-prose" />
      <Skeleton className="mt-5 h-8 w-72" />
      <Skeleton className="mt-6 h-56 w-full" />
      <Skeleton className="mt-6 h-40 w-full" />
    </LoadingRegion>
  );
}

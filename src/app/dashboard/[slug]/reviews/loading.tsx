import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function ReviewsLoading() {
  const t = await getTranslations('reviewsAdmin');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-4xl">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="mt-2 h-4 w-full max-w-prose" />
      <Skeleton className="mt-6 h-10 w-80" />
      <Skeleton className="mt-6 h-32 w-full" />
      <Skeleton className="mt-4 h-32 w-full" />
    </LoadingRegion>
  );
}

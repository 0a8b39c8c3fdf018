import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function CustomerLoading() {
  const t = await getTranslations('dashboard.customer');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-5xl">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="mt-6 h-4 w-20" />
      <Skeleton className="mt-2 h-8 w-64 max-w-full" />
      <Skeleton className="mt-2 h-4 w-48" />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-40" />
        ))}
      </div>
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function BookingLoading() {
  const t = await getTranslations('dashboard.booking');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-5xl">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="mt-6 h-4 w-20" />
      <Skeleton className="mt-2 h-8 w-96 max-w-full" />
      <Skeleton className="mt-3 h-5 w-72 max-w-full" />
      <Skeleton className="mt-6 h-24" />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-72 lg:col-span-2" />
        <Skeleton className="h-72" />
      </div>
    </LoadingRegion>
  );
}

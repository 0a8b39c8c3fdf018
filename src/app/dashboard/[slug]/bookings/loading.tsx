import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function BookingsLoading() {
  const t = await getTranslations('dashboard.bookings');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-6xl">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-2 h-4 w-72 max-w-full" />
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <div className="flex flex-col gap-4 sm:flex-row">
          <Skeleton className="h-16 flex-1" />
          <Skeleton className="h-16 sm:w-56" />
        </div>
        <Skeleton className="mt-4 h-10 w-32" />
      </div>
      <div className="mt-8 space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        <Skeleton className="h-11 rounded-none bg-slate-100" />
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-16 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function CalendarLoading() {
  const t = await getTranslations('calendarPage');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-7xl">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-2 h-4 w-72 max-w-full" />
      <div className="mt-6 flex flex-wrap gap-2">
        <Skeleton className="h-9 w-24" />
        <Skeleton className="h-9 w-20" />
        <Skeleton className="h-9 w-24" />
        <Skeleton className="ml-auto h-9 w-40" />
      </div>
      <div className="mt-4 grid grid-cols-4 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200">
        {Array.from({ length: 48 }, (_, i) => (
          <Skeleton key={i} className="h-10 rounded-none bg-white" />
        ))}
      </div>
    </LoadingRegion>
  );
}

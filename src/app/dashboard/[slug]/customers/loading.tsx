import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function CustomersLoading() {
  const t = await getTranslations('dashboard.customers');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-6xl">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-2 h-4 w-56" />
      <Skeleton className="mt-6 h-28" />
      <div className="mt-8 space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        <Skeleton className="h-11 rounded-none bg-slate-100" />
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-14 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function PartiesLoading() {
  const t = await getTranslations('party.parties');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-6xl">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-2 h-4 w-72 max-w-full" />
      <Skeleton className="mt-6 h-40 w-full" />
      <div className="mt-8 space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        <Skeleton className="h-11 rounded-none bg-slate-100" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-16 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function MailLoading() {
  const t = await getTranslations('mailPage');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-5xl">
      <Skeleton className="h-8 w-32" />
      <Skeleton className="mt-2 h-4 w-72" />
      <div className="mt-6 space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-12 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}

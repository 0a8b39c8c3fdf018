import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function Loading() {
  const t = await getTranslations('inbox.page');
  return (
    <LoadingRegion label={t('loading')}>
      <div className="mx-auto max-w-4xl space-y-3">
        <Skeleton className="h-8 w-56" />
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-14 w-full" />
        ))}
      </div>
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function ApprovalsLoading() {
  const t = await getTranslations('approvalsPage');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-4xl">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="mt-2 h-4 w-full max-w-prose" />
      <Skeleton className="mt-6 h-10 w-full" />
      <Skeleton className="mt-4 h-40 w-full" />
      <Skeleton className="mt-3 h-40 w-full" />
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function OrganizationLoading() {
  const t = await getTranslations('dashboard.common');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-4xl">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="mt-2 h-8 w-72 max-w-full" />
      <Skeleton className="mt-3 h-5 w-40" />
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    </LoadingRegion>
  );
}

import { getTranslations } from 'next-intl/server';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

export default async function LoyaltyProgramLoading() {
  const t = await getTranslations('loyaltyAdmin');
  return (
    <LoadingRegion label={t('loading')} className="mx-auto max-w-3xl">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="mt-2 h-4 w-full max-w-prose" />
      <Skeleton className="mt-6 h-96 w-full" />
    </LoadingRegion>
  );
}

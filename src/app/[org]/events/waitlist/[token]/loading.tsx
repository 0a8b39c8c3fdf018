'use client';

import { useTranslations } from 'next-intl';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';

/** While the waitlist entry's server render streams in. */
export default function WaitlistEntryLoading() {
  const t = useTranslations('eventWaitlist.page');
  return (
    <main id="main" className="flex-1">
      <LoadingRegion label={t('loading')} className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="mt-4 h-48 w-full" />
      </LoadingRegion>
    </main>
  );
}

'use client';

import { useParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';

/** A manage link whose token is no booking's (HTTP 404); the organization's header stays above. */
export default function ManageLinkNotFound() {
  const t = useTranslations('manage');
  const { org } = useParams<{ org: string }>();
  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
        <EmptyState
          headingLevel="h1"
          title={t('notFoundTitle')}
          description={t('notFoundBodyPlain')}
          action={
            <a href={`/${org}`} className={buttonClasses({ variant: 'secondary' })}>
              {t('backToSitePlain')}
            </a>
          }
        />
      </div>
    </main>
  );
}

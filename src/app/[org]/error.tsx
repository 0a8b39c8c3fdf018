'use client';

import { useParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { ErrorPanel } from '../_components/error-panel';

export default function OrganizationSiteError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('publicSite');
  const { org } = useParams<{ org: string }>();
  return (
    <main id="main" className="flex-1 px-4">
      <ErrorPanel
        error={error}
        retry={retry}
        homeHref={`/${org}`}
        labels={{ title: t('errorTitle'), body: t('errorBody'), reference: t('errorReference'), retry: t('retry'), home: t('errorHome') }}
      />
    </main>
  );
}

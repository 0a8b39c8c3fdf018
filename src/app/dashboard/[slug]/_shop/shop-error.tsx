'use client';

import { useParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { PageError } from '../../_components/page-error';

/** The shop pages' error boundary: the error, a retry, and a way back to the overview. */
export function ShopPageError({ error, retry }: { error: unknown; retry: () => void }) {
  const { slug } = useParams<{ slug: string }>();
  const t = useTranslations('dashboard.common');
  return <PageError error={error} retry={retry} backHref={`/dashboard/${slug}`} backLabel={t('backToOverview')} />;
}

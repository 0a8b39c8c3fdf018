'use client';

import { useParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { PageError } from '../../_components/page-error';

export default function PartiesError({ error, retry }: { error: unknown; retry: () => void }) {
  const { slug } = useParams<{ slug: string }>();
  const t = useTranslations('dashboard.common');
  return <PageError error={error} retry={retry} backHref={`/dashboard/${slug}`} backLabel={t('backToOverview')} />;
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Alert } from '@/ui/alert';
import { CatalogTabs } from './catalog-tabs';

type Tab = Parameters<typeof CatalogTabs>[0]['current'];

/** Title, intro, the catalog tabs and (for viewers) a note that the page is read-only. */
export async function CatalogHeader({
  slug,
  tab,
  title,
  intro,
  readOnly,
  actions,
}: {
  slug: string;
  tab: Tab;
  title: string;
  intro?: string;
  readOnly: boolean;
  actions?: ReactNode;
}) {
  const t = await getTranslations('catalogPage');
  return (
    <header>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{title}</h1>
          {intro ? <p className="mt-1 text-slate-700">{intro}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      <CatalogTabs slug={slug} current={tab} />
      {readOnly ? (
        <Alert tone="info" title={t('readOnlyTitle')} className="mt-4">
          <p>{t('readOnlyBody')}</p>
        </Alert>
      ) : null}
    </header>
  );
}

/** Shown instead of the page to members without `catalog:read`. */
/**
 * A role without the catalog (`see`), or one that may see it but not add to it (`change`,
 * e.g. a viewer opening "new service"): each is told what is true, with the way back.
 */
export async function CatalogForbidden({ slug, organization, cannot = 'see' }: { slug: string; organization: string; cannot?: 'see' | 'change' }) {
  const t = await getTranslations('catalogPage');
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <Alert tone="warning" title={cannot === 'see' ? t('forbiddenTitle') : t('cannotChangeTitle')} className="mt-6">
        <p>{cannot === 'see' ? t('forbiddenBody', { organization }) : t('readOnlyBody')}</p>
        <p className="mt-2">
          <Link href={cannot === 'see' ? `/dashboard/${slug}` : `/dashboard/${slug}/catalog`} className="font-medium underline">
            {cannot === 'see' ? t('backToOverview') : t('backToCatalog')}
          </Link>
        </p>
      </Alert>
    </div>
  );
}

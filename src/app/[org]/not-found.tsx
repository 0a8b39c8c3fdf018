'use client';

import { useParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/ui/button';

/** An unknown service (or other page) of a known organization: the way back is its home page. */
export default function OrganizationSiteNotFound() {
  const t = useTranslations('publicSite');
  const { org } = useParams<{ org: string }>();
  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 py-16">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{t('notFoundTitle')}</h1>
        <p className="mt-3 text-slate-700">{t('notFoundBody')}</p>
        <div className="mt-8">
          <a href={`/${org}`} className={buttonClasses()}>
            {t('notFoundLink')}
          </a>
        </div>
      </div>
    </main>
  );
}

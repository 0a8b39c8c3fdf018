import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/ui/alert';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { EventCards } from '../_components/events/event-cards';
import { LiveSeatsProvider } from '../_components/events/live-seats';
import { loadProfile, siteLocale } from '../_lib/data';
import { loadEventsPage, pageOf } from '../_lib/event-data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const [profile, locale] = await Promise.all([loadProfile(org), siteLocale(org)]);
  if (!profile) return { title: 'Page not found' };
  const t = await getTranslations({ locale, namespace: 'events' });
  return { title: t('metaTitle', { organization: profile.name }) };
}

/** The organization's upcoming published events, soonest first, a page at a time (the page in the URL). */
export default async function EventsPage({ params, searchParams }: Props) {
  const { org } = await params;
  const [profile, locale, query] = await Promise.all([loadProfile(org), siteLocale(org), searchParams]);
  if (!profile) notFound();
  const t = await getTranslations({ locale, namespace: 'events' });
  const page = pageOf(query.page);
  const result = await loadEventsPage(org, page).then(
    (data) => ({ ok: true as const, data }),
    () => ({ ok: false as const }),
  );
  const href = (p: number) => `/${org}/events${p > 1 ? `?page=${p}` : ''}`;

  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t('title')}</h1>
        {!result.ok ? (
          <Alert tone="error" title={t('errorTitle')} className="mt-6">
            {t('errorBody')}
          </Alert>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">{t('intro', { count: result.data.pagination.total })}</p>
            {result.data.data.length === 0 ? (
              <EmptyState
                className="mt-6"
                title={t('emptyTitle')}
                description={t('emptyBody')}
                action={
                  page > 1 ? (
                    <Link href={href(1)} className={buttonClasses({ variant: 'secondary' })}>
                      {t('previous')}
                    </Link>
                  ) : undefined
                }
              />
            ) : (
              <div className="mt-6">
                <LiveSeatsProvider orgSlug={org} page={page} locale={result.data.locale} shown={Object.fromEntries(result.data.data.map((e) => [e.slug, { title: e.title, soldOut: e.soldOut }]))}>
                  <EventCards events={result.data.data} slug={org} locale={locale} />
                </LiveSeatsProvider>
              </div>
            )}
            {result.data.pagination.totalPages > 1 ? (
              <nav aria-label={t('pagination')} className="mt-6 flex flex-wrap items-center justify-between gap-3">
                {page > 1 ? (
                  <Link rel="prev" href={href(page - 1)} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                    {t('previous')}
                  </Link>
                ) : (
                  <span />
                )}
                <p className="text-sm text-slate-700">{t('pageOf', { page, pages: result.data.pagination.totalPages })}</p>
                {result.data.pagination.hasMore ? (
                  <Link rel="next" href={href(page + 1)} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                    {t('next')}
                  </Link>
                ) : (
                  <span />
                )}
              </nav>
            ) : null}
          </>
        )}
      </div>
    </main>
  );
}

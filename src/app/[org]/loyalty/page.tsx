import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Alert } from '@/ui/alert';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime, formatMoney } from '../_lib/format';
import { loadProfile, siteLocale } from '../_lib/data';
import { loadMyLoyalty } from '../_lib/loyalty-data';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

interface Props {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ page?: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const [profile, locale] = await Promise.all([loadProfile(org), siteLocale(org)]);
  if (!profile) return { title: 'Page not found' };
  const t = await getTranslations({ locale, namespace: 'loyalty' });
  return { title: `${t('myTitle')} · ${profile.name}`, robots: { index: false } };
}

/** "My loyalty": the signed-in customer's points, tier, progress and history in this organization. */
export default async function MyLoyaltyPage({ params, searchParams }: Props) {
  const { org } = await params;
  const raw = Number((await searchParams).page ?? '1');
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  const [profile, locale, mine] = await Promise.all([loadProfile(org), siteLocale(org), loadMyLoyalty(org, page, PAGE_SIZE)]);
  if (!profile) notFound();
  const t = await getTranslations({ locale, namespace: 'loyalty' });

  let body: ReactNode;
  if (!mine) {
    body = (
      <p className="mt-4 text-slate-700">
        {t.rich('signInToSee', {
          link: (chunks) => (
            <Link href={`/sign-in?next=${encodeURIComponent(`/${org}/loyalty`)}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
              {chunks}
            </Link>
          ),
        })}
      </p>
    );
  } else if (!mine.summary.enabled) {
    body = (
      <Alert tone="info" className="mt-4">
        {t('programOff', { org: profile.name })}
      </Alert>
    );
  } else {
    const s = mine.summary;
    const reached = s.nextTier && s.pointsToNext !== null ? s.lifetimeEarned / (s.lifetimeEarned + s.pointsToNext) : 1;
    const { data, pagination } = mine.ledger;
    body = (
      <div className="mt-6 space-y-6">
        {!mine.emailVerified ? <Alert tone="warning">{t('confirmEmail')}</Alert> : null}
        <section aria-labelledby="points-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="points-title" className="text-base font-semibold text-slate-900">
            {t('pointsHeading')}
          </h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-700">{t('points')}</dt>
              <dd className="text-2xl font-bold text-slate-900 tabular-nums">{s.points}</dd>
            </div>
            <div>
              <dt className="text-slate-700">{t('value')}</dt>
              <dd className="text-2xl font-bold text-slate-900 tabular-nums">{formatMoney(s.valueMinor, s.currency, locale)}</dd>
            </div>
            <div>
              <dt className="text-slate-700">{t('tier')}</dt>
              <dd className="text-2xl font-bold text-slate-900">{t(`tiers.${s.tier}`)}</dd>
            </div>
          </dl>
          <div className="mt-4">
            <p id="tier-progress-label" className="text-sm text-slate-700">
              {s.nextTier && s.pointsToNext !== null ? t('toNext', { points: s.pointsToNext, tier: t(`tiers.${s.nextTier}`) }) : t('topTier')}
            </p>
            <progress aria-labelledby="tier-progress-label" className="mt-1 h-2 w-full accent-indigo-600" max={100} value={Math.round(reached * 100)} />
          </div>
        </section>

        <section aria-labelledby="history-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="history-title" className="text-base font-semibold text-slate-900">
            {t('history')}
          </h2>
          {data.length === 0 ? (
            <EmptyState title={t('noHistory')} headingLevel="h3" />
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {data.map((r) => (
                <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium text-slate-900">{t(`kinds.${r.kind}`)}</span>
                    {r.reason ? <span className="text-slate-700"> — {r.reason}</span> : null}
                    <span className="block text-slate-600">
                      <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale, profile.timezone)}</time>
                    </span>
                  </span>
                  <span className="font-medium text-slate-900 tabular-nums">{r.delta > 0 ? `+${r.delta}` : `−${Math.abs(r.delta)}`}</span>
                </li>
              ))}
            </ul>
          )}
          {pagination.totalPages > 1 ? (
            <nav aria-label={t('pagination')} className="mt-4 flex flex-wrap items-center justify-between gap-3">
              {pagination.page > 1 ? (
                <Link rel="prev" href={`/${org}/loyalty?page=${pagination.page - 1}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                  {t('previous')}
                </Link>
              ) : (
                <span />
              )}
              <p className="text-sm text-slate-700">{t('pageOf', { page: pagination.page, pages: pagination.totalPages })}</p>
              {pagination.hasMore ? (
                <Link rel="next" href={`/${org}/loyalty?page=${pagination.page + 1}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                  {t('next')}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
      </div>
    );
  }

  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t('myTitle')}</h1>
        {body}
      </div>
    </main>
  );
}

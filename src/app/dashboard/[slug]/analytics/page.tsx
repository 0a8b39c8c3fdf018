import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { analyticsSchemas, getBookingFunnel } from '@/modules/analytics';
import { can } from '@/modules/kernel';
import { getOrganization } from '@/modules/organizations';
import { EmptyState } from '@/ui/empty-state';
import { cx } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { ByServiceTable, DropOffs, FunnelChart } from './funnel-views';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ days?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('analyticsPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The booking funnel of the last 7, 30 or 90 days (`?days=`): owners, admins and managers. */
export default async function AnalyticsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('analyticsPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;

  if (!can(role, 'analytics:read')) {
    return (
      <ForbiddenNotice slug={slug} heading={t('title')} title={t('forbiddenTitle')} body={t('forbiddenBody', { organization: tenant.name })} backLabel={t('backToOverview')} />
    );
  }

  // An unknown ?days= shows the default period rather than an error page.
  const raw = (await searchParams).days;
  const parsed = analyticsSchemas.funnelQuery.safeParse({ days: Array.isArray(raw) ? raw[0] : raw });
  const query = parsed.success ? parsed.data : analyticsSchemas.funnelQuery.parse({});
  const [funnel, organization] = await Promise.all([getBookingFunnel(ctx, query), getOrganization(ctx)]);
  const base = `/dashboard/${slug}/analytics`;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
  const empty = Object.values(funnel.totals).every((n) => n === 0);

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>

      <nav aria-label={t('rangeLabel')} className="mt-5 flex flex-wrap items-center gap-2">
        {analyticsSchemas.funnelRanges.map((days) => (
          <Link
            key={days}
            href={`${base}?days=${days}`}
            aria-current={days === funnel.days ? 'page' : undefined}
            className={cx(
              'rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
              days === funnel.days ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
            )}
          >
            {t('range', { days })}
          </Link>
        ))}
      </nav>
      <p className="mt-2 text-sm text-slate-600" data-testid="funnel-period">
        {t('period', { from: day(funnel.from), to: day(funnel.to), timezone: funnel.timezone })}
      </p>

      {empty ? (
        <EmptyState
          className="mt-6"
          title={t('emptyTitle')}
          description={t('emptyBody')}
          action={
            <Link href={`/${slug}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
              {t('openPublicPage')}
            </Link>
          }
        />
      ) : (
        <>
          <p className="mt-4 text-lg font-semibold text-slate-900" data-testid="funnel-conversion">
            {funnel.conversionRate === null ? t('conversionNone') : t('conversion', { rate: percent.format(funnel.conversionRate) })}
          </p>
          <FunnelChart totals={funnel.totals} locale={locale} />
          <DropOffs totals={funnel.totals} locale={locale} />
          <ByServiceTable rows={funnel.byService} locale={locale} />
        </>
      )}
      {organization.organization.isDemo ? <p className="mt-6 text-xs text-slate-600">{t('demoNote')}</p> : null}
    </div>
  );
}

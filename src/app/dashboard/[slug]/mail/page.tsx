import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { OUTBOX_MAX_ATTEMPTS } from '@/modules/kernel';
import { listDeliveries, listMail } from '@/modules/notifications';
import { getOrganization } from '@/modules/organizations';
import { Badge, type BadgeTone } from '@/ui/badge';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { formatDateTime } from '../../_lib/format';
import { pageNumber } from '../../_lib/list-query';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;
const knownTopics = ['booking.created', 'booking.status_changed', 'booking.rescheduled', 'booking.awaiting_confirmation', 'email.invitation', 'email.booking_reminder', 'email.webhook_disabled', 'waitlist.offered', 'waitlist.hold_expired'] as const;
const stateTones: Record<string, BadgeTone> = { pending: 'neutral', retrying: 'warning', failed: 'danger', sent: 'success' };

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('mailPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function MailPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const page = pageNumber(query.page);
  const deliveriesPage = pageNumber(query.deliveries);
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('mailPage'), getLocale()]);
  const tenant = ctx.tenant!;

  let mail, deliveries;
  try {
    [mail, deliveries] = await Promise.all([listMail(ctx, { page, pageSize: PAGE_SIZE }), listDeliveries(ctx, { page: deliveriesPage, pageSize: PAGE_SIZE })]);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <ForbiddenNotice slug={slug} heading={t('title')} title={t('forbiddenTitle')} body={t('forbiddenBody', { organization: tenant.name })} backLabel={t('backToOverview')} />
      );
    }
    throw err;
  }
  const org = await getOrganization(ctx).catch(() => null);
  const summary = org?.organization.isDemo ? t('summaryDemo') : env().SMTP_URL ? t('summarySmtp') : t('summaryCatcher', { organization: tenant.name });
  const href = (p: number, d = deliveriesPage) => {
    const q = new URLSearchParams();
    if (p > 1) q.set('page', String(p));
    if (d > 1) q.set('deliveries', String(d));
    const s = q.toString();
    return `/dashboard/${slug}/mail${s ? `?${s}` : ''}`;
  };
  // Message keys cannot hold dots (next-intl reads them as nesting): booking.created → booking_created.
  const topic = (name: string) => t(`topics.${(knownTopics as readonly string[]).includes(name) ? name.replace('.', '_') : 'other'}` as 'topics.other');

  return (
    <div className="mx-auto max-w-5xl">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{summary}</p>
      </header>

      <section aria-labelledby="mail-inbox" className="mt-6">
        <h2 id="mail-inbox" className="text-lg font-semibold text-slate-900">
          {t('inbox')}
        </h2>
        {mail.data.length === 0 ? (
          <EmptyState
            className="mt-3"
            title={mail.pagination.total === 0 ? t('emptyTitle') : t('pageEmptyTitle')}
            description={mail.pagination.total === 0 ? t('emptyBody') : t('pageEmptyBody', { totalPages: mail.pagination.totalPages })}
            action={
              mail.pagination.total > 0 ? (
                <Link href={href(1)} className={buttonClasses({ variant: 'secondary' })}>
                  {t('firstPage')}
                </Link>
              ) : undefined
            }
          />
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="mail-caption" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption id="mail-caption" className="sr-only">
                {t('caption', { organization: tenant.name, page: mail.pagination.page, totalPages: mail.pagination.totalPages })}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('subject')}</th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('to')}</th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">{t('kind')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('date')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {mail.data.map((m) => (
                  <tr key={m.id}>
                    <td className="px-4 py-3">
                      <Link href={`/dashboard/${slug}/mail/${m.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                        {m.subject}
                      </Link>
                      <span className="block break-all text-slate-600 sm:hidden">{m.to}</span>
                      <span className="block text-xs text-slate-600">{t('attachments', { count: m.attachments.length })}</span>
                    </td>
                    <td className="hidden px-4 py-3 break-all text-slate-700 sm:table-cell">{m.to}</td>
                    <td className="hidden px-4 py-3 md:table-cell">
                      <Badge>{topic(m.topic)}</Badge>
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                      <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale, tenant.timezone)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination label={t('pagesLabel')} page={mail.pagination.page} totalPages={mail.pagination.totalPages} hasMore={mail.pagination.hasMore} href={(p) => href(p)} className="mt-4" />
      </section>

      <section aria-labelledby="mail-deliveries" className="mt-10">
        <h2 id="mail-deliveries" className="text-lg font-semibold text-slate-900">
          {t('deliveries')}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('deliveriesSummary', { attempts: OUTBOX_MAX_ATTEMPTS })}</p>
        {deliveries.data.length === 0 ? (
          <p className="mt-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="deliveries-empty">
            {t('deliveriesEmpty')}
          </p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="deliveries-caption" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption id="deliveries-caption" className="sr-only">
                {t('deliveriesCaption', { page: deliveries.pagination.page, totalPages: deliveries.pagination.totalPages })}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('kind')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('state')}</th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('lastError')}</th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">{t('created')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deliveries.data.map((d) => (
                  <tr key={d.id}>
                    <td className="px-4 py-3">{topic(d.topic)}</td>
                    <td className="px-4 py-3">
                      <Badge tone={stateTones[d.state]}>{t(`states.${d.state}`)}</Badge>
                      <span className="block text-xs text-slate-600">{t('attemptsCount', { count: d.attempts })}</span>
                      {d.nextAttemptAt ? (
                        <span className="block text-xs text-slate-600">
                          {t('nextTry', { time: formatDateTime(d.nextAttemptAt, locale, tenant.timezone) })}
                        </span>
                      ) : null}
                      {d.lastError ? <span className="block break-all text-xs text-red-800 sm:hidden">{d.lastError}</span> : null}
                    </td>
                    <td className="hidden px-4 py-3 break-all text-slate-700 sm:table-cell">{d.lastError ?? '—'}</td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 md:table-cell">
                      <time dateTime={d.createdAt}>{formatDateTime(d.createdAt, locale, tenant.timezone)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {deliveries.pagination.totalPages > 1 ? (
          <Pagination
            label={t('deliveriesPagesLabel')}
            page={deliveries.pagination.page}
            totalPages={deliveries.pagination.totalPages}
            hasMore={deliveries.pagination.hasMore}
            href={(d) => href(page, d)}
            className="mt-4"
          />
        ) : null}
      </section>
    </div>
  );
}

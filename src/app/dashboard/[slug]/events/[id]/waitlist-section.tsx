/**
 * The event's waitlist on its dashboard page (events:read): place in line, person, ticket type,
 * tickets, status and how long an offer holds; a page at a time (`?waitlist=`), empty state.
 */
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { EventWaitlistPage } from '@/modules/event-waitlist';
import { Badge } from '@/ui/badge';
import { cx, focusRing } from '@/ui/class-names';
import { Pagination } from '../../../_components/pagination';
import { formatDateTime } from '../../../_lib/format';

const tones = { waiting: 'brand', offered: 'warning', purchased: 'success', expired: 'neutral', left: 'neutral' } as const;

export async function WaitlistSection({ slug, page, waiting, timezone, locale, href }: { slug: string; page: EventWaitlistPage; waiting: number; timezone: string; locale: string; href: (p: number) => string }) {
  const t = await getTranslations('eventWaitlist.admin');
  return (
    <section aria-labelledby="waitlist-title" className="mt-8" data-testid="event-waitlist">
      <h2 id="waitlist-title" className="text-lg font-semibold text-slate-900">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('intro', { count: waiting })}</p>
      {page.data.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t('empty')}</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="waitlist-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="waitlist-caption" className="sr-only">
              {t('caption')}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.position')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.person')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                  {t('columns.type')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                  {t('columns.quantity')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.status')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">
                  {t('columns.offer')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.map((e) => (
                <tr key={e.id} className="align-top" data-testid="waitlist-row">
                  <td className="px-4 py-3 tabular-nums">{e.position ?? t('none')}</td>
                  <td className="px-4 py-3">
                    <span className="block font-medium text-slate-900">{e.name}</span>
                    <span className="block break-all text-slate-700">{e.email}</span>
                    <span className="block text-slate-700 sm:hidden">
                      {e.quantity} × {e.ticketType}
                    </span>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-800 sm:table-cell">{e.ticketType}</td>
                  <td className="hidden px-4 py-3 tabular-nums text-slate-800 sm:table-cell">{e.quantity}</td>
                  <td className="px-4 py-3">
                    <Badge tone={tones[e.status]}>{t(`status.${e.status}`)}</Badge>
                    {e.orderId && e.orderNumber ? (
                      <Link href={`/dashboard/${slug}/orders/${e.orderId}`} className={cx('mt-1 block font-mono text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
                        {e.orderNumber}
                      </Link>
                    ) : null}
                  </td>
                  <td className="hidden px-4 py-3 text-slate-800 md:table-cell">{e.offerExpiresAt ? formatDateTime(e.offerExpiresAt, locale, timezone) : t('none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination label={t('pagesLabel')} page={page.pagination.page} totalPages={page.pagination.totalPages} hasMore={page.pagination.hasMore} href={href} className="mt-4" />
    </section>
  );
}

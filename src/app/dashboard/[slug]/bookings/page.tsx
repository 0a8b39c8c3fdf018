import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { bookingSchemas, listBookings } from '@/modules/bookings';
import { can, parseInput } from '@/modules/kernel';
import { listResources, listServices } from '@/modules/catalog';
import { buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { SortHeaderLink } from '../../_components/sort-header-link';
import { ExportActions } from '../../_components/export-actions';
import { StatusBadge } from '../../_components/status-badge';
import { formatDate, formatDayDate, formatMoney, formatTimeRange } from '../../_lib/format';
import {
  type BookingFilters,
  bookingSearch,
  hasBookingFilters,
  PAGE_SIZE,
  parseBookingFilters,
  type SearchParams,
} from '../../_lib/list-query';
import { BookingFiltersForm } from './filters';
import { NewBooking } from './new-booking';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('dashboard.bookings')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The module's query: empty filters left out, statuses as the comma list the API reads. */
function moduleQuery(f: BookingFilters) {
  return Object.fromEntries(
    Object.entries({
      status: f.status.join(','),
      from: f.from,
      to: f.to,
      resourceId: f.resourceId,
      serviceId: f.serviceId,
      q: f.q,
      sort: f.sort,
      page: f.page,
      pageSize: PAGE_SIZE,
    }).filter(([, v]) => v !== ''),
  );
}

export default async function BookingsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parseBookingFilters(await searchParams);
  const [ctx, t, tx, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('dashboard'), getTranslations('exports'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const zone = tenant.timezone;
  const base = `/dashboard/${slug}/bookings`;

  const [result, services, resources] = await Promise.all([
    listBookings(ctx, parseInput(bookingSchemas.listBookingsQuery, moduleQuery(filters), 'query')),
    listServices(ctx, { page: 1, pageSize: 100 }),
    listResources(ctx, { page: 1, pageSize: 100 }),
  ]);
  const { data, pagination } = result;
  const href = (f: Partial<BookingFilters>) => `${base}${bookingSearch({ ...filters, ...f })}`;
  const filtered = hasBookingFilters(filters);
  const byStart = filters.sort.endsWith('startsAt');
  const byCreated = filters.sort.endsWith('createdAt');
  const descending = filters.sort.startsWith('-');
  const sortLabel = t(`bookings.filters.sorts.${filters.sort}`);
  const firstShown = (pagination.page - 1) * pagination.pageSize + 1;

  return (
    <div className="mx-auto max-w-6xl">
      <header>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('bookings.title')}</h1>
          <div className="flex flex-wrap items-start gap-3">
            {/* The file holds what the list shows: its filters and sort, not its page. */}
            <ExportActions
              kind="bookings"
              slug={slug}
              label={tx('bookingsLabel')}
              query={Object.fromEntries(Object.entries({ ...moduleQuery(filters), ...(locale === 'en' || locale === 'es' ? { lang: locale } : {}) }).filter(([k]) => k !== 'page' && k !== 'pageSize').map(([k, v]) => [k, String(v)]))}
            />
            {can(role, 'bookings:write') && role !== 'member' ? (
              <NewBooking
                slug={slug}
                zone={zone}
                services={services.data.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name, resourceIds: s.resourceIds, customFields: s.customFields, package: s.package, currency: s.currency }))}
                resources={resources.data.filter((r) => r.active).map((r) => ({ id: r.id, name: r.name }))}
              />
            ) : null}
          </div>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {t('bookings.summary', { count: pagination.total, filtered: String(filtered) })} · {t('common.timesIn', { timeZone: zone })}
        </p>
        {role === 'member' ? <p className="mt-1 text-sm text-slate-600">{t('bookings.memberNote')}</p> : null}
      </header>

      <div className="mt-6">
        <BookingFiltersForm
          // A new URL (back/forward, a link) resets the inputs to what it says.
          key={bookingSearch(filters)}
          action={base}
          filters={filters}
          services={services.data.map((s) => ({ id: s.id, name: s.name, active: s.active }))}
          resources={resources.data.map((r) => ({ id: r.id, name: r.name, active: r.active }))}
        />
      </div>

      {data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={pagination.total > 0 ? t('common.pageEmptyTitle') : filtered ? t('bookings.noMatchTitle') : t('bookings.emptyTitle')}
          description={
            pagination.total > 0
              ? t('common.pageEmptyBody', { totalPages: pagination.totalPages })
              : filtered
                ? t('bookings.noMatchBody')
                : t('bookings.emptyBody')
          }
          action={
            pagination.total > 0 ? (
              <Link href={href({ page: 1 })} className={buttonClasses({ variant: 'secondary' })}>
                {t('common.firstPage')}
              </Link>
            ) : filtered ? (
              <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
                {t('bookings.filters.clear')}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-600" aria-hidden="true">
            {t('common.showing', { from: firstShown, to: firstShown + data.length - 1, total: pagination.total })}
          </p>
          <div
            className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
            role="region"
            aria-labelledby="bookings-caption"
            tabIndex={0}
          >
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption id="bookings-caption" className="sr-only">
                {t('bookings.caption', {
                  organization: tenant.name,
                  from: firstShown,
                  to: firstShown + data.length - 1,
                  total: pagination.total,
                  sort: sortLabel,
                })}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" aria-sort={byStart ? (descending ? 'descending' : 'ascending') : undefined} className="px-4 py-3 font-semibold">
                    <SortHeaderLink
                      href={href({ sort: byStart && descending ? 'startsAt' : '-startsAt', page: 1 })}
                      label={t('bookings.columns.when')}
                      state={byStart ? (descending ? 'descending' : 'ascending') : null}
                      hint={byStart && descending ? t('common.sortAscending') : t('common.sortDescending')}
                    />
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                    {t('bookings.columns.customer')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">
                    {t('bookings.columns.service')}
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('bookings.columns.status')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 text-right font-semibold lg:table-cell">
                    {t('bookings.columns.price')}
                  </th>
                  <th scope="col" aria-sort={byCreated ? (descending ? 'descending' : 'ascending') : undefined} className="hidden px-4 py-3 font-semibold xl:table-cell">
                    <SortHeaderLink
                      href={href({ sort: byCreated && descending ? 'createdAt' : '-createdAt', page: 1 })}
                      label={t('bookings.columns.created')}
                      state={byCreated ? (descending ? 'descending' : 'ascending') : null}
                      hint={byCreated && descending ? t('common.sortAscending') : t('common.sortDescending')}
                    />
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.map((b) => (
                  <tr key={b.id} className="align-top hover:bg-slate-50">
                    <td className="px-4 py-3">
                      <Link
                        href={`${base}/${b.id}`}
                        className={cx('font-medium whitespace-nowrap text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}
                      >
                        <time dateTime={b.start}>{formatDayDate(b.start, locale, zone)}</time>
                        <span className="sr-only">, {b.customer?.name}</span>
                      </Link>
                      <span className="block whitespace-nowrap text-slate-700">{formatTimeRange(b.start, b.end, locale, zone)}</span>
                      {/* Narrow screens: the hidden columns fold in here. */}
                      <span className="mt-1 block text-slate-900 sm:hidden">{b.customer?.name}</span>
                      <span className="block text-slate-600 md:hidden">
                        {b.serviceName} · {b.resourceName}
                      </span>
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      <span className="block font-medium text-slate-900">{b.customer?.name}</span>
                      <span className="block break-all text-slate-600">{b.customer?.email}</span>
                    </td>
                    <td className="hidden px-4 py-3 md:table-cell">
                      <span className="block text-slate-900">{b.serviceName}</span>
                      <span className="block text-slate-600">{b.resourceName}</span>
                    </td>
                    <td className="px-4 py-3">
                      <StatusBadge status={b.status} />
                    </td>
                    <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums lg:table-cell">
                      {formatMoney(b.priceMinor, b.currency, locale)}
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 xl:table-cell">
                      <time dateTime={b.createdAt}>{formatDate(b.createdAt, locale, zone)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <Pagination
        label={t('bookings.pagesLabel')}
        page={pagination.page}
        totalPages={pagination.totalPages}
        hasMore={pagination.hasMore}
        href={(p) => href({ page: p })}
        className="mt-4"
      />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { listCustomers } from '@/modules/customers';
import { buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { ExportActions } from '../../_components/export-actions';
import { SortHeaderLink } from '../../_components/sort-header-link';
import { formatDate } from '../../_lib/format';
import { type CustomerFilters, type CustomerSort, customerSearch, PAGE_SIZE, parseCustomerFilters, type SearchParams } from '../../_lib/list-query';
import { CustomerSearchForm } from './search-form';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('dashboard.customers')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Clicking a column sorts by it; clicking the sorted column again flips the direction. */
const columnSorts: Record<'name' | 'totalBookings' | 'lastBookingAt', { first: CustomerSort; second: CustomerSort }> = {
  name: { first: 'name', second: '-name' },
  totalBookings: { first: '-totalBookings', second: 'totalBookings' },
  lastBookingAt: { first: '-lastBookingAt', second: 'lastBookingAt' },
};

export default async function CustomersPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parseCustomerFilters(await searchParams);
  const [ctx, t, tx, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('dashboard'), getTranslations('exports'), getLocale()]);
  const tenant = ctx.tenant!;
  const base = `/dashboard/${slug}/customers`;

  let result;
  try {
    result = await listCustomers(ctx, { q: filters.q || undefined, sort: filters.sort, page: filters.page, pageSize: PAGE_SIZE });
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <ForbiddenNotice slug={slug} heading={t('customers.title')} title={t('customers.forbiddenTitle')} body={t('customers.forbiddenBody', { organization: tenant.name })} backLabel={t('common.backToOverview')} />
      );
    }
    throw err;
  }

  const { data, pagination } = result;
  const href = (f: Partial<CustomerFilters>) => `${base}${customerSearch({ ...filters, ...f })}`;
  const firstShown = (pagination.page - 1) * pagination.pageSize + 1;
  const sortHeader = (column: keyof typeof columnSorts, label: string) => {
    const { first, second } = columnSorts[column];
    const state = filters.sort.replace(/^-/, '') === column ? filters.sort : null;
    const direction: 'ascending' | 'descending' | null = state ? (state.startsWith('-') ? 'descending' : 'ascending') : null;
    const next = state === first ? second : first;
    return {
      ariaSort: direction ?? undefined,
      link: (
        <SortHeaderLink
          href={href({ sort: next, page: 1 })}
          label={label}
          state={direction}
          hint={next.startsWith('-') ? t('common.sortDescending') : t('common.sortAscending')}
        />
      ),
    };
  };
  const nameSort = sortHeader('name', t('customers.columns.name'));
  const countSort = sortHeader('totalBookings', t('customers.columns.bookings'));
  const lastSort = sortHeader('lastBookingAt', t('customers.columns.lastBooking'));

  return (
    <div className="mx-auto max-w-6xl">
      <header>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('customers.title')}</h1>
          {/* The file holds what the list shows: its search and sort, not its page. */}
          <ExportActions
            kind="customers"
            slug={slug}
            label={tx('customersLabel')}
            query={Object.fromEntries(Object.entries({ q: filters.q, sort: filters.sort, lang: locale === 'en' || locale === 'es' ? locale : '' }).filter(([, v]) => v !== ''))}
          />
        </div>
        <p className="mt-1 text-sm text-slate-600">{t('customers.summary', { count: pagination.total, filtered: String(!!filters.q) })}</p>
      </header>

      <div className="mt-6">
        <CustomerSearchForm key={customerSearch(filters)} action={base} filters={filters} />
      </div>

      {data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={pagination.total > 0 ? t('common.pageEmptyTitle') : filters.q ? t('customers.noMatchTitle', { q: filters.q }) : t('customers.emptyTitle')}
          description={
            pagination.total > 0 ? t('common.pageEmptyBody', { totalPages: pagination.totalPages }) : filters.q ? t('customers.noMatchBody') : t('customers.emptyBody')
          }
          action={
            pagination.total > 0 ? (
              <Link href={href({ page: 1 })} className={buttonClasses({ variant: 'secondary' })}>
                {t('common.firstPage')}
              </Link>
            ) : filters.q ? (
              <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
                {t('customers.filters.clear')}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-600" aria-hidden="true">
            {t('common.showing', { from: firstShown, to: firstShown + data.length - 1, total: pagination.total })}
          </p>
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="customers-caption" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption id="customers-caption" className="sr-only">
                {t('customers.caption', {
                  organization: tenant.name,
                  from: firstShown,
                  to: firstShown + data.length - 1,
                  total: pagination.total,
                  sort: t(`customers.filters.sorts.${filters.sort}`),
                })}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" aria-sort={nameSort.ariaSort} className="px-4 py-3 font-semibold">
                    {nameSort.link}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                    {t('customers.columns.email')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold lg:table-cell">
                    {t('customers.columns.phone')}
                  </th>
                  <th scope="col" aria-sort={countSort.ariaSort} className="px-4 py-3 text-right font-semibold">
                    {countSort.link}
                  </th>
                  <th scope="col" aria-sort={lastSort.ariaSort} className="hidden px-4 py-3 font-semibold md:table-cell">
                    {lastSort.link}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.map((c) => (
                  <tr key={c.id} className="align-top hover:bg-slate-50">
                    <td className="px-4 py-3">
                      <Link href={`${base}/${c.id}`} className={cx('font-medium text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}>
                        {c.name}
                      </Link>
                      <span className="block break-all text-slate-600 sm:hidden">{c.email}</span>
                      {c.lastBookingAt ? (
                        <span className="block text-slate-600 md:hidden">
                          {t('customers.lastBookingOn')} <time dateTime={c.lastBookingAt}>{formatDate(c.lastBookingAt, locale, tenant.timezone)}</time>
                        </span>
                      ) : null}
                    </td>
                    <td className="hidden px-4 py-3 break-all text-slate-700 sm:table-cell">{c.email}</td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 lg:table-cell">{c.phone ?? '—'}</td>
                    <td className="px-4 py-3 text-right text-slate-800 tabular-nums">{c.totalBookings}</td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 md:table-cell">
                      {c.lastBookingAt ? <time dateTime={c.lastBookingAt}>{formatDate(c.lastBookingAt, locale, tenant.timezone)}</time> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <Pagination
        label={t('customers.pagesLabel')}
        page={pagination.page}
        totalPages={pagination.totalPages}
        hasMore={pagination.hasMore}
        href={(p) => href({ page: p })}
        className="mt-4"
      />
    </div>
  );
}

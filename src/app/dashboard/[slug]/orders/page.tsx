import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { orderStatuses } from '@/db/enums';
import { isAppError } from '@/lib/errors';
import { parseInput } from '@/modules/kernel';
import { listOrders, orderSchemas } from '@/modules/orders';
import { Alert } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { SelectField, TextField } from '@/ui/field';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { formatDateTime, formatMoney } from '../../_lib/format';
import type { SearchParams } from '../../_lib/list-query';
import { ForbiddenNotice } from '../forbidden-notice';
import { OrderStatusBadge } from '../_shop/order-status-badge';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

interface Filters {
  status: string;
  from: string;
  to: string;
  q: string;
  page: number;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

function parseFilters(sp: SearchParams): Filters {
  const status = one(sp.status);
  const page = Number.parseInt(one(sp.page), 10);
  return {
    status: (orderStatuses as readonly string[]).includes(status) ? status : '',
    from: one(sp.from),
    to: one(sp.to),
    q: one(sp.q).slice(0, 100),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The URL of the list with these filters: empty ones left out, page 1 left out. */
function search(f: Filters): string {
  const params = new URLSearchParams();
  if (f.status) params.set('status', f.status);
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.q) params.set('q', f.q);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('shopAdmin.orders')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The shop's orders, newest first: filters (status, dates, email or number) and the page live in the URL. */
export default async function OrdersPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parseFilters(await searchParams);
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('shopAdmin'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const base = `/dashboard/${slug}/orders`;
  const filtered = Boolean(filters.status || filters.from || filters.to || filters.q);

  let result: Awaited<ReturnType<typeof listOrders>> | null = null;
  let badQuery: string | null = null;
  try {
    const query = Object.fromEntries(
      Object.entries({ status: filters.status, from: filters.from, to: filters.to, q: filters.q, page: String(filters.page), pageSize: String(PAGE_SIZE) }).filter(([, v]) => v !== ''),
    );
    if (filters.from && filters.to && filters.from > filters.to) badQuery = t('orders.filters.rangeError');
    else result = await listOrders(ctx, parseInput(orderSchemas.listOrdersQuery, query, 'query'));
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('orders.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    if (isAppError(err) && err.code === 'VALIDATION') badQuery = t('orders.badQuery', { message: err.message });
    else throw err;
  }

  const href = (f: Partial<Filters>) => `${base}${search({ ...filters, ...f })}`;
  const data = result?.data ?? [];
  const pagination = result?.pagination;

  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('orders.title')}</h1>
      {pagination ? <p className="mt-1 text-sm text-slate-600">{t('orders.summary', { count: pagination.total, filtered: String(filtered) })}</p> : null}

      {/* A GET form: the filters are the URL, so they work before JavaScript and survive a reload. */}
      <form method="get" action={base} role="search" aria-label={t('orders.filters.label')} className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField id="orders-q" name="q" type="search" label={t('orders.filters.search')} defaultValue={filters.q} maxLength={100} />
          <SelectField id="orders-status" name="status" label={t('orders.filters.status')} defaultValue={filters.status}>
            <option value="">{t('orders.filters.anyStatus')}</option>
            {orderStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField id="orders-from" name="from" type="date" label={t('orders.filters.from')} defaultValue={filters.from} />
          <TextField
            id="orders-to"
            name="to"
            type="date"
            label={t('orders.filters.to')}
            defaultValue={filters.to}
            error={badQuery && filters.from && filters.to && filters.from > filters.to ? badQuery : null}
          />
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          <Button type="submit">{t('orders.filters.apply')}</Button>
          {filtered ? (
            <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
              {t('orders.filters.clear')}
            </Link>
          ) : null}
        </div>
      </form>

      {badQuery && !(filters.from && filters.to && filters.from > filters.to) ? (
        <Alert tone="error" role="alert" className="mt-6">
          {badQuery}
        </Alert>
      ) : null}

      {pagination && data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={pagination.total > 0 ? td('common.pageEmptyTitle') : filtered ? t('orders.noMatchTitle') : t('orders.emptyTitle')}
          description={pagination.total > 0 ? td('common.pageEmptyBody', { totalPages: pagination.totalPages }) : filtered ? t('orders.noMatchBody') : t('orders.emptyBody')}
          action={
            pagination.total > 0 ? (
              <Link href={href({ page: 1 })} className={buttonClasses({ variant: 'secondary' })}>
                {td('common.firstPage')}
              </Link>
            ) : undefined
          }
        />
      ) : null}

      {pagination && data.length > 0 ? (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="orders-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="orders-caption" className="sr-only">
              {t('orders.caption', { organization: tenant.name })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('orders.columns.number')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                  {t('orders.columns.customer')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('orders.columns.status')}
                </th>
                <th scope="col" className="hidden px-4 py-3 text-right font-semibold md:table-cell">
                  {t('orders.columns.total')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((o) => (
                <tr key={o.id} className="align-top hover:bg-slate-50" data-testid="order-row">
                  <td className="px-4 py-3">
                    <Link href={`${base}/${o.id}`} className={cx('font-medium whitespace-nowrap text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}>
                      {o.number}
                    </Link>
                    <span className="block whitespace-nowrap text-slate-700">
                      <time dateTime={o.placedAt}>{formatDateTime(o.placedAt, locale, zone)}</time>
                    </span>
                    <span className="mt-1 block break-all text-slate-700 sm:hidden">{o.email}</span>
                    <span className="block text-slate-800 tabular-nums md:hidden">{formatMoney(o.totals.totalMinor, o.totals.currency, locale)}</span>
                  </td>
                  <td className="hidden px-4 py-3 sm:table-cell">
                    <span className="block font-medium text-slate-900">{o.name}</span>
                    <span className="block break-all text-slate-600">{o.email}</span>
                  </td>
                  <td className="px-4 py-3">
                    <OrderStatusBadge status={o.status} />
                  </td>
                  <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums md:table-cell">{formatMoney(o.totals.totalMinor, o.totals.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {pagination ? (
        <Pagination label={t('orders.pagesLabel')} page={pagination.page} totalPages={pagination.totalPages} hasMore={pagination.hasMore} href={(p) => href({ page: p })} className="mt-4" />
      ) : null}
    </div>
  );
}

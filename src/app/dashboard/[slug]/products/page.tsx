import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can, parseInput } from '@/modules/kernel';
import { listLowStock, listProducts, productSchemas } from '@/modules/products';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button, buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { SelectField, TextField } from '@/ui/field';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { formatMoney } from '../../_lib/format';
import type { SearchParams } from '../../_lib/list-query';
import { ForbiddenNotice } from '../forbidden-notice';
import { ProductStatusBadge } from './status-badge';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;
const statuses = productSchemas.productStatuses;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

interface Filters {
  status: string;
  q: string;
  page: number;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

function parseFilters(sp: SearchParams): Filters {
  const status = one(sp.status);
  const page = Number.parseInt(one(sp.page), 10);
  return {
    status: (statuses as readonly string[]).includes(status) ? status : '',
    q: one(sp.q).slice(0, 100),
    page: Number.isFinite(page) && page > 0 && page <= 10_000 ? page : 1,
  };
}

/** The URL of the list with these filters: empty ones left out, page 1 left out. */
function search(f: Filters): string {
  const params = new URLSearchParams();
  if (f.status) params.set('status', f.status);
  if (f.q) params.set('q', f.q);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('productsAdmin')]);
  return { title: t('list.metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The shop's products: status filter, search and page in the URL; the low-stock items below. */
export default async function ProductsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parseFilters(await searchParams);
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('productsAdmin'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const base = `/dashboard/${slug}/products`;
  const filtered = Boolean(filters.status || filters.q);
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const manage = can(role, 'products:manage');

  let result: Awaited<ReturnType<typeof listProducts>> | null = null;
  let badQuery: string | null = null;
  try {
    const query = Object.fromEntries(Object.entries({ status: filters.status, q: filters.q, page: String(filters.page), pageSize: String(PAGE_SIZE) }).filter(([, v]) => v !== ''));
    result = await listProducts(ctx, parseInput(productSchemas.listProductsQuery, query, 'query'));
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('list.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    if (isAppError(err) && err.code === 'VALIDATION') badQuery = t('list.badQuery', { message: err.message });
    else throw err;
  }
  const low = await listLowStock(ctx, { page: 1, pageSize: 10 });

  const href = (f: Partial<Filters>) => `${base}${search({ ...filters, ...f })}`;
  const data = result?.data ?? [];
  const pagination = result?.pagination;

  return (
    <div className="mx-auto max-w-6xl">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('list.title')}</h1>
          {pagination ? <p className="mt-1 text-sm text-slate-600">{t('list.summary', { count: pagination.total, filtered: String(filtered) })}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`${base}/categories`} className={buttonClasses({ variant: 'secondary' })}>
            {t('list.categories')}
          </Link>
          {manage ? (
            <Link href={`${base}/new`} className={buttonClasses({})}>
              {t('list.new')}
            </Link>
          ) : null}
        </div>
      </div>

      {/* A GET form: the filters are the URL, so they work before JavaScript and survive a reload. */}
      <form method="get" action={base} role="search" aria-label={t('list.filters.label')} className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="products-q" name="q" type="search" label={t('list.filters.search')} defaultValue={filters.q} maxLength={100} />
          <SelectField id="products-status" name="status" label={t('list.filters.status')} defaultValue={filters.status}>
            <option value="">{t('list.filters.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          <Button type="submit">{t('list.filters.apply')}</Button>
          {filtered ? (
            <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
              {t('list.filters.clear')}
            </Link>
          ) : null}
        </div>
      </form>

      {badQuery ? (
        <Alert tone="error" role="alert" className="mt-6">
          {badQuery}
        </Alert>
      ) : null}

      {pagination && data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={pagination.total > 0 ? td('common.pageEmptyTitle') : filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
          description={pagination.total > 0 ? td('common.pageEmptyBody', { totalPages: pagination.totalPages }) : filtered ? t('list.noMatchBody') : t('list.emptyBody')}
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
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="products-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="products-caption" className="sr-only">
              {t('list.caption', { organization: tenant.name })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('list.columns.title')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('list.columns.status')}
                </th>
                <th scope="col" className="hidden px-4 py-3 text-right font-semibold sm:table-cell">
                  {t('list.columns.price')}
                </th>
                <th scope="col" className="hidden px-4 py-3 text-right font-semibold md:table-cell">
                  {t('list.columns.stock')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((p) => {
                const items = new Map(p.variants.map((v) => [v.stockItem.id, v.stockItem]));
                const available = [...items.values()].reduce((s, i) => s + i.available, 0);
                const onHand = [...items.values()].reduce((s, i) => s + i.onHand, 0);
                const price = p.variants.length > 0 ? t('list.priceFrom', { price: formatMoney(p.priceMinMinor, p.currency, locale) }) : t('list.noVariants');
                const stock = t('list.stock', { available, onHand });
                return (
                  <tr key={p.id} className="align-top hover:bg-slate-50" data-testid="product-row">
                    <td className="px-4 py-3">
                      <Link href={`${base}/${p.id}`} className={cx('font-medium text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}>
                        {p.title}
                      </Link>
                      <span className="block break-all text-slate-600">/{p.slug}</span>
                      {p.featured ? (
                        <Badge tone="brand" className="mt-1">
                          {t('list.featured')}
                        </Badge>
                      ) : null}
                      <span className="block text-slate-800 tabular-nums sm:hidden">{price}</span>
                      <span className="block text-slate-800 tabular-nums md:hidden">{stock}</span>
                    </td>
                    <td className="px-4 py-3">
                      <ProductStatusBadge status={p.status} label={t(`status.${p.status}`)} />
                    </td>
                    <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums sm:table-cell">{price}</td>
                    <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums md:table-cell">{stock}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      {pagination ? <Pagination label={t('list.pagesLabel')} page={pagination.page} totalPages={pagination.totalPages} hasMore={pagination.hasMore} href={(p) => href({ page: p })} className="mt-4" /> : null}

      <section aria-labelledby="low-stock-title" className="mt-10">
        <h2 id="low-stock-title" className="text-lg font-semibold text-slate-900">
          {t('lowStock.title')}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-600">{t('lowStock.summary')}</p>
        {low.data.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700">{t('lowStock.empty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm" data-testid="low-stock">
            {low.data.map((item) => (
              <li key={item.id} className="px-4 py-3">
                <span className="block font-mono text-slate-900">{item.code}</span>
                <span className="block text-slate-700 tabular-nums">{t('lowStock.counts', { available: item.available, threshold: item.lowStockThreshold })}</span>
                <span className="block">
                  {item.variants.map((v, i) => (
                    <span key={v.id}>
                      {i > 0 ? ', ' : null}
                      <Link href={`${base}/${v.productId}`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
                        {v.productTitle} — {v.title}
                      </Link>
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
        {low.pagination.total > low.data.length ? <p className="mt-2 text-sm text-slate-600">{t('lowStock.more', { count: low.pagination.total - low.data.length })}</p> : null}
      </section>
    </div>
  );
}

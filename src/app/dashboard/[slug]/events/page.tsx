import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { listEvents } from '@/modules/events';
import { eventStatuses, listEventsQuery } from '@/modules/events/schemas';
import { can, parseInput } from '@/modules/kernel';
import { Alert } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { SelectField } from '@/ui/field';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import type { SearchParams } from '../../_lib/list-query';
import { formatDateTime } from '../../_lib/format';
import { ForbiddenNotice } from '../forbidden-notice';
import { EventStatusBadge } from './status-badge';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

interface Filters {
  status: string;
  /** 'upcoming' (the default) or 'all'. */
  when: 'upcoming' | 'all';
  page: number;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

function parseFilters(sp: SearchParams): Filters {
  const status = one(sp.status);
  const page = Number.parseInt(one(sp.page), 10);
  return {
    status: (eventStatuses as readonly string[]).includes(status) ? status : '',
    when: one(sp.when) === 'all' ? 'all' : 'upcoming',
    page: Number.isFinite(page) && page > 0 && page <= 10_000 ? page : 1,
  };
}

function search(f: Filters): string {
  const params = new URLSearchParams();
  if (f.status) params.set('status', f.status);
  if (f.when === 'all') params.set('when', 'all');
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('eventsAdmin')]);
  return { title: t('list.metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The organization's events with their sales (sold of capacity, checked in); status and upcoming filters and the page in the URL. */
export default async function EventsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parseFilters(await searchParams);
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('eventsAdmin'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const base = `/dashboard/${slug}/events`;
  const filtered = Boolean(filters.status || filters.when === 'all');
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const manage = can(role, 'events:manage');

  let result: Awaited<ReturnType<typeof listEvents>> | null = null;
  let badQuery: string | null = null;
  try {
    const query: Record<string, string> = { page: String(filters.page), pageSize: String(PAGE_SIZE) };
    if (filters.status) query.status = filters.status;
    if (filters.when === 'upcoming') query.upcoming = 'true';
    result = await listEvents(ctx, parseInput(listEventsQuery, query, 'query'));
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('list.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    if (isAppError(err) && err.code === 'VALIDATION') badQuery = t('list.badQuery', { message: err.message });
    else throw err;
  }

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
        {manage ? (
          <Link href={`${base}/new`} className={buttonClasses({})}>
            {t('list.new')}
          </Link>
        ) : null}
      </div>

      {/* A GET form: the filters are the URL, so they work before JavaScript and survive a reload. */}
      <form method="get" action={base} role="search" aria-label={t('list.filters.label')} className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField id="events-when" name="when" label={t('list.filters.when')} defaultValue={filters.when}>
            <option value="upcoming">{t('list.filters.upcoming')}</option>
            <option value="all">{t('list.filters.all')}</option>
          </SelectField>
          <SelectField id="events-status" name="status" label={t('list.filters.status')} defaultValue={filters.status}>
            <option value="">{t('list.filters.anyStatus')}</option>
            {eventStatuses.map((s) => (
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
            ) : manage && !filtered ? (
              <Link href={`${base}/new`} className={buttonClasses({})}>
                {t('list.new')}
              </Link>
            ) : undefined
          }
        />
      ) : null}

      {pagination && data.length > 0 ? (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="events-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="events-caption" className="sr-only">
              {t('list.caption', { organization: tenant.name })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('list.columns.event')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">
                  {t('list.columns.date')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('list.columns.status')}
                </th>
                <th scope="col" className="hidden px-4 py-3 text-right font-semibold sm:table-cell">
                  {t('list.columns.sold')}
                </th>
                <th scope="col" className="hidden px-4 py-3 text-right font-semibold sm:table-cell">
                  {t('list.columns.checkedIn')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((e) => {
                const when = formatDateTime(e.startsAt, locale, e.timezone);
                return (
                  <tr key={e.id} className="align-top hover:bg-slate-50" data-testid="event-row">
                    <td className="px-4 py-3">
                      <Link href={`${base}/${e.id}`} className={cx('font-medium text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}>
                        {e.title}
                      </Link>
                      <span className="block text-slate-700 md:hidden">{when}</span>
                      <span className="block text-slate-700 tabular-nums sm:hidden">
                        {t('list.soldLong', { sold: e.sold, capacity: e.capacity })} · {t('list.checkedInLong', { count: e.checkedIn })}
                      </span>
                    </td>
                    <td className="hidden px-4 py-3 text-slate-800 md:table-cell">
                      <time dateTime={e.startsAt}>{when}</time>
                    </td>
                    <td className="px-4 py-3">
                      <EventStatusBadge status={e.status} label={t(`status.${e.status}`)} />
                    </td>
                    <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums sm:table-cell">{t('list.sold', { sold: e.sold, capacity: e.capacity })}</td>
                    <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums sm:table-cell">{e.checkedIn}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      {pagination ? <Pagination label={t('list.pagesLabel')} page={pagination.page} totalPages={pagination.totalPages} hasMore={pagination.hasMore} href={(p) => href({ page: p })} className="mt-4" /> : null}
    </div>
  );
}

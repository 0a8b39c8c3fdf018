import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { type BookingDto, bookingSchemas, listBookings } from '@/modules/bookings';
import { listResources, listServices } from '@/modules/catalog';
import { type Ctx, parseInput } from '@/modules/kernel';
import { Badge } from '@/ui/badge';
import { buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { StatusBadge } from '../../_components/status-badge';
import { formatDayDate, formatMoney, formatTimeRange } from '../../_lib/format';
import { isIsoDate, type SearchParams } from '../../_lib/list-query';
import { PartyFiltersForm } from './filters';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;
/** The list API's largest page. */
const FETCH_SIZE = 100;
const statusChoices = ['upcoming', 'pending', 'confirmed', 'completed', 'cancelled', 'all'] as const;
type StatusChoice = (typeof statusChoices)[number];

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export interface PartyFilters {
  serviceId: string;
  resourceId: string;
  status: StatusChoice;
  from: string;
  to: string;
  page: number;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** Forgiving: a value the list would refuse (a hand-edited URL) is dropped. */
function parseFilters(sp: SearchParams, today: string): PartyFilters {
  const status = one(sp.status) as StatusChoice;
  const from = one(sp.from);
  const to = one(sp.to);
  const page = Number(one(sp.page));
  return {
    serviceId: /^svc_[0-9a-z]{26}$/.test(one(sp.serviceId)) ? one(sp.serviceId) : '',
    resourceId: /^res_[0-9a-z]{26}$/.test(one(sp.resourceId)) ? one(sp.resourceId) : '',
    status: statusChoices.includes(status) ? status : 'upcoming',
    from: isIsoDate(from) ? from : today,
    to: isIsoDate(to) && (!isIsoDate(from) || to >= from) ? to : '',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function search(f: PartyFilters, today: string): string {
  const q = new URLSearchParams();
  if (f.serviceId) q.set('serviceId', f.serviceId);
  if (f.resourceId) q.set('resourceId', f.resourceId);
  if (f.status !== 'upcoming') q.set('status', f.status);
  if (f.from !== today) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.page > 1) q.set('page', String(f.page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const statusQuery: Record<StatusChoice, string | undefined> = {
  upcoming: 'pending,confirmed',
  pending: 'pending',
  confirmed: 'confirmed',
  completed: 'completed',
  cancelled: 'cancelled',
  all: undefined,
};

/**
 * The first `count` bookings of each package, soonest first, merged: the list API filters by one
 * service at a time, so "all packages" reads each package's list up to the page asked for and
 * takes that page of the merge. A venue has a handful of packages; the cost grows with the page
 * number, not with the history.
 */
async function partyPage(ctx: Ctx, packageIds: string[], f: PartyFilters): Promise<{ data: BookingDto[]; total: number }> {
  const wanted = f.page * PAGE_SIZE;
  const lists = await Promise.all(
    packageIds.map(async (serviceId) => {
      const rows: BookingDto[] = [];
      let total = 0;
      for (let page = 1; rows.length < wanted; page++) {
        const query = Object.fromEntries(
          Object.entries({ serviceId, resourceId: f.resourceId, status: statusQuery[f.status], from: f.from, to: f.to, sort: 'startsAt', page, pageSize: FETCH_SIZE }).filter(([, v]) => v !== '' && v !== undefined),
        );
        const res = await listBookings(ctx, parseInput(bookingSchemas.listBookingsQuery, query, 'query'));
        rows.push(...res.data);
        total = res.pagination.total;
        if (!res.pagination.hasMore) break;
      }
      return { rows, total };
    }),
  );
  const merged = lists.flatMap((l) => l.rows).sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  return { data: merged.slice((f.page - 1) * PAGE_SIZE, wanted), total: lists.reduce((s, l) => s + l.total, 0) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('party.parties')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function PartiesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('party.parties'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const filters = parseFilters(await searchParams, today);
  const base = `/dashboard/${slug}/parties`;

  const [services, resources] = await Promise.all([listServices(ctx, { page: 1, pageSize: 100 }), listResources(ctx, { page: 1, pageSize: 100 })]);
  const packages = services.data.filter((s) => s.package !== null);
  const chosen = filters.serviceId && packages.some((p) => p.id === filters.serviceId) ? [filters.serviceId] : packages.map((p) => p.id);
  const { data, total } = packages.length ? await partyPage(ctx, chosen, filters) : { data: [], total: 0 };
  const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (f: Partial<PartyFilters>) => `${base}${search({ ...filters, ...f }, today)}`;
  const dueDays = new Map(packages.map((p) => [p.id, p.package!.balanceDueDays]));
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  const filtered = filters.serviceId !== '' || filters.resourceId !== '' || filters.status !== 'upcoming' || filters.from !== today || filters.to !== '';
  const firstShown = (filters.page - 1) * PAGE_SIZE + 1;
  const roomIds = new Set(packages.flatMap((p) => p.resourceIds));

  return (
    <div className="mx-auto max-w-6xl">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t('summary', { count: total })} · {td('common.timesIn', { timeZone: zone })}
        </p>
      </header>

      {packages.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={t('noPackagesTitle')}
          description={t('noPackagesBody')}
          action={
            <Link href={`/dashboard/${slug}/catalog/services`} className={buttonClasses({ variant: 'secondary' })}>
              {t('toCatalog')}
            </Link>
          }
        />
      ) : (
        <>
          <div className="mt-6">
            <PartyFiltersForm
              key={search(filters, today)}
              action={base}
              filters={filters}
              packages={packages.map((p) => ({ id: p.id, name: p.name }))}
              rooms={resources.data.filter((r) => roomIds.has(r.id)).map((r) => ({ id: r.id, name: r.name }))}
              statuses={[...statusChoices]}
            />
          </div>

          {data.length === 0 ? (
            <EmptyState
              className="mt-6"
              title={total > 0 ? td('common.pageEmptyTitle') : filtered ? t('noMatchTitle') : t('emptyTitle')}
              description={total > 0 ? td('common.pageEmptyBody', { totalPages }) : filtered ? t('noMatchBody') : t('emptyBody')}
              action={
                total > 0 ? (
                  <Link href={href({ page: 1 })} className={buttonClasses({ variant: 'secondary' })}>
                    {td('common.firstPage')}
                  </Link>
                ) : filtered ? (
                  <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
                    {t('clear')}
                  </Link>
                ) : undefined
              }
            />
          ) : (
            <>
              <p className="mt-6 text-sm text-slate-600" aria-hidden="true">
                {td('common.showing', { from: firstShown, to: firstShown + data.length - 1, total })}
              </p>
              <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="parties-caption" tabIndex={0}>
                <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
                  <caption id="parties-caption" className="sr-only">
                    {t('caption', { from: firstShown, to: firstShown + data.length - 1, total })}
                  </caption>
                  <thead className="bg-slate-50 text-slate-700">
                    <tr>
                      <th scope="col" className="px-4 py-3 font-semibold">
                        {t('columns.when')}
                      </th>
                      <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">
                        {t('columns.package')}
                      </th>
                      <th scope="col" className="px-4 py-3 font-semibold">
                        {t('columns.guests')}
                      </th>
                      <th scope="col" className="hidden px-4 py-3 text-right font-semibold sm:table-cell">
                        {t('columns.total')}
                      </th>
                      <th scope="col" className="px-4 py-3 font-semibold">
                        {t('columns.deposit')}
                      </th>
                      <th scope="col" className="hidden px-4 py-3 font-semibold lg:table-cell">
                        {t('columns.balance')}
                      </th>
                      <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                        {t('columns.status')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.map((b) => {
                      const days = dueDays.get(b.serviceId) ?? 0;
                      const dueAt = new Date(Date.parse(b.start) - days * 86_400_000).toISOString();
                      return (
                        <tr key={b.id} className="align-top hover:bg-slate-50">
                          <td className="px-4 py-3">
                            <Link href={`/dashboard/${slug}/bookings/${b.id}`} className={cx('font-medium whitespace-nowrap text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}>
                              <time dateTime={b.start}>{formatDayDate(b.start, locale, zone)}</time>
                              <span className="sr-only">, {b.customer?.name}</span>
                            </Link>
                            <span className="block whitespace-nowrap text-slate-700">{formatTimeRange(b.start, b.end, locale, zone)}</span>
                            <span className="block text-slate-900">{b.customer?.name}</span>
                            <span className="block text-slate-600 md:hidden">
                              {b.serviceName} · {b.resourceName}
                            </span>
                            <span className="mt-1 block sm:hidden">
                              <StatusBadge status={b.status} />
                            </span>
                          </td>
                          <td className="hidden px-4 py-3 md:table-cell">
                            <span className="block text-slate-900">{b.serviceName}</span>
                            <span className="block text-slate-600">{b.resourceName}</span>
                          </td>
                          <td className="px-4 py-3 whitespace-nowrap text-slate-900">
                            {t('guestCounts', { children: b.children ?? 0, adults: b.adults ?? 0 })}
                            {b.addons.length > 0 ? <span className="block text-slate-600">{t('addonCount', { count: b.addons.length })}</span> : null}
                          </td>
                          <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums sm:table-cell">{money(b.priceMinor, b.currency)}</td>
                          <td className="px-4 py-3 whitespace-nowrap">
                            {b.depositMinor === null ? (
                              <span className="text-slate-600">{t('noDeposit')}</span>
                            ) : (
                              <>
                                <span className="block tabular-nums text-slate-800">{money(b.depositMinor, b.currency)}</span>
                                {b.depositPaidAt ? <Badge tone="success">{t('paid')}</Badge> : <Badge tone={b.status === 'cancelled' ? 'neutral' : 'warning'}>{t('unpaid')}</Badge>}
                              </>
                            )}
                          </td>
                          <td className="hidden px-4 py-3 whitespace-nowrap lg:table-cell">
                            {b.balanceMinor === null ? (
                              <span className="text-slate-600">—</span>
                            ) : (
                              <>
                                <span className="block tabular-nums text-slate-800">{money(b.balanceMinor, b.currency)}</span>
                                {b.balancePaidAt ? (
                                  <Badge tone="success">{t('paid')}</Badge>
                                ) : b.balanceMinor > 0 && b.status !== 'cancelled' ? (
                                  <span className="block text-slate-600">{t('dueBy', { date: formatDayDate(dueAt, locale, zone) })}</span>
                                ) : null}
                              </>
                            )}
                          </td>
                          <td className="hidden px-4 py-3 sm:table-cell">
                            <StatusBadge status={b.status} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          )}

          <Pagination label={t('pagesLabel')} page={filters.page} totalPages={totalPages} hasMore={filters.page < totalPages} href={(p) => href({ page: p })} className="mt-4" />
        </>
      )}
    </div>
  );
}

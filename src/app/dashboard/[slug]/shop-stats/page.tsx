import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can, parseInput } from '@/modules/kernel';
import { orderSchemas, orderStats } from '@/modules/orders';
import { listLowStock } from '@/modules/products';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { TextField } from '@/ui/field';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { formatDate, formatMoney, wallClock } from '../../_lib/format';
import type { SearchParams } from '../../_lib/list-query';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const DAY = 86_400_000;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('shopAdmin.stats')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Revenue, orders, AOV, top products and days over a chosen range (default: the last 30 days), and low stock. */
export default async function ShopStatsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = await searchParams;
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('shopAdmin.stats'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const today = wallClock(ctx.now, zone).date;
  const from = one(sp.from) || wallClock(new Date(ctx.now.getTime() - 29 * DAY), zone).date;
  const to = one(sp.to) || today;

  let stats: Awaited<ReturnType<typeof orderStats>> | null = null;
  let invalid: string | null = null;
  try {
    stats = await orderStats(ctx, parseInput(orderSchemas.orderStatsQuery, { from, to }, 'query'));
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    if (isAppError(err) && err.code === 'VALIDATION') invalid = t('rangeInvalid', { message: err.message });
    else throw err;
  }
  const lowStock = can(role, 'catalog:read') ? await listLowStock(ctx, { page: 1, pageSize: 20 }) : null;
  const currency = stats?.currency ?? tenant.currency;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, locale, 'UTC');

  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary', { timeZone: zone })}</p>

      <form method="get" action={`/dashboard/${slug}/shop-stats`} aria-label={t('range')} className="mt-6 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end">
        <TextField id="stats-from" name="from" type="date" label={t('from')} defaultValue={from} required />
        <TextField id="stats-to" name="to" type="date" label={t('to')} defaultValue={to} required error={invalid} />
        <Button type="submit">{t('apply')}</Button>
      </form>

      {stats ? (
        <>
          <dl className="mt-6 grid gap-4 sm:grid-cols-3">
            <Figure label={t('revenue')} value={money(stats.revenueMinor)} />
            <Figure label={t('orders')} value={String(stats.orders)} />
            <Figure label={t('aov')} value={money(stats.averageOrderValueMinor)} />
          </dl>

          <section aria-labelledby="stats-days-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="stats-days-title" className="text-base font-semibold text-slate-900">
              {t('byDay')}
            </h2>
            {stats.byDay.length === 0 ? (
              <EmptyState className="mt-3" headingLevel="h3" title={t('noOrders')} />
            ) : (
              <>
                <RevenueChart days={everyDay(stats.from, stats.to, stats.byDay)} label={t('chartLabel', { from: day(stats.from), to: day(stats.to) })} />
                <div className="mt-4 overflow-x-auto" role="region" aria-labelledby="stats-days-caption" tabIndex={0}>
                  <table className="min-w-full text-left text-sm">
                    <caption id="stats-days-caption" className="sr-only">
                      {t('byDayCaption')}
                    </caption>
                    <thead className="text-slate-700">
                      <tr>
                        <th scope="col" className="py-2 pr-3 font-semibold">
                          {t('date')}
                        </th>
                        <th scope="col" className="px-3 py-2 text-right font-semibold">
                          {t('dayOrders')}
                        </th>
                        <th scope="col" className="py-2 pl-3 text-right font-semibold">
                          {t('dayRevenue')}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {stats.byDay.map((d) => (
                        <tr key={d.date}>
                          <th scope="row" className="py-2 pr-3 font-normal whitespace-nowrap">
                            <time dateTime={d.date}>{day(d.date)}</time>
                          </th>
                          <td className="px-3 py-2 text-right tabular-nums">{d.orders}</td>
                          <td className="py-2 pl-3 text-right tabular-nums">{money(d.revenueMinor)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>

          <section aria-labelledby="stats-top-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="stats-top-title" className="text-base font-semibold text-slate-900">
              {t('topProducts')}
            </h2>
            {stats.topProducts.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('noOrders')}</p>
            ) : (
              <div className="mt-3 overflow-x-auto" role="region" aria-labelledby="stats-top-caption" tabIndex={0}>
                <table className="min-w-full text-left text-sm">
                  <caption id="stats-top-caption" className="sr-only">
                    {t('topCaption')}
                  </caption>
                  <thead className="text-slate-700">
                    <tr>
                      <th scope="col" className="py-2 pr-3 font-semibold">
                        {t('product')}
                      </th>
                      <th scope="col" className="px-3 py-2 text-right font-semibold">
                        {t('quantity')}
                      </th>
                      <th scope="col" className="py-2 pl-3 text-right font-semibold">
                        {t('productRevenue')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {stats.topProducts.map((p, i) => (
                      <tr key={p.productId ?? `gone-${i}`}>
                        <th scope="row" className="py-2 pr-3 font-normal">
                          {p.title || t('deletedProduct')}
                        </th>
                        <td className="px-3 py-2 text-right tabular-nums">{p.quantity}</td>
                        <td className="py-2 pl-3 text-right tabular-nums">{money(p.revenueMinor)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : invalid ? (
        <Alert tone="error" role="alert" className="mt-6">
          {invalid}
        </Alert>
      ) : null}

      {lowStock ? (
        <section aria-labelledby="stats-low-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="stats-low-title" className="text-base font-semibold text-slate-900">
            {t('lowStock')}
          </h2>
          {lowStock.data.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('lowStockEmpty')}</p>
          ) : (
            <div className="mt-3 overflow-x-auto" role="region" aria-labelledby="stats-low-caption" tabIndex={0}>
              <table className="min-w-full text-left text-sm">
                <caption id="stats-low-caption" className="sr-only">
                  {t('lowStockCaption')}
                </caption>
                <thead className="text-slate-700">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      {t('stockVariants')}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">
                      {t('available')}
                    </th>
                    <th scope="col" className="py-2 pl-3 text-right font-semibold">
                      {t('threshold')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {lowStock.data.map((s) => (
                    <tr key={s.id} className="align-top">
                      <th scope="row" className="py-2 pr-3 font-normal">
                        {s.variants.length > 0 ? s.variants.map((v) => `${v.productTitle} — ${v.title}`).join('; ') : s.code}
                        <span className="block text-slate-600">{s.code}</span>
                      </th>
                      <td className="px-3 py-2 text-right tabular-nums">{s.available}</td>
                      <td className="py-2 pl-3 text-right tabular-nums">{s.lowStockThreshold}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

/** The range's days with none left out (a day without orders is a zero bar), up to a year; longer ranges keep the days that had orders. */
function everyDay(from: string, to: string, days: { date: string; revenueMinor: number }[]) {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const count = Math.round((end - start) / DAY) + 1;
  if (!(count > 0 && count <= 366)) return days;
  const byDate = new Map(days.map((d) => [d.date, d.revenueMinor]));
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start + i * DAY).toISOString().slice(0, 10);
    return { date, revenueMinor: byDate.get(date) ?? 0 };
  });
}

/** Revenue per day as bars; described by its label, the table below holds the same figures. */
function RevenueChart({ days, label }: { days: { date: string; revenueMinor: number }[]; label: string }) {
  const max = Math.max(1, ...days.map((d) => d.revenueMinor));
  const width = Math.max(days.length * 12, 120);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" className="mt-4 h-40 w-full" data-testid="stats-chart">
      {days.map((d, i) => {
        const h = d.revenueMinor > 0 ? Math.max(1, Math.round((d.revenueMinor / max) * 96)) : 0;
        return <rect key={d.date} x={i * 12 + 2} y={100 - h} width={8} height={h} className="fill-indigo-600" />;
      })}
    </svg>
  );
}

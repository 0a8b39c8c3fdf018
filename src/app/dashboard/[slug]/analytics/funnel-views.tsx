import { getTranslations } from 'next-intl/server';
import type { FunnelCounts, FunnelDto } from '@/modules/analytics';
import { Card, CardTitle } from '@/ui/card';

const mainSteps = ['service_viewed', 'time_chosen', 'details_submitted', 'booked'] as const;
const dropOffSteps = ['conflict', 'rule', 'invalid'] as const;

/**
 * The funnel as labelled CSS bars: each step's count and its share of the views are written
 * out as text (the bars themselves are hidden from assistive technology), in a list a screen
 * reader reads in order.
 */
export async function FunnelChart({ totals, locale }: { totals: FunnelCounts; locale: string }) {
  const t = await getTranslations('analyticsPage');
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const top = Math.max(1, ...mainSteps.map((s) => totals[s]));
  return (
    <Card as="section" className="mt-6" aria-labelledby="funnel-chart-title">
      <CardTitle id="funnel-chart-title">{t('chartTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t('chartDescription')}</p>
      <ol className="mt-4 space-y-3" data-testid="funnel-chart">
        {mainSteps.map((step) => (
          <li key={step} data-step={step}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
              <span className="font-medium text-slate-900">{t(`steps.${step}`)}</span>
              <span className="text-slate-700">
                <span className="font-semibold text-slate-900" data-testid={`count-${step}`}>
                  {number.format(totals[step])}
                </span>
                {totals.service_viewed > 0 ? <span> · {t('ofViewed', { share: percent.format(totals[step] / totals.service_viewed) })}</span> : null}
              </span>
            </div>
            <div className="mt-1 h-3 w-full rounded bg-slate-100" aria-hidden="true">
              <div className="h-3 rounded bg-indigo-600" style={{ width: `${(totals[step] / top) * 100}%` }} />
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** Submitted forms that did not become bookings, by reason, with what each reason means. */
export async function DropOffs({ totals, locale }: { totals: FunnelCounts; locale: string }) {
  const t = await getTranslations('analyticsPage');
  const number = new Intl.NumberFormat(locale);
  return (
    <Card as="section" className="mt-6" aria-labelledby="funnel-dropoffs-title">
      <CardTitle id="funnel-dropoffs-title">{t('dropOffsTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t('dropOffsDescription')}</p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        {dropOffSteps.map((step) => (
          <div key={step} className="rounded-md border border-slate-200 p-3">
            <dt className="text-sm font-medium text-slate-700">{t(`steps.${step}`)}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`count-${step}`}>
              {number.format(totals[step])}
            </dd>
            <dd className="mt-1 text-xs text-slate-600">{t(`dropOffHelp.${step}`)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** Every service's counts and conversion (bookings / views), scrolling sideways on a narrow screen. */
export async function ByServiceTable({ rows, locale }: { rows: FunnelDto['byService']; locale: string }) {
  const t = await getTranslations('analyticsPage');
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const columns = [...mainSteps, 'conflict', 'rule'] as const;
  return (
    <Card as="section" className="mt-6" aria-labelledby="funnel-services-title">
      <CardTitle id="funnel-services-title">{t('byServiceTitle')}</CardTitle>
      {/* Focusable so keyboard users can scroll the table sideways at 375 px. */}
      <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="funnel-services-title">
        <table className="min-w-full text-left text-sm" data-testid="funnel-by-service">
          <caption className="sr-only">{t('byServiceCaption')}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                {t('columns.service')}
              </th>
              {columns.map((step) => (
                <th key={step} scope="col" className="px-2 py-2 text-right font-medium">
                  {t(`steps.${step}`)}
                </th>
              ))}
              <th scope="col" className="py-2 pl-2 text-right font-medium">
                {t('columns.conversion')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.serviceId} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-2 pr-4 font-medium text-slate-900">
                  {row.name}
                </th>
                {columns.map((step) => (
                  <td key={step} className="px-2 py-2 text-right text-slate-800 tabular-nums">
                    {number.format(row.counts[step])}
                  </td>
                ))}
                <td className="py-2 pl-2 text-right font-semibold text-slate-900 tabular-nums">{row.conversionRate === null ? t('noRate') : percent.format(row.conversionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface PerDay {
  date: string;
  count: number;
}

// slate-600 text, indigo-700 bars, amber-800 for today: all ≥ 4.5:1 on white.
const AXIS = '#475569';
const BAR = '#4338ca';
const TODAY = '#92400e';

/** "YYYY-MM-DD" read as a calendar day (no zone shifting). */
function dayLabel(date: string, locale: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/**
 * Bookings per local day (organization's zone) as bars, today in its own colour and marked
 * with a labelled line. The same numbers are given as a summary and a visually hidden table.
 */
export function PerDayChart({ data, today }: { data: PerDay[]; today: string }) {
  const t = useTranslations('overviewPage');
  const locale = useLocale();
  const total = data.reduce((n, d) => n + d.count, 0);
  const busiest = data.reduce<PerDay | null>((best, d) => (!best || d.count > best.count ? d : best), null);
  const short = (d: string) => dayLabel(d, locale, { month: 'short', day: 'numeric' });
  const long = (d: string) => dayLabel(d, locale, { weekday: 'short', month: 'short', day: 'numeric' });
  const first = data[0]?.date;
  const last = data[data.length - 1]?.date;

  return (
    <figure>
      {total === 0 ? (
        <p className="text-sm text-slate-600">{t('chartEmpty')}</p>
      ) : (
        <p className="text-sm text-slate-700">
          {t('chartSummary', { total, from: first ? long(first) : '', to: last ? long(last) : '', busiest: busiest ? long(busiest.date) : '', max: busiest?.count ?? 0 })}
        </p>
      )}
      {/* Hidden from assistive technology (the summary above and the table below say it in words);
          without Recharts' accessibility layer nothing in it takes focus, and the mouse keeps its tooltips. */}
      <div aria-hidden="true" className="mt-4 h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 8, bottom: 0, left: -24 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="date" tickFormatter={short} tick={{ fill: AXIS, fontSize: 12 }} interval="preserveStartEnd" minTickGap={24} stroke={AXIS} />
            <YAxis allowDecimals={false} tick={{ fill: AXIS, fontSize: 12 }} stroke={AXIS} />
            <Tooltip
              labelFormatter={(d) => long(String(d))}
              formatter={(value) => [String(value), t('count')]}
              cursor={{ fill: '#f1f5f9' }}
            />
            <ReferenceLine x={today} stroke={TODAY} strokeDasharray="4 2" label={{ value: t('todayMarker'), position: 'top', fill: TODAY, fontSize: 12 }} />
            <Bar dataKey="count" isAnimationActive={false} radius={[2, 2, 0, 0]}>
              {data.map((d) => (
                <Cell key={d.date} fill={d.date === today ? TODAY : BAR} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The wrapper, not the table, is visually hidden: a table ignores the 1 px box and would
          be laid out at full height (blank scroll under the page). */}
      <div className="sr-only">
      <table>
        <caption>{t('chartTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('day')}</th>
            <th scope="col">{t('count')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.date}>
              <th scope="row">
                {long(d.date)}
                {d.date === today ? ` (${t('todayMarker')})` : ''}
              </th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

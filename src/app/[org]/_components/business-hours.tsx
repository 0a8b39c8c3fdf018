import { getTranslations } from 'next-intl/server';
import type { PublicHours } from '@/modules/catalog';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { capitalize, dateInZone, formatDate, formatWallTime, weekdayName, weekdayOf } from '../_lib/format';

/** Weekly opening hours in the organization's zone (a lunch break shows as two ranges) and the special dates ahead. */
export async function BusinessHours({ hours, locale }: { hours: PublicHours; locale: string }) {
  const t = await getTranslations({ locale, namespace: 'publicSite' });
  const today = dateInZone(new Date(), hours.timezone);
  const todayWeekday = weekdayOf(today) || 7;
  const range = (r: { start: string; end: string }) => t('timeRange', { start: formatWallTime(r.start, locale), end: formatWallTime(r.end, locale) });

  return (
    <Card as="section" aria-labelledby="hours-title">
      <CardTitle id="hours-title">{t('hoursHeading')}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t('hoursZone', { zone: hours.timezone })}</p>
      <table className="mt-4 w-full text-sm">
        <caption className="sr-only">{t('hoursHeading')}</caption>
        <tbody className="divide-y divide-slate-100">
          {hours.weekly.map((day) => {
            const isToday = day.weekday === todayWeekday;
            return (
              <tr key={day.weekday} className={isToday ? 'bg-indigo-50/60' : undefined}>
                <th scope="row" className="py-2 pr-3 text-left align-top font-medium text-slate-900">
                  <span className="flex flex-wrap items-center gap-2">
                    {capitalize(weekdayName(day.weekday, locale))}
                    {isToday ? <Badge tone="brand">{t('today')}</Badge> : null}
                  </span>
                </th>
                <td className="py-2 text-right align-top text-slate-700 tabular-nums">
                  {day.ranges.length === 0 ? (
                    <span className="text-slate-600">{t('closed')}</span>
                  ) : (
                    day.ranges.map((r) => (
                      <span key={r.start} className="block whitespace-nowrap">
                        {range(r)}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hours.overrides.length > 0 ? (
        <div className="mt-5 border-t border-slate-200 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">{t('specialDates')}</h3>
          <ul className="mt-2 space-y-2 text-sm">
            {hours.overrides.map((o) => (
              <li key={o.date} className="flex justify-between gap-3">
                <span className="text-slate-900">
                  {capitalize(formatDate(o.date, locale))}
                  {o.reason ? <span className="block text-slate-600">{o.reason}</span> : null}
                </span>
                <span className="text-right text-slate-700 tabular-nums">
                  {o.ranges.length === 0
                    ? t('closed')
                    : o.ranges.map((r) => (
                        <span key={r.start} className="block whitespace-nowrap">
                          {range(r)}
                        </span>
                      ))}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { VenueOverviewDto } from '@/modules/analytics';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { formatDayDate, formatMoney, formatTimeRange } from '../_lib/format';

/**
 * The overview's venue part (an organization with party packages, events or a loyalty program):
 * today's parties with guests, deposit and balance; the next events' sales and check-ins; tickets
 * sold this week and points this month. Only the parts the organization runs are shown.
 */
export async function VenueOverview({ venue, base, locale }: { venue: VenueOverviewDto; base: string; locale: string }) {
  const t = await getTranslations('overviewPage.venue');
  const zone = venue.timezone;
  const money = (minor: number) => formatMoney(minor, venue.currency, locale);
  return (
    <section aria-labelledby="venue-title" className="mt-6">
      <h2 id="venue-title" className="text-lg font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
      <dl className="mt-3 grid gap-4 sm:grid-cols-3">
        {venue.has.events ? <Figure term={t('ticketsSold')} value={venue.ticketsSold7d} locale={locale} /> : null}
        {venue.has.loyalty ? <Figure term={t('pointsIssued')} value={venue.pointsIssued30d} locale={locale} /> : null}
        {venue.has.loyalty ? <Figure term={t('pointsRedeemed')} value={venue.pointsRedeemed30d} locale={locale} /> : null}
      </dl>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        {venue.has.packages ? (
          <Card as="section" aria-labelledby="parties-today-title">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <CardTitle as="h3" id="parties-today-title">{t('partiesTitle')}</CardTitle>
              <Link href={`${base}/parties`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
                {t('allParties')}
              </Link>
            </div>
            {venue.partiesToday.length === 0 ? (
              <p className="mt-3 text-sm text-slate-600">{t('partiesEmpty')}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {venue.partiesToday.map((p) => (
                  <li key={p.bookingId} className="py-2.5 text-sm">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="font-medium text-slate-900">
                        {formatTimeRange(p.start, p.end, locale, zone)} · {p.serviceName}
                        {p.resourceName ? ` · ${p.resourceName}` : ''}
                      </span>
                      <Link href={`${base}/bookings/${p.bookingId}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                        {t('view')}
                        <span className="sr-only">: {p.customerName}</span>
                      </Link>
                    </div>
                    <p className="text-slate-700">
                      {p.customerName}
                      {p.children !== null ? ` · ${t('guests', { children: p.children, adults: p.adults ?? 0 })}` : ''} · {t('total', { amount: money(p.totalMinor) })}
                    </p>
                    <p className="mt-1 flex flex-wrap gap-2">
                      {p.depositMinor !== null ? <Badge tone={p.depositPaid ? 'success' : 'warning'}>{p.depositPaid ? t('depositPaid') : t('depositDue', { amount: money(p.depositMinor) })}</Badge> : null}
                      {p.balanceMinor !== null && p.balanceMinor > 0 ? (
                        <Badge tone={p.balancePaid ? 'success' : 'neutral'}>{p.balancePaid ? t('balancePaid') : t('balanceDue', { amount: money(p.balanceMinor) })}</Badge>
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        {venue.has.events ? (
          <Card as="section" aria-labelledby="next-events-title">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <CardTitle as="h3" id="next-events-title">{t('eventsTitle')}</CardTitle>
              <Link href={`${base}/events`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
                {t('allEvents')}
              </Link>
            </div>
            {venue.upcomingEvents.length === 0 ? (
              <p className="mt-3 text-sm text-slate-600">{t('eventsEmpty')}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {venue.upcomingEvents.map((e) => (
                  <li key={e.eventId} className="flex flex-wrap items-baseline justify-between gap-2 py-2.5 text-sm">
                    <span className="min-w-0">
                      <Link href={`${base}/events/${e.eventId}`} className="block font-medium text-indigo-700 underline hover:text-indigo-900">
                        {e.title}
                      </Link>
                      <span className="block text-slate-600">{formatDayDate(e.startsAt, locale, zone)}</span>
                    </span>
                    <span className="text-slate-800 tabular-nums">{t('sold', { sold: e.sold, capacity: e.capacity, checkedIn: e.checkedIn })}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
    </section>
  );
}

function Figure({ term, value, locale }: { term: string; value: number; locale: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900 tabular-nums">{value.toLocaleString(locale)}</dd>
    </div>
  );
}

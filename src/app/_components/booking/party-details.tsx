'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { CancellationSteps } from '@/app/[org]/_components/party/package-terms';
import { formatMoney } from '@/app/[org]/_lib/format';
import { Badge } from '@/ui/badge';
import type { PartyFacts } from './party-facts';

/**
 * The party part of a booking, for the guest's manage page and the staff's booking page: guests
 * (children, adults), the add-ons as booked (names and prices copied at booking time), the
 * total, the deposit (paid or not) and the balance (due or paid). Dates are shown in `zone`.
 */
export function PartyDetails({ booking, zone, balanceDueAt }: { booking: PartyFacts; zone: string; balanceDueAt?: string | null }) {
  const t = useTranslations('party.details');
  const locale = useLocale();
  const m = (minor: number) => formatMoney(minor, booking.currency, locale);
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(new Date(iso));
  const cancelled = booking.status === 'cancelled' || booking.status === 'rejected';
  return (
    <div className="space-y-3 text-sm" data-testid="party-details">
      <dl className="divide-y divide-slate-100">
        {booking.children !== null || booking.adults !== null ? (
          <Row term={t('guests')}>{t('guestCounts', { children: booking.children ?? 0, adults: booking.adults ?? 0 })}</Row>
        ) : null}
        <Row term={t('addons')}>
          {booking.addons.length === 0 ? (
            <span className="font-normal text-slate-600">{t('noAddons')}</span>
          ) : (
            <ul className="space-y-0.5">
              {booking.addons.map((a, i) => (
                <li key={`${a.addonId ?? a.name}-${i}`} className="flex flex-wrap justify-between gap-x-3">
                  <span>
                    {a.name}
                    {a.quantity > 1 ? ` × ${a.quantity}` : ''}
                    {a.extraMinutes > 0 ? <span className="font-normal text-slate-600"> · {t('extraMinutes', { minutes: a.extraMinutes * a.quantity })}</span> : null}
                  </span>
                  <span className="tabular-nums">{m(a.totalMinor)}</span>
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row term={t('total')}>
          <span className="tabular-nums">{m(booking.priceMinor)}</span>
        </Row>
        {booking.depositMinor !== null ? (
          <Row term={t('deposit')}>
            <span className="flex flex-wrap items-center gap-2">
              <span className="tabular-nums">{m(booking.depositMinor)}</span>
              {booking.depositPaidAt ? (
                <Badge tone="success">{t('paidOn', { date: when(booking.depositPaidAt) })}</Badge>
              ) : (
                <Badge tone={cancelled ? 'neutral' : 'warning'}>{t('unpaid')}</Badge>
              )}
            </span>
          </Row>
        ) : null}
        {booking.balanceMinor !== null ? (
          <Row term={t('balance')}>
            <span className="flex flex-wrap items-center gap-2">
              <span className="tabular-nums">{m(booking.balanceMinor)}</span>
              {booking.balancePaidAt ? (
                <Badge tone="success">{t('paidOn', { date: when(booking.balancePaidAt) })}</Badge>
              ) : booking.balanceMinor === 0 ? null : cancelled ? null : (
                <Badge tone="warning">{balanceDueAt ? t('dueBy', { date: when(balanceDueAt) }) : t('due')}</Badge>
              )}
            </span>
          </Row>
        ) : null}
        {booking.refundMinor !== null ? (
          <Row term={t('refund')}>
            <span className="tabular-nums">{m(booking.refundMinor)}</span>
          </Row>
        ) : null}
        {booking.cancellationPolicy && !cancelled ? (
          <Row term={t('cancellationPolicy')}>
            <div className="font-normal">
              <CancellationSteps policy={booking.cancellationPolicy} />
            </div>
          </Row>
        ) : null}
      </dl>
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium break-words text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

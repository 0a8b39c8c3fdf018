import { getTranslations } from 'next-intl/server';
import { Alert } from '@/ui/alert';
import { dateInZone, formatDate, formatDateTime, formatMoney } from '../../_lib/format';

/** What the order page knows of the booking an order pays for. */
export interface OrderBooking {
  purpose: 'deposit' | 'balance';
  serviceName: string;
  start: string;
  timezone: string;
  holdExpiresAt: string | null;
}

/**
 * The top of an order that pays a booking's deposit (it has no product lines): "Deposit for
 * Birthday party — Classic on Saturday 19 December", what paying it does, and by when an
 * online payment must be made before the booking is released.
 */
export async function DepositSummary({
  booking,
  status,
  amountMinor,
  currency,
  locale,
}: {
  booking: OrderBooking;
  status: string;
  amountMinor: number;
  currency: string;
  locale: string;
}) {
  const t = await getTranslations({ locale, namespace: 'party.deposit' });
  const day = formatDate(dateInZone(booking.start, booking.timezone), locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const paid = status === 'paid' || status === 'fulfilled' || status === 'delivered';
  return (
    <section aria-labelledby="deposit-title" className="rounded-lg border border-indigo-200 bg-indigo-50 p-4" data-testid="deposit-summary">
      <h2 id="deposit-title" className="text-base font-semibold text-indigo-950">
        {t(booking.purpose === 'balance' ? 'balanceHeading' : 'heading', { name: booking.serviceName, date: day })}
      </h2>
      <p className="mt-1 text-sm text-indigo-950">
        {t(booking.purpose === 'balance' ? 'balanceAmount' : 'amount')}: <span className="font-semibold tabular-nums">{formatMoney(amountMinor, currency, locale)}</span>
      </p>
      {paid ? (
        <Alert tone="success" className="mt-3">
          {t('paid')}
        </Alert>
      ) : status === 'cancelled' ? (
        <Alert tone="warning" className="mt-3">
          {t('cancelled')}
        </Alert>
      ) : (
        <>
          <p className="mt-2 text-sm text-indigo-950">{t('body')}</p>
          {booking.holdExpiresAt ? <p className="mt-1 text-sm font-medium text-indigo-950">{t('payBy', { date: formatDateTime(booking.holdExpiresAt, locale, booking.timezone) })}</p> : null}
        </>
      )}
    </section>
  );
}

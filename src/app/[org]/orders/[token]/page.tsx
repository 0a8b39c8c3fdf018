import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { OrderTickets } from '../../_components/events/order-tickets';
import { GuestLoyalty } from '../../_components/loyalty/guest-loyalty';
import { OrderReviews } from '../../_components/shop/order-reviews';
import { formatDateTime, formatMoney } from '../../_lib/format';
import { loadProfile, siteLocale } from '../../_lib/data';
import { loadPublicOrder } from '../../_lib/shop-data';
import { DepositSummary } from '../../_components/party/deposit-summary';
import { loadOrderBooking } from '../../_lib/party-data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string; token: string }>;
  searchParams: Promise<{ placed?: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, token } = await params;
  const [profile, order, locale] = await Promise.all([loadProfile(org), loadPublicOrder(org, token), siteLocale(org)]);
  if (!profile || !order) return { title: 'Page not found', robots: { index: false } };
  const t = await getTranslations({ locale, namespace: 'shop' });
  // The address is a secret: never indexed, never sent on as a referrer.
  return { title: `${t('orderTitle', { number: order.number })} · ${profile.name}`, robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

/** The order a secret status link opens; right after checkout (`?placed=1`) it is also the confirmation. */
export default async function OrderStatusPage({ params, searchParams }: Props) {
  const { org, token } = await params;
  const [profile, order, locale, { placed }, booking] = await Promise.all([loadProfile(org), loadPublicOrder(org, token), siteLocale(org), searchParams, loadOrderBooking(org, token)]);
  if (!profile || !order) notFound();
  const t = await getTranslations({ locale, namespace: 'shop' });
  const tl = await getTranslations({ locale, namespace: 'loyalty' });
  const m = (n: number) => formatMoney(n, order.totals.currency, locale);
  const tone = order.status === 'cancelled' || order.status === 'refunded' ? 'danger' : order.status === 'pending_payment' ? 'warning' : 'success';

  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
        {placed === '1' ? (
          <Alert tone="success" title={t('thankYou', { name: order.name })}>
            {t('keepLink')}
          </Alert>
        ) : null}
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t('orderTitle', { number: order.number })}</h1>
          <p className="mt-1 text-sm text-slate-700">{t('placedAt', { date: formatDateTime(order.placedAt, locale, profile.timezone) })}</p>
        </div>

        <section aria-labelledby="status-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="status-title" className="text-base font-semibold text-slate-900">
            {t('status')}
          </h2>
          <p className="mt-2">
            <Badge tone={tone}>{t(`statuses.${order.status}`)}</Badge>
          </p>
          <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="font-medium text-slate-900">{t('contactHeading')}</dt>
              <dd className="text-slate-700">{t('orderFor', { name: order.name })}</dd>
            </div>
            {/* A party's deposit order delivers nothing: its booking is the venue's date. */}
            {booking ? null : (
              <div>
                <dt className="font-medium text-slate-900">{t('deliveryHeading')}</dt>
                <dd className="text-slate-700">{order.fulfilment === 'pickup' ? t('fulfilmentPickup') : order.fulfilment === 'digital' ? t('fulfilmentDigital') : t('fulfilmentShipping')}</dd>
              </div>
            )}
            <div>
              <dt className="font-medium text-slate-900">{t('paymentHeading')}</dt>
              <dd className="text-slate-700">{order.paymentProvider === 'manual' ? t('paymentManual') : t('paymentTest')}</dd>
            </div>
          </dl>
        </section>

        {/* A booking's deposit (or balance) has no product lines: what it pays for comes first. */}
        {booking ? <DepositSummary booking={booking} status={order.status} amountMinor={order.totals.totalMinor} currency={order.totals.currency} locale={locale} /> : null}

        <section aria-labelledby="items-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="items-title" className="text-base font-semibold text-slate-900">
            {t('items')}
          </h2>
          <ul className={order.lines.length ? 'mt-2 divide-y divide-slate-200' : 'hidden'}>
            {order.lines.map((l) => (
              <li key={l.sku} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-medium text-slate-900">{l.productTitle}</span>
                  {l.variantTitle ? <span className="text-slate-700"> — {l.variantTitle}</span> : null}
                  <span className="block text-slate-600">
                    {l.quantity} × {m(l.unitPriceMinor)}
                  </span>
                </span>
                <span className="font-medium text-slate-900 tabular-nums">{m(l.lineTotalMinor)}</span>
              </li>
            ))}
          </ul>
          <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm text-slate-700">
            <Row term={t('subtotal')} value={m(order.totals.subtotalMinor)} />
            {/* totals.discountMinor includes what the points took off; they get their own row. */}
            {order.totals.discountMinor - order.points.discountMinor > 0 ? <Row term={order.promoCode ? `${t('discount')} (${order.promoCode})` : t('discount')} value={`−${m(order.totals.discountMinor - order.points.discountMinor)}`} /> : null}
            {order.points.redeemed > 0 ? <Row term={tl('pointsUsed')} value={tl('pointsUsedValue', { points: order.points.redeemed, value: m(order.points.discountMinor) })} /> : null}
            {order.totals.shippingMinor > 0 ? <Row term={t('shipping')} value={m(order.totals.shippingMinor)} /> : null}
            {order.totals.taxMinor > 0 ? <Row term={t('tax')} value={m(order.totals.taxMinor)} /> : null}
            <Row term={t('total')} value={m(order.totals.totalMinor)} strong />
          </dl>
        </section>

        {/* An order with event tickets shows them (code, QR, state) once paid; before, a note that they come then. */}
        {order.tickets.length > 0 || order.fulfilment === 'digital' ? <OrderTickets tickets={order.tickets} status={order.status} locale={locale} /> : null}

        {/* Reviews open per line once the order is fulfilled; a paid order shows a calm note instead. */}
        {!booking && order.fulfilment !== 'digital' && (order.status === 'paid' || order.status === 'fulfilled' || order.status === 'delivered') ? <OrderReviews slug={org} token={token} orgName={profile.name} challenge={profile.publicFormChallenge} /> : null}

        <GuestLoyalty loyalty={order.loyalty} locale={locale} timeZone={profile.timezone} />

        {order.history.length > 0 ? (
          <section aria-labelledby="history-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="history-title" className="text-base font-semibold text-slate-900">
              {t('history')}
            </h2>
            <ol className="mt-2 space-y-1 text-sm text-slate-700">
              {order.history.map((h) => (
                <li key={`${h.toStatus}-${h.createdAt}`}>
                  <time dateTime={h.createdAt}>{formatDateTime(h.createdAt, locale, profile.timezone)}</time> — {statusLabel(t, h.toStatus)}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </main>
  );
}

function statusLabel(t: (key: string) => string, status: string): string {
  return ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'].includes(status) ? t(`statuses.${status}`) : status;
}

function Row({ term, value, strong = false }: { term: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 ${strong ? 'text-base font-semibold text-slate-900' : ''}`}>
      <dt>{term}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { getOrder, type OrderDto } from '@/modules/orders';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { formatDateTime, formatMoney } from '../../../_lib/format';
import { ForbiddenNotice } from '../../forbidden-notice';
import { OrderStatusBadge } from '../../_shop/order-status-badge';
import { OrderActions } from './order-actions';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string; id: string }>;
}

const ORDER_ID = /^ord_[0-9a-z]{26}$/;

async function load(slug: string, id: string): Promise<OrderDto | 'forbidden'> {
  if (!ORDER_ID.test(id)) notFound();
  const ctx = await cachedMemberCtx(slug);
  try {
    return await getOrder(ctx, id);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    if (isAppError(err) && err.code === 'FORBIDDEN') return 'forbidden';
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [ctx, t] = await Promise.all([cachedMemberCtx(slug), getTranslations('shopAdmin.order')]);
  const order = ORDER_ID.test(id) ? await getOrder(ctx, id).catch(() => null) : null;
  return { title: t('metaTitle', { number: order?.number ?? '', organization: ctx.tenant?.name ?? '' }) };
}

/** One order: lines, totals, contact, payment, history and the status actions its status allows. */
export default async function OrderPage({ params }: Props) {
  const { slug, id } = await params;
  const [ctx, t, td, locale, order] = await Promise.all([cachedMemberCtx(slug), getTranslations('shopAdmin'), getTranslations('dashboard'), getLocale(), load(slug, id)]);
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  if (order === 'forbidden') {
    return <ForbiddenNotice slug={slug} heading={t('orders.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
  }
  const money = (minor: number) => formatMoney(minor, order.totals.currency, locale);
  const taxRate = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }).format(order.taxRatePpm / 1_000_000);
  const address = order.address ? ['line1', 'line2', 'city', 'region', 'postalCode', 'country'].map((k) => order.address?.[k]).filter(Boolean) : [];
  const statusWord = (s: string | null) => (s && s in statusKeys ? t(`status.${s as keyof typeof statusKeys}`) : (s ?? ''));

  return (
    <div className="mx-auto max-w-5xl">
      <p>
        <Link href={`/dashboard/${slug}/orders`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
          {t('order.back')}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('order.title', { number: order.number })}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t('order.placed', { date: formatDateTime(order.placedAt, locale, zone) })} · {t(`fulfilment.${order.fulfilment}`)}
      </p>
      {order.cancelReason ? <p className="mt-1 text-sm text-slate-700">{t('order.cancelReason', { reason: order.cancelReason })}</p> : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <OrderActions
            slug={slug}
            orderId={order.id}
            number={order.number}
            actions={order.allowedActions}
            manages={can(role, 'orders:manage')}
          />

          <section aria-labelledby="order-lines-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="order-lines-title" className="text-base font-semibold text-slate-900">
              {t('order.lines')}
            </h2>
            <div className="mt-3 overflow-x-auto" role="region" aria-labelledby="order-lines-caption" tabIndex={0}>
              <table className="min-w-full text-left text-sm">
                <caption id="order-lines-caption" className="sr-only">
                  {t('order.linesCaption', { number: order.number })}
                </caption>
                <thead className="text-slate-700">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      {t('order.item')}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">
                      {t('order.quantity')}
                    </th>
                    <th scope="col" className="hidden px-3 py-2 text-right font-semibold sm:table-cell">
                      {t('order.unitPrice')}
                    </th>
                    <th scope="col" className="py-2 pl-3 text-right font-semibold">
                      {t('order.lineTotal')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {order.lines.map((l) => (
                    <tr key={l.id} className="align-top">
                      <td className="py-2 pr-3">
                        <span className="block font-medium text-slate-900">{l.productTitle}</span>
                        <span className="block text-slate-600">
                          {l.variantTitle} · {t('order.sku')} {l.sku}
                        </span>
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.quantity}</td>
                      <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{money(l.unitPriceMinor)}</td>
                      <td className="py-2 pl-3 text-right tabular-nums">{money(l.lineTotalMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3 className="sr-only">{t('order.totals')}</h3>
            <dl className="mt-4 ml-auto max-w-xs space-y-1 text-sm">
              <Row label={t('order.subtotal')} value={money(order.totals.subtotalMinor)} />
              {order.totals.discountMinor > 0 ? (
                <Row label={order.promoCode ? t('order.discountCode', { code: order.promoCode }) : t('order.discount')} value={`−${money(order.totals.discountMinor)}`} />
              ) : null}
              {order.fulfilment === 'shipping' ? <Row label={t('order.shipping')} value={money(order.totals.shippingMinor)} /> : null}
              <Row label={t('order.tax', { rate: taxRate })} value={money(order.totals.taxMinor)} />
              <Row label={t('order.total')} value={money(order.totals.totalMinor)} strong />
            </dl>
          </section>

          <section aria-labelledby="order-history-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="order-history-title" className="text-base font-semibold text-slate-900">
              {t('order.history')}
            </h2>
            <ol className="mt-3 space-y-3 text-sm" data-testid="order-history">
              {order.history.map((e) => (
                <li key={e.id} className="border-l-2 border-indigo-200 pl-3">
                  <p className="font-medium text-slate-900">
                    {e.fromStatus ? t('order.historyEntry', { from: statusWord(e.fromStatus), to: statusWord(e.toStatus) }) : t('order.historyPlaced', { to: statusWord(e.toStatus) })}
                  </p>
                  <p className="text-slate-600">
                    <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, locale, zone)}</time>
                    {e.fromStatus && e.actorType in actorKeys ? ` · ${t(`order.by.${e.actorType as keyof typeof actorKeys}`)}` : ''}
                  </p>
                  {e.note ? <p className="mt-1 whitespace-pre-line text-slate-800">{e.note}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <div className="space-y-6">
          <section aria-labelledby="order-contact-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="order-contact-title" className="text-base font-semibold text-slate-900">
              {t('order.contact')}
            </h2>
            <p className="mt-2 text-sm font-medium text-slate-900">{order.name}</p>
            <dl className="mt-2 space-y-2 text-sm">
              <Field label={t('order.email')} value={<a className="break-all text-indigo-700 underline" href={`mailto:${order.email}`}>{order.email}</a>} />
              {order.phone ? <Field label={t('order.phone')} value={order.phone} /> : null}
              <Field label={t('order.fulfilmentLabel')} value={t(`fulfilment.${order.fulfilment}`)} />
              {address.length > 0 ? <Field label={t('order.address')} value={address.join(', ')} /> : null}
            </dl>
          </section>
          <section aria-labelledby="order-payment-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="order-payment-title" className="text-base font-semibold text-slate-900">
              {t('order.payment')}
            </h2>
            <dl className="mt-2 space-y-2 text-sm">
              <Field label={t('order.provider')} value={t(`provider.${order.paymentProvider}`)} />
              {order.payment ? <Field label={t('order.paymentState')} value={t(`paymentStatus.${order.payment.status}`)} /> : null}
            </dl>
            {order.payment ? null : <p className="mt-2 text-sm text-slate-600">{t('order.noPayment')}</p>}
            {order.holdExpiresAt && order.status === 'pending_payment' ? (
              <p className="mt-2 text-sm text-slate-700">{t('order.holdUntil', { date: formatDateTime(order.holdExpiresAt, locale, zone) })}</p>
            ) : null}
          </section>
        </div>
      </div>
    </div>
  );
}

const statusKeys = { pending_payment: 1, paid: 1, fulfilled: 1, delivered: 1, cancelled: 1, refunded: 1 } as const;
const actorKeys = { user: 1, customer: 1, system: 1, guest: 1 } as const;

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 ${strong ? 'border-t border-slate-200 pt-1 font-semibold text-slate-900' : 'text-slate-700'}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-slate-900">{value}</dd>
    </div>
  );
}

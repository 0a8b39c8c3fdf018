import { getTranslations } from 'next-intl/server';
import type { OrderTicketDto } from '@/modules/events/schemas';
import { Badge } from '@/ui/badge';
import { TicketQr } from './ticket-qr';
import { formatDateTime, formatRange } from '../../_lib/format';

/**
 * The tickets of a paid order on its status page: per ticket its code as text (to read out or
 * type at the door), its QR (drawn from the same code as the API's SVG), event, type and whether it has
 * been used. The QR is drawn by the server from the code alone (no markup from people).
 */
export async function OrderTickets({ tickets, status, locale }: { tickets: OrderTicketDto[]; status: string; locale: string }) {
  const t = await getTranslations({ locale, namespace: 'events' });
  const paid = status === 'paid' || status === 'fulfilled' || status === 'delivered';
  return (
    <section aria-labelledby="tickets-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="tickets-title" className="text-base font-semibold text-slate-900">
        {t('tickets.heading')}
      </h2>
      {tickets.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{status === 'cancelled' || status === 'refunded' ? t('tickets.voided') : t('tickets.pending')}</p>
      ) : (
        <>
          {paid ? <p className="mt-1 text-sm text-slate-700">{t('tickets.intro')}</p> : null}
          <ol className="mt-3 grid gap-4 sm:grid-cols-2">
            {tickets.map((ticket, i) => (
              <li key={ticket.code} className="rounded-md border border-slate-200 p-3" data-testid="order-ticket" aria-label={t('tickets.ticketOf', { n: i + 1, total: tickets.length })}>
                <div className="mx-auto w-44 max-w-full bg-white">
                  <TicketQr code={ticket.code} label={t('tickets.qr', { code: ticket.code })} />
                </div>
                <dl className="mt-3 space-y-1 text-sm">
                  <div>
                    <dt className="sr-only">{t('tickets.code')}</dt>
                    <dd className="text-center font-mono text-base font-semibold tracking-wider break-all text-slate-900" data-testid="ticket-code">
                      {ticket.code}
                    </dd>
                  </div>
                  <div className="flex flex-wrap gap-x-1">
                    <dt className="font-medium text-slate-900">{t('tickets.event')}:</dt>
                    <dd className="text-slate-700">
                      {ticket.event.title} — <time dateTime={ticket.event.startsAt}>{formatRange(ticket.event.startsAt, ticket.event.endsAt, locale, ticket.event.timezone)}</time>
                    </dd>
                  </div>
                  <div className="flex flex-wrap gap-x-1">
                    <dt className="font-medium text-slate-900">{t('tickets.type')}:</dt>
                    <dd className="text-slate-700">{ticket.ticketType}</dd>
                  </div>
                  <div className="flex flex-wrap items-center gap-x-1">
                    <dt className="font-medium text-slate-900">{t('tickets.status')}:</dt>
                    <dd>
                      {ticket.status === 'void' ? (
                        <Badge tone="danger">{t('tickets.void')}</Badge>
                      ) : ticket.checkedInAt ? (
                        <Badge tone="neutral">{t('tickets.checkedIn', { time: formatDateTime(ticket.checkedInAt, locale, ticket.event.timezone) })}</Badge>
                      ) : (
                        <Badge tone="success">{t('tickets.notCheckedIn')}</Badge>
                      )}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

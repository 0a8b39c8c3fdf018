import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { listEventWaitlist } from '@/modules/event-waitlist';
import { getEvent, listTickets } from '@/modules/events';
import { can } from '@/modules/kernel';
import { Badge } from '@/ui/badge';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { Pagination } from '../../../_components/pagination';
import { formatDateTime, formatLongRange } from '../../../_lib/format';
import type { SearchParams } from '../../../_lib/list-query';
import { ForbiddenNotice } from '../../forbidden-notice';
import { EventForm } from '../event-form';
import { EventStatusBadge } from '../status-badge';
import { venueOptions } from '../venues';
import { EventActions } from './event-actions';
import { TicketTypesManager } from './ticket-types-manager';
import { WaitlistSection } from './waitlist-section';

export const dynamic = 'force-dynamic';

const TICKETS_PAGE_SIZE = 25;

interface Props {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<SearchParams>;
}

async function load(slug: string, id: string) {
  const ctx = await cachedMemberCtx(slug);
  try {
    return { ctx, event: await getEvent(ctx, id) };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    if (isAppError(err) && err.code === 'FORBIDDEN') return { ctx, event: null };
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [{ ctx, event }, t] = await Promise.all([load(slug, id), getTranslations('eventsAdmin')]);
  return { title: t('edit.metaTitle', { title: event?.title ?? '', organization: ctx.tenant?.name ?? '' }) };
}

/** One event: its sales, status actions, fields, ticket types, and the tickets sold (a page at a time, `?tickets=`). */
export default async function EventPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const raw = (await searchParams).tickets;
  const parsed = Number.parseInt(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''), 10);
  const ticketsPage = Number.isFinite(parsed) && parsed > 0 && parsed <= 10_000 ? parsed : 1;
  const rawWaitlist = (await searchParams).waitlist;
  const parsedWaitlist = Number.parseInt(Array.isArray(rawWaitlist) ? (rawWaitlist[0] ?? '') : (rawWaitlist ?? ''), 10);
  const waitlistPage = Number.isFinite(parsedWaitlist) && parsedWaitlist > 0 && parsedWaitlist <= 10_000 ? parsedWaitlist : 1;
  const [{ ctx, event }, t, td, locale] = await Promise.all([load(slug, id), getTranslations('eventsAdmin'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  if (!event) {
    return <ForbiddenNotice slug={slug} heading={t('list.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
  }
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const manage = can(role, 'events:manage');
  const [venues, tickets, waitlist] = await Promise.all([
    venueOptions(ctx),
    listTickets(ctx, event.id, { page: ticketsPage, pageSize: TICKETS_PAGE_SIZE }),
    listEventWaitlist(ctx, event.id, { page: waitlistPage, pageSize: TICKETS_PAGE_SIZE }),
  ]);
  const base = `/dashboard/${slug}/events/${event.id}`;

  return (
    <div className="mx-auto max-w-5xl">
      <p className="text-sm">
        <Link href={`/dashboard/${slug}/events`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
          {t('edit.back')}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{event.title}</h1>
        <EventStatusBadge status={event.status} label={t(`status.${event.status}`)} />
      </div>
      <p className="mt-1 text-sm text-slate-700">
        <time dateTime={event.startsAt}>{formatLongRange(event.startsAt, event.endsAt, locale, event.timezone)}</time> ({event.timezone})
      </p>
      {event.status === 'published' ? (
        <p className="mt-1 text-sm">
          <Link href={`/${slug}/events/${event.slug}`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
            {t('edit.viewPublic')}
          </Link>
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{t('edit.notPublic')}</p>
      )}

      <section aria-labelledby="sales-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="sales-title" className="text-lg font-semibold text-slate-900">
          {t('edit.sales')}
        </h2>
        <p className="mt-1 text-slate-800 tabular-nums" data-testid="event-sales">
          {t('edit.soldOf', { sold: event.sold, capacity: event.capacity, remaining: event.remaining, checkedIn: event.checkedIn })}
        </p>
        {manage ? (
          <div className="mt-4">
            <h3 className="sr-only">{t('actions.heading')}</h3>
            <EventActions slug={slug} eventId={event.id} title={event.title} status={event.status} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="event-form-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="event-form-title" className="mb-4 text-lg font-semibold text-slate-900">
          {t('edit.details')}
        </h2>
        <EventForm slug={slug} event={event} zone={event.timezone} venues={venues} readOnly={!manage} />
      </section>

      <section aria-labelledby="types-title" className="mt-8">
        <h2 id="types-title" className="text-lg font-semibold text-slate-900">
          {t('types.heading')}
        </h2>
        <TicketTypesManager slug={slug} eventId={event.id} currency={tenant.currency} locale={locale} types={event.ticketTypes} manage={manage} />
      </section>

      <section aria-labelledby="tickets-title" className="mt-8">
        <h2 id="tickets-title" className="text-lg font-semibold text-slate-900">
          {t('tickets.heading')}
        </h2>
        {tickets.data.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700">{t('tickets.empty')}</p>
        ) : (
          <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="tickets-caption" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption id="tickets-caption" className="sr-only">
                {t('tickets.caption')}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('tickets.columns.holder')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                    {t('tickets.columns.type')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">
                    {t('tickets.columns.order')}
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('tickets.columns.status')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                    {t('tickets.columns.checkedIn')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tickets.data.map((ticket) => {
                  const checkedIn = ticket.checkedInAt ? formatDateTime(ticket.checkedInAt, locale, event.timezone) : t('tickets.notYet');
                  return (
                    <tr key={ticket.id} className="align-top" data-testid="ticket-row">
                      <td className="px-4 py-3">
                        <span className="block font-medium text-slate-900">{ticket.holderName}</span>
                        <span className="block text-slate-700 sm:hidden">
                          {ticket.ticketType} · {checkedIn}
                        </span>
                      </td>
                      <td className="hidden px-4 py-3 text-slate-800 sm:table-cell">{ticket.ticketType}</td>
                      <td className="hidden px-4 py-3 md:table-cell">
                        <Link href={`/dashboard/${slug}/orders/${ticket.orderId}`} className={cx('font-mono text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
                          {ticket.orderNumber}
                        </Link>
                      </td>
                      <td className="px-4 py-3">
                        <Badge tone={ticket.status === 'valid' ? 'success' : 'neutral'}>{t(`tickets.${ticket.status}`)}</Badge>
                      </td>
                      <td className="hidden px-4 py-3 text-slate-800 sm:table-cell">{checkedIn}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination label={t('tickets.pagesLabel')} page={tickets.pagination.page} totalPages={tickets.pagination.totalPages} hasMore={tickets.pagination.hasMore} href={(p) => `${base}${p > 1 ? `?tickets=${p}` : ''}`} className="mt-4" />
      </section>

      <WaitlistSection slug={slug} page={waitlist} waiting={event.waiting} timezone={event.timezone} locale={locale} href={(p) => `${base}${p > 1 ? `?waitlist=${p}` : ''}`} />
    </div>
  );
}

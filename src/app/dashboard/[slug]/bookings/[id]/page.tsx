import type { Metadata } from 'next';
import { answerText } from '@/app/_lib/field-answers';
import type { FieldAnswer } from '@/modules/bookings';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache, type ReactNode } from 'react';
import { isAppError } from '@/lib/errors';
import { getBooking } from '@/modules/bookings';
import { getService } from '@/modules/catalog';
import { can, type Ctx } from '@/modules/kernel';
import { listMembers } from '@/modules/organizations';
import { Card, CardTitle } from '@/ui/card';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { StatusBadge } from '../../../_components/status-badge';
import { formatDateTime, formatLongRange, formatMoney } from '../../../_lib/format';
import { BookingActions, type LifecycleAction } from './booking-actions';
import { FinalPriceEditor, NotesEditor } from './booking-edits';
import { PartyDetails } from '../../../../_components/booking/party-details';
import { hasPartyFacts } from '../../../../_components/booking/party-facts';
import { BalancePaid } from './balance-paid';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string; id: string }>;
}

/** The booking, or a 404 page for an unknown, malformed or other organization's id. */
const loadBooking = cache(async (ctx: Ctx, id: string) => {
  try {
    return await getBooking(ctx, id);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const ctx = await cachedMemberCtx(slug);
  const [booking, t] = await Promise.all([loadBooking(ctx, id), getTranslations('dashboard.booking')]);
  return { title: t('metaTitle', { service: booking.serviceName ?? '', customer: booking.customer?.name ?? '' }) };
}

/** Names for the history's "who": the team list when the role may read it, else a generic word. */
async function memberNames(ctx: Ctx): Promise<Map<string, string>> {
  if (ctx.actor.type !== 'user' || !can(ctx.actor.role, 'members:read')) return new Map();
  try {
    const { data } = await listMembers(ctx, { page: 1, pageSize: 100 });
    return new Map(data.map((m) => [m.userId, m.name]));
  } catch {
    return new Map();
  }
}

export default async function BookingPage({ params }: Props) {
  const { slug, id } = await params;
  const ctx = await cachedMemberCtx(slug);
  const [booking, t, tParty, locale] = await Promise.all([loadBooking(ctx, id), getTranslations('dashboard'), getTranslations('party.details'), getLocale()]);
  const [service, names] = await Promise.all([getService(ctx, booking.serviceId).catch(() => null), memberNames(ctx)]);
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const me = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const zone = booking.timezone;
  const base = `/dashboard/${slug}`;

  // Viewers see no actions at all; members may only cancel (their own bookings, which are the only ones they see).
  const canWrite = can(role, 'bookings:write');
  // Notes and the final amount are the team's: club members book but do not edit bookings.
  const canEdit = canWrite && role !== 'member';
  const actions = (role === 'member' ? booking.allowedActions.filter((a) => a === 'cancel') : booking.allowedActions) as LifecycleAction[];
  const reschedulable = canWrite && role !== 'member' && (booking.status === 'pending' || booking.status === 'confirmed');

  const fieldDefs = new Map((service?.customFields ?? []).map((f) => [f.key, f]));
  const fieldEntries = Object.entries(booking.fields ?? {});
  const who = (actorType: string, userId: string | null) => {
    if (actorType === 'system') return t('booking.history.system');
    if (actorType === 'guest') return t('booking.history.guest');
    const name = userId ? names.get(userId) : undefined;
    if (userId && userId === me) return t('booking.history.you', { name: name ?? (ctx.actor.type === 'user' ? ctx.actor.name : '') });
    return name ?? t('booking.history.teamMember');
  };
  const fieldValue = (v: FieldAnswer) => answerText(v, { yes: t('common.yes'), no: t('common.no') });

  return (
    <div className="mx-auto max-w-5xl">
      <nav aria-label={t('common.breadcrumb')}>
        <Link href={`${base}/bookings`} className={cx('inline-flex items-center gap-1 rounded-sm text-sm font-medium text-indigo-700 hover:text-indigo-900 hover:underline', focusRing)}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M12.7 4.3a1 1 0 0 1 0 1.4L8.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Z" />
          </svg>
          {t('booking.back')}
        </Link>
      </nav>

      <header className="mt-4">
        <p className="text-sm font-medium text-slate-600">{t('booking.eyebrow')}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          {t('booking.heading', { service: booking.serviceName ?? '', customer: booking.customer?.name ?? '' })}
        </h1>
        <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-700">
          <span className="inline-flex items-center gap-2">
            <span className="sr-only">{t('booking.statusLabel')}</span>
            <StatusBadge status={booking.status} className="text-sm" />
          </span>
          <time dateTime={booking.start} className="font-medium text-slate-900">
            {formatLongRange(booking.start, booking.end, locale, zone)}
          </time>
          <span className="text-slate-600">{t('common.timesIn', { timeZone: zone })}</span>
        </div>
      </header>

      {canWrite ? (
        <div className="mt-6">
          <BookingActions
            slug={slug}
            bookingId={booking.id}
            actions={actions}
            reschedule={
              reschedulable
                ? {
                    serviceId: booking.serviceId,
                    timezone: zone,
                    start: booking.start,
                    end: booking.end,
                    multiDay: service?.bookingMode === 'multi_day',
                    resourceId: booking.resourceId,
                  }
                : null
            }
          />
        </div>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card as="section" aria-labelledby="booking-details-title">
            <CardTitle id="booking-details-title">{t('booking.details')}</CardTitle>
            <dl className="mt-3 divide-y divide-slate-100 text-sm">
              <Row term={t('booking.service')}>{booking.serviceName}</Row>
              <Row term={t('booking.resource')}>{booking.resourceName}</Row>
              <Row term={t('booking.when')}>
                <time dateTime={booking.start}>{formatLongRange(booking.start, booking.end, locale, zone)}</time>
              </Row>
              {booking.seats > 1 ? <Row term={t('booking.seats')}>{booking.seats}</Row> : null}
              <Row term={t('booking.price')}>{formatMoney(booking.priceMinor, booking.currency, locale)}</Row>
              <Row term={t('booking.source')}>{t(`booking.sources.${booking.source}`)}</Row>
              <Row term={t('booking.created')}>
                <time dateTime={booking.createdAt}>{formatDateTime(booking.createdAt, locale, zone)}</time>
              </Row>
              {booking.cancellationReason ? <Row term={t('booking.cancellationReason')}>{booking.cancellationReason}</Row> : null}
              <Row term={t('booking.reference')}>
                <span className="font-mono text-xs break-all">{booking.id}</span>
              </Row>
            </dl>
          </Card>

          {hasPartyFacts(booking) ? (
            <Card as="section" aria-labelledby="booking-party-title">
              <CardTitle id="booking-party-title">{tParty(service?.package ? 'cardParty' : 'cardAddons')}</CardTitle>
              <div className="mt-2">
                <PartyDetails
                  booking={booking}
                  zone={zone}
                  balanceDueAt={service?.package && service.package.balanceDueDays > 0 ? new Date(Date.parse(booking.start) - service.package.balanceDueDays * 86_400_000).toISOString() : null}
                />
                {canEdit && booking.balanceMinor !== null && booking.balanceMinor > 0 && !booking.balancePaidAt && booking.status !== 'cancelled' && booking.status !== 'rejected' ? (
                  <BalancePaid slug={slug} bookingId={booking.id} amount={formatMoney(booking.balanceMinor, booking.currency, locale)} />
                ) : null}
              </div>
            </Card>
          ) : null}

          <Card as="section" aria-labelledby="booking-fields-title">
            <CardTitle id="booking-fields-title">{t('booking.fields')}</CardTitle>
            {fieldEntries.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('booking.noFields')}</p>
            ) : (
              <dl className="mt-3 divide-y divide-slate-100 text-sm">
                {fieldEntries.map(([key, value]) => (
                  <Row key={key} term={fieldDefs.get(key)?.label ?? key}>
                    {fieldValue(value)}
                  </Row>
                ))}
              </dl>
            )}
          </Card>

          <Card as="section" aria-labelledby="booking-message-title">
            <CardTitle id="booking-message-title">{t('booking.message')}</CardTitle>
            <Prose text={booking.message} empty={t('booking.noMessage')} />
          </Card>

          {booking.internalNotes !== undefined ? (
            <Card as="section" aria-labelledby="booking-notes-title">
              <CardTitle id="booking-notes-title">{t('booking.internalNotes')}</CardTitle>
              <p className="mt-1 text-xs text-slate-600">{t('booking.internalNotesHint')}</p>
              {canEdit ? (
                <NotesEditor slug={slug} bookingId={booking.id} notes={booking.internalNotes} />
              ) : (
                <Prose text={booking.internalNotes} empty={t('booking.noNotes')} />
              )}
            </Card>
          ) : null}
        </div>

        <div className="space-y-6">
          <Card as="section" aria-labelledby="booking-customer-title">
            <CardTitle id="booking-customer-title">{t('booking.customer')}</CardTitle>
            {booking.customer ? (
              <div className="mt-3 space-y-1 text-sm">
                {can(role, 'customers:read') ? (
                  <Link
                    href={`${base}/customers/${booking.customer.id}`}
                    className={cx('font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900', focusRing)}
                  >
                    {booking.customer.name}
                  </Link>
                ) : (
                  <p className="font-medium text-slate-900">{booking.customer.name}</p>
                )}
                <p>
                  <a href={`mailto:${booking.customer.email}`} className={cx('break-all text-slate-700 underline-offset-2 hover:underline', focusRing)}>
                    {booking.customer.email}
                  </a>
                </p>
                {booking.customer.phone ? (
                  <p>
                    <a href={`tel:${booking.customer.phone.replace(/[^+0-9]/g, '')}`} className={cx('text-slate-700 underline-offset-2 hover:underline', focusRing)}>
                      {booking.customer.phone}
                    </a>
                  </p>
                ) : null}
              </div>
            ) : null}
          </Card>

          <Card as="section" aria-labelledby="booking-price-title">
            <CardTitle id="booking-price-title">{t('booking.price')}</CardTitle>
            <p className="mt-2 text-2xl font-semibold text-slate-900 tabular-nums">{formatMoney(booking.priceMinor, booking.currency, locale)}</p>
            {service?.priceFrom ? <p className="mt-1 text-sm text-slate-600">{t('booking.priceFrom')}</p> : null}
            {service?.priceFrom && canEdit ? <FinalPriceEditor slug={slug} bookingId={booking.id} priceMinor={booking.priceMinor} currency={booking.currency} /> : null}
          </Card>
        </div>
      </div>

      <section aria-labelledby="booking-history-title" className="mt-8">
        <h2 id="booking-history-title" className="text-lg font-semibold text-slate-900">
          {t('booking.history.title')}
        </h2>
        <ol className="mt-4 space-y-0">
          {booking.history.map((h, i) => {
            const moved = h.action === 'rescheduled' ? movedTimes(h.changes) : null;
            return (
              <li key={`${h.at}-${i}`} className="relative pb-6 pl-8 last:pb-0">
                {i < booking.history.length - 1 ? <span aria-hidden="true" className="absolute top-5 bottom-0 left-[0.6875rem] w-px bg-slate-300" /> : null}
                <span aria-hidden="true" className="absolute top-1 left-1 size-4 rounded-full border-2 border-indigo-600 bg-white" />
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                  <span className="font-semibold text-slate-900">{t.has(`booking.history.actions.${h.action}`) ? t(`booking.history.actions.${h.action}`) : h.action}</span>
                  {h.fromStatus && h.fromStatus !== h.toStatus ? (
                    <span className="inline-flex items-center gap-1.5">
                      <span className="sr-only">{t('booking.history.statusChange')}</span>
                      <StatusBadge status={h.fromStatus} />
                      <span aria-hidden="true" className="text-slate-500">→</span>
                      <span className="sr-only">{t('booking.history.to')}</span>
                      <StatusBadge status={h.toStatus} />
                    </span>
                  ) : !h.fromStatus ? (
                    <StatusBadge status={h.toStatus} />
                  ) : null}
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {t('booking.history.by', { who: who(h.actorType, h.actorUserId) })} ·{' '}
                  <time dateTime={h.at}>{formatDateTime(h.at, locale, zone)}</time>
                </p>
                {moved ? (
                  <p className="mt-1 text-sm text-slate-700">
                    {t('booking.history.moved', {
                      from: formatDateTime(moved.before, locale, zone),
                      to: formatDateTime(moved.after, locale, zone),
                    })}
                  </p>
                ) : null}
                {h.reason ? (
                  <p className="mt-1 text-sm text-slate-700">
                    {t('booking.history.reason')} <q className="text-slate-900">{h.reason}</q>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

function movedTimes(changes: unknown): { before: string; after: string } | null {
  const c = changes as { before?: { start?: unknown }; after?: { start?: unknown } } | null;
  return typeof c?.before?.start === 'string' && typeof c.after?.start === 'string' ? { before: c.before.start, after: c.after.start } : null;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium break-words text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

function Prose({ text, empty }: { text: string; empty: string }) {
  return text.trim() ? (
    <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{text}</p>
  ) : (
    <p className="mt-2 text-sm text-slate-600">{empty}</p>
  );
}

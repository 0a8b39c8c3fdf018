import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DateTime } from 'luxon';
import { venueOverview } from '@/modules/analytics';
import { bookingSchemas, bookingStats, listBookings } from '@/modules/bookings';
import { parseInput, type Permission, rolePermissions } from '@/modules/kernel';
import { getOrganization } from '@/modules/organizations';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { cachedMemberCtx } from '../../_lib/request-cache';
import { StatusBadge } from '../_components/status-badge';
import { displayName, formatDate, formatDayDate, formatTimeRange } from '../_lib/format';
import type { BookingStatus } from '../_lib/list-query';
import { PerDayChart } from './calendar/_components/per-day-chart';
import { VenueOverview } from './venue-overview';


const bookingsQuery = (query: Record<string, string | number>) => parseInput(bookingSchemas.listBookingsQuery, query, 'query');
export const dynamic = 'force-dynamic';

// In the matrix for the coming audit-log work, but no use case checks it yet: listing it under
// "What your role allows" would promise something nobody can do. Show it once a use case
// authorizes with it (reviews:moderate is checked by modules/reviews).
const notYetChecked: readonly Permission[] = ['audit:read'];

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('dashboard.overview')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function OverviewPage({ params }: Props) {
  const ctx = await cachedMemberCtx((await params).slug);
  const [{ organization: org, role }, t, locale] = await Promise.all([getOrganization(ctx), getTranslations('dashboard'), getLocale()]);
  const allowed = role ? rolePermissions[role].filter((p) => !notYetChecked.includes(p)) : [];
  // Club members see their own requests (they wait for the club, they do not review them).
  const own = role === 'member';
  const zone = org.timezone;
  const base = `/dashboard/${org.slug}`;
  const today = DateTime.fromJSDate(ctx.now, { zone });
  const day = (d: DateTime) => d.toISODate()!;
  const active = 'pending,held,confirmed,in_progress,completed,no_show';
  const [stats, todays, upcoming, pending, to, venue] = await Promise.all([
    bookingStats(ctx, { from: day(today.minus({ days: 30 })), to: day(today.plus({ days: 30 })) }),
    listBookings(ctx, bookingsQuery({ from: day(today), to: day(today), status: active, pageSize: 20 })),
    listBookings(ctx, bookingsQuery({ from: day(today.plus({ days: 1 })), to: day(today.plus({ days: 7 })), status: 'pending,confirmed', pageSize: 6 })),
    listBookings(ctx, bookingsQuery({ status: 'pending', from: day(today), pageSize: 10 })),
    getTranslations('overviewPage'),
    // The venue's parties, events and points: for the staff of an organization that runs them.
    own ? null : venueOverview(ctx),
  ]);
  const showVenue = venue && (venue.has.packages || venue.has.events || venue.has.loyalty);
  const statusOrder: BookingStatus[] = ['pending', 'held', 'confirmed', 'in_progress', 'completed', 'cancelled', 'rejected', 'no_show'];

  return (
    <div className="mx-auto max-w-5xl">
      <header>
        <p className="text-sm font-medium text-slate-600">{t('overview.eyebrow')}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{org.name}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {t('overview.yourRole')} {role ? <Badge tone="brand">{t(`roles.${role}`)}</Badge> : null}
        </p>
      </header>

      <section aria-labelledby="stats-title" className="mt-8">
        <h2 id="stats-title" className="sr-only">
          {to('statsTitle')}
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          <Stat term={to('today')} value={stats.today} href={`${base}/calendar?view=day&date=${day(today)}`} />
          <Stat term={to('upcoming')} value={stats.upcoming} href={`${base}/calendar?view=week&date=${day(today)}`} />
          <Stat term={to('pending')} value={stats.pending} href={`${base}/bookings?status=pending`} />
        </dl>
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card as="section" aria-labelledby="today-title">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <CardTitle id="today-title">{to('todayTitle')}</CardTitle>
            <Link href={`${base}/calendar?view=day&date=${day(today)}`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
              {to('openCalendar')}
            </Link>
          </div>
          <BookingList items={todays.data} empty={to('todayEmpty')} base={base} locale={locale} zone={zone} withLabel={(r) => to('with', { resource: r })} />
        </Card>
        <Card as="section" aria-labelledby="upcoming-title">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <CardTitle id="upcoming-title">{to('upcomingTitle')}</CardTitle>
            <Link href={`${base}/bookings?from=${day(today.plus({ days: 1 }))}`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
              {to('viewAll')}
            </Link>
          </div>
          <BookingList items={upcoming.data} empty={to('upcomingEmpty')} base={base} locale={locale} zone={zone} withDay withLabel={(r) => to('with', { resource: r })} />
        </Card>
        <Card as="section" aria-labelledby="pending-title">
          <CardTitle id="pending-title">{to(own ? 'pendingTitleOwn' : 'pendingTitle')}</CardTitle>
          {pending.data.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{to(own ? 'pendingEmptyOwn' : 'pendingEmpty')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100">
              {pending.data.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-900">{b.customer?.name} · {b.serviceName}</span>
                    <span className="block text-slate-600">
                      {formatDayDate(b.start, locale, zone)}, {formatTimeRange(b.start, b.end, locale, zone)}
                    </span>
                  </span>
                  <Link href={`${base}/bookings/${b.id}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                    {to(own ? 'view' : 'review')}
                    <span className="sr-only">: {b.customer?.name}, {formatDayDate(b.start, locale, zone)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card as="section" aria-labelledby="status-title">
          <CardTitle id="status-title">{to('byStatusTitle')}</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            {to('byStatusIntro', { from: formatDate(`${stats.from}T12:00:00Z`, locale, 'UTC'), to: formatDate(`${stats.to}T12:00:00Z`, locale, 'UTC') })}
          </p>
          <dl className="mt-3 divide-y divide-slate-100 text-sm">
            {statusOrder.map((s) => (
              <div key={s} className="flex items-center justify-between gap-4 py-2">
                <dt>
                  <StatusBadge status={s} />
                </dt>
                <dd className="font-semibold text-slate-900 tabular-nums">{stats.byStatus[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>

      {showVenue ? <VenueOverview venue={venue} base={base} locale={locale} /> : null}

      <Card as="section" aria-labelledby="chart-title" className="mt-6">
        <CardTitle id="chart-title">{to('chartTitle')}</CardTitle>
        <p className="mt-1 text-sm text-slate-600">{to('chartIntro')}</p>
        <div className="mt-3">
          <PerDayChart data={stats.perDay} today={day(today)} />
        </div>
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card as="section" aria-labelledby="role-title">
          <CardTitle id="role-title">{t('overview.roleTitle')}</CardTitle>
          <p className="mt-1 text-sm text-slate-600">{t('overview.roleIntro', { role: role ?? 'none' })}</p>
          <ul className="mt-3 space-y-2 text-sm text-slate-800">
            {allowed.map((p) => (
              <li key={p} className="flex gap-2">
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-emerald-600">
                  <path
                    fillRule="evenodd"
                    d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
                    clipRule="evenodd"
                  />
                </svg>
                {t(`permissions.${p.replace(':', '_')}`)}
              </li>
            ))}
          </ul>
          {role === 'member' ? <p className="mt-3 text-sm text-slate-600">{t('overview.memberNote')}</p> : null}
        </Card>

        <Card as="section" aria-labelledby="org-details-title">
          <CardTitle id="org-details-title">{t('overview.detailsTitle')}</CardTitle>
          <dl className="mt-3 divide-y divide-slate-100 text-sm">
            <Row term={t('overview.timeZone')}>{org.timezone}</Row>
            <Row term={t('overview.currency')}>
              {org.currency} · {displayName(locale, 'currency', org.currency)}
            </Row>
            <Row term={t('overview.language')}>
              {displayName(locale, 'language', org.locale)} ({org.locale})
            </Row>
            <Row term={t('overview.created')}>
              <time dateTime={org.createdAt}>{formatDate(org.createdAt, locale, org.timezone)}</time>
            </Row>
            <Row term={t('overview.publicPage')}>
              <Link href={`/${org.slug}`} className="font-medium break-all text-indigo-700 underline hover:text-indigo-900">
                /{org.slug}
              </Link>
            </Row>
          </dl>
        </Card>
      </div>
    </div>
  );
}

type Listed = Awaited<ReturnType<typeof listBookings>>['data'][number];

function BookingList({
  items,
  empty,
  base,
  locale,
  zone,
  withDay,
  withLabel,
}: {
  items: Listed[];
  empty: string;
  base: string;
  locale: string;
  zone: string;
  withDay?: boolean;
  withLabel: (resource: string) => string;
}) {
  if (items.length === 0) return <p className="mt-3 text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="mt-3 divide-y divide-slate-100">
      {items.map((b) => (
        <li key={b.id} className="py-2.5 text-sm">
          <Link href={`${base}/bookings/${b.id}`} className="group flex flex-wrap items-center justify-between gap-2 rounded-sm">
            <span className="min-w-0">
              <span className="block font-medium text-slate-900 group-hover:underline">
                {withDay ? `${formatDayDate(b.start, locale, zone)}, ` : null}
                {formatTimeRange(b.start, b.end, locale, zone)} · {b.serviceName}
              </span>
              <span className="block text-slate-600">
                {b.customer?.name} · {withLabel(b.resourceName ?? '')}
              </span>
            </span>
            <StatusBadge status={b.status} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Stat({ term, value, href }: { term: string; value: number; href: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="mt-1">
        <Link href={href} className="text-3xl font-bold text-slate-900 tabular-nums underline-offset-4 hover:underline">
          {value}
        </Link>
      </dd>
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2.5">
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}

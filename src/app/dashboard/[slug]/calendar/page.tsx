import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { addressAnswer } from '@/app/_lib/field-answers';
import { bookingSchemas, listBookings } from '@/modules/bookings';
import { getBusinessHours, listResources, listServices } from '@/modules/catalog';
import { can, parseInput } from '@/modules/kernel';
import { buttonClasses } from '@/ui/button';
import { cx } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { StatusBadge } from '../../_components/status-badge';
import { formatDate, formatDayDate, formatTimeRange } from '../../_lib/format';
import { calendarHref, gridHours, parseCalendarQuery, shift, visibleRange } from './_lib';
import { type CalendarBooking, CalendarBoard } from './_components/calendar-board';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('calendarPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Statuses that hold a slot: cancelled and rejected bookings leave the grid. */
const SHOWN = 'pending,held,confirmed,in_progress,completed,no_show';

export default async function CalendarPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('calendarPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const canWrite = can(role, 'bookings:write');
  const q = parseCalendarQuery(await searchParams, zone, ctx.now);
  const range = visibleRange(q);
  const base = `/dashboard/${slug}`;
  const today = parseCalendarQuery({}, zone, ctx.now).date;

  const [resources, services, hours] = await Promise.all([
    listResources(ctx, { active: true, page: 1, pageSize: 100 }),
    canWrite ? listServices(ctx, { active: true, page: 1, pageSize: 100 }) : Promise.resolve(null),
    getBusinessHours(ctx).catch(() => null),
  ]);
  // The week shows one resource at a time (seven columns fit a screen; seven per resource do
  // not): the one asked for, else the first. The day shows them all.
  const shownResource = q.view === 'week' ? (resources.data.find((r) => r.id === q.resource) ?? resources.data[0]) : undefined;
  if (q.view === 'week') q.resource = shownResource?.id;
  const listQuery = { from: range.from, to: range.to, status: SHOWN, pageSize: 100, ...(shownResource ? { resourceId: shownResource.id } : {}) };
  const first = await listBookings(ctx, parseInput(bookingSchemas.listBookingsQuery, listQuery));
  // A busy week can hold more than a page: fetch the rest of the visible range.
  const rows = [...first.data];
  for (let page = 2; page <= first.pagination.totalPages && page <= 10; page++) {
    rows.push(...(await listBookings(ctx, parseInput(bookingSchemas.listBookingsQuery, { ...listQuery, page }))).data);
  }
  const bookings: CalendarBooking[] = rows.map((b) => ({
    id: b.id,
    start: b.start,
    end: b.end,
    status: b.status,
    resourceId: b.resourceId,
    resourceName: b.resourceName ?? '',
    serviceName: b.serviceName ?? '',
    customerName: b.customer?.name ?? '',
    place: addressAnswer(b.fields),
  }));

  const dayLabel = (d: string) => formatDayDate(`${d}T12:00:00Z`, locale, 'UTC');
  const rangeLabel = q.view === 'day' ? dayLabel(range.from) : `${formatDate(`${range.from}T12:00:00Z`, locale, 'UTC')} – ${formatDate(`${range.to}T12:00:00Z`, locale, 'UTC')}`;
  const byDay = new Map<string, typeof rows>();
  for (const b of rows) {
    const d = b.start.slice(0, 10);
    byDay.set(d, [...(byDay.get(d) ?? []), b]);
  }
  const navLink = cx(buttonClasses({ variant: 'secondary', size: 'sm' }));

  return (
    <div className="mx-auto max-w-7xl">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('intro', { timeZone: zone })}</p>
      </header>

      <div className="mt-6 flex flex-wrap items-center gap-2">
        <nav aria-label={t('nav.label')} className="flex flex-wrap items-center gap-2">
          <Link href={calendarHref(base, { ...q, date: shift(q, -1) })} className={navLink} aria-label={q.view === 'day' ? t('nav.previousDay') : t('nav.previousWeek')}>
            ‹ <span className="hidden sm:inline">{t('nav.previous')}</span>
          </Link>
          <Link href={calendarHref(base, { ...q, date: today })} className={navLink} aria-current={q.date === today ? 'date' : undefined}>
            {t('nav.today')}
          </Link>
          <Link href={calendarHref(base, { ...q, date: shift(q, 1) })} className={navLink} aria-label={q.view === 'day' ? t('nav.nextDay') : t('nav.nextWeek')}>
            <span className="hidden sm:inline">{t('nav.next')}</span> ›
          </Link>
        </nav>
        <p className="text-sm font-medium text-slate-900" aria-live="polite">
          {t('range', { range: rangeLabel })}
        </p>
        <div role="group" aria-label={t('views.label')} className="flex gap-1 sm:ml-auto">
          {(['day', 'week'] as const).map((v) => (
            <Link
              key={v}
              href={calendarHref(base, { view: v, date: q.date, resource: q.resource })}
              aria-current={q.view === v ? 'page' : undefined}
              className={buttonClasses({ variant: q.view === v ? 'primary' : 'secondary', size: 'sm' })}
            >
              {t(`views.${v}`)}
            </Link>
          ))}
        </div>
      </div>

      {q.view === 'week' && resources.data.length > 1 ? (
        <nav aria-label={t('resourcesLabel')} className="mt-3 flex flex-wrap items-center gap-1">
          {resources.data.map((r) => (
            <Link
              key={r.id}
              href={calendarHref(base, { ...q, resource: r.id })}
              aria-current={r.id === shownResource?.id ? 'page' : undefined}
              className={buttonClasses({ variant: r.id === shownResource?.id ? 'primary' : 'secondary', size: 'sm' })}
            >
              {r.name}
            </Link>
          ))}
        </nav>
      ) : null}

      {resources.data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={t('noResources')}
          description={t('noResourcesBody')}
          action={
            <Link href={`${base}/catalog`} className={buttonClasses({ variant: 'secondary' })}>
              {t('title')}
            </Link>
          }
        />
      ) : (
        <>
          {canWrite ? <p className="mt-3 text-sm text-slate-600">{t('createHint')}</p> : null}
          {bookings.length === 0 ? <p className="mt-3 text-sm font-medium text-slate-700">{t('empty')}</p> : null}
          <CalendarBoard
            slug={slug}
            zone={zone}
            view={q.view}
            date={q.date}
            resources={(shownResource ? [shownResource] : resources.data).map((r) => ({ id: r.id, name: r.name }))}
            hours={gridHours(hours?.weekly ?? [], bookings, zone)}
            services={(services?.data ?? []).map((s) => ({ id: s.id, name: s.name, resourceIds: s.resourceIds, customFields: s.customFields, package: s.package, currency: s.currency }))}
            bookings={bookings}
            canWrite={canWrite}
          />
        </>
      )}

      <section aria-labelledby="day-list-title" className="mt-8">
        <h2 id="day-list-title" className="text-base font-semibold text-slate-900">
          {q.view === 'day' ? t('listTitle', { day: dayLabel(q.date) }) : t('listWeekTitle', { resource: shownResource?.name ?? '' })}
        </h2>
        {rows.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('listEmpty')}</p>
        ) : (
          [...byDay.entries()].map(([d, list]) => (
            <div key={d} className="mt-3">
              {q.view === 'week' ? <h3 className="text-sm font-semibold text-slate-800">{dayLabel(d)}</h3> : null}
              <ul className="mt-1 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {list.map((b) => (
                  <li key={b.id}>
                    <Link href={`${base}/bookings/${b.id}`} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm hover:bg-slate-50">
                      <span>
                        <span className="font-medium text-slate-900 tabular-nums">{formatTimeRange(b.start, b.end, locale, zone)}</span>{' '}
                        <span className="text-slate-800">
                          · {b.serviceName} · {b.customer?.name} · {b.resourceName}
                        </span>
                      </span>
                      <StatusBadge status={b.status} />
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </div>
  );
}

import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { DateTime } from 'luxon';
import { toLocale } from '@/i18n/locales';
import { bookingSchemas, listBookings } from '@/modules/bookings';
import { listPublicServices } from '@/modules/catalog';
import { parseInput } from '@/modules/kernel';
import { EmptyState } from '@/ui/empty-state';
import { cachedAnonymousCtx, cachedMemberCtx } from '../../../_lib/request-cache';
import { ForbiddenNotice } from '../forbidden-notice';
import { type PortalSection, groupAssets } from './assets';
import { MemberPortal } from './member-portal';
import { MyReservations } from './my-reservations';
import { MyWaitlist } from './waitlist';
import { formatDateTime, formatLongRange } from '../../_lib/format';
import { listWaitlist, waitlistSchemas } from '@/modules/waitlist';

export const dynamic = 'force-dynamic';

const RESERVATIONS_PER_PAGE = 10;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('portalPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/**
 * The member portal (issue #14 items 1 and 8): a club member picks an asset (by section) and
 * one of its services, a time or a stay on the availability calendar, sees the club's rules
 * judged for that choice with every reason, and books for themself (name and email come from
 * the account). Their upcoming reservations are listed below, paginated by `?page=`.
 */
export default async function BookPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('portalPage'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  // Staff book for customers (their details typed) on the bookings page; this page books for oneself.
  if (role !== 'member') {
    return (
      <ForbiddenNotice
        slug={slug}
        heading={t('title')}
        title={t('membersOnlyPage.title')}
        body={t('membersOnlyPage.body', { organization: tenant.name, role: td(`roles.${role ?? 'viewer'}`) })}
        backLabel={t('membersOnlyPage.back')}
      />
    );
  }

  const rawPage = Number(Array.isArray(query.page) ? query.page[0] : query.page);
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 10_000 ? rawPage : 1;
  const today = DateTime.fromJSDate(ctx.now, { zone: tenant.timezone }).toISODate()!;
  const [menu, reservations, waitlist] = await Promise.all([
    // The public menu: the business's texts in the reader's language where it translated them.
    cachedAnonymousCtx().then((anonymous) => listPublicServices(anonymous, slug, toLocale(locale) ?? undefined)),
    listBookings(ctx, parseInput(bookingSchemas.listBookingsQuery, { from: today, sort: 'startsAt', page, pageSize: RESERVATIONS_PER_PAGE }, 'query')),
    // The member's open waitlist entries (a member is answered only their own).
    listWaitlist(ctx, parseInput(waitlistSchemas.listWaitlistQuery, { pageSize: 50 }, 'query')).then(
      (p) => ({ entries: p.data, error: null }),
      () => ({ entries: [], error: t('waitlistLoadError') }),
    ),
  ]);
  const sectionLabel = (key: string | null): string => {
    if (key === null) return t('sections.other');
    const known = `sections.${key.toLowerCase()}`;
    return t.has(known as 'sections.other') ? t(known as 'sections.other') : key.charAt(0).toUpperCase() + key.slice(1);
  };
  const sections: PortalSection[] = groupAssets(menu.data, sectionLabel);
  const serviceNames = new Map(menu.data.map((s) => [s.id, s.name]));
  const resourceNames = new Map(menu.data.flatMap((s) => s.resources.map((r) => [r.id, r.name] as const)));

  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary', { organization: tenant.name })}</p>
      <div className="mt-6">
        {sections.length === 0 ? (
          <EmptyState title={t('assets.emptyTitle')} description={t('assets.emptyBody', { organization: tenant.name })} />
        ) : (
          <MemberPortal org={{ slug: tenant.slug, name: tenant.name, timezone: tenant.timezone }} sections={sections} />
        )}
      </div>
      <MyReservations
        organization={tenant.name}
        zone={tenant.timezone}
        locale={locale}
        slug={slug}
        reservations={reservations.data.map((b) => ({
          id: b.id,
          status: b.status,
          start: b.start,
          end: b.end,
          serviceName: serviceNames.get(b.serviceId) ?? b.serviceName ?? '',
          resourceName: resourceNames.get(b.resourceId) ?? b.resourceName ?? '',
          seriesId: b.seriesId,
        }))}
        pagination={reservations.pagination}
      />
      <MyWaitlist
        slug={slug}
        entries={waitlist.entries.map((e) => ({
          ...e,
          serviceName: serviceNames.get(e.serviceId) ?? e.serviceName,
          resourceName: resourceNames.get(e.resourceId) ?? e.resourceName,
          when: formatLongRange(e.start, e.end, locale, tenant.timezone),
          holdUntil: e.holdExpiresAt ? formatDateTime(e.holdExpiresAt, locale, tenant.timezone) : null,
        }))}
        loadError={waitlist.error}
      />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache, type ReactNode } from 'react';
import { isAppError } from '@/lib/errors';
import { getCustomer } from '@/modules/customers';
import { getCustomerLoyalty } from '@/modules/loyalty';
import { can, type Ctx } from '@/modules/kernel';
import { getOrganization } from '@/modules/organizations';
import { Alert } from '@/ui/alert';
import { Card, CardTitle } from '@/ui/card';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { Pagination } from '../../../_components/pagination';
import { StatusBadge } from '../../../_components/status-badge';
import { formatDate, formatDayDate, formatMoney, formatTimeRange } from '../../../_lib/format';
import { pageNumber, type SearchParams } from '../../../_lib/list-query';
import { CustomerEditor } from './customer-editor';
import { CustomerLoyalty } from './customer-loyalty';
import { MergeCustomers } from './merge-customers';

export const dynamic = 'force-dynamic';

const HISTORY_PAGE_SIZE = 10;

interface Props {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<SearchParams>;
}

const loadCustomer = cache(async (ctx: Ctx, id: string, page: number) => {
  try {
    return await getCustomer(ctx, id, { page, pageSize: HISTORY_PAGE_SIZE });
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    throw err;
  }
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const ctx = await cachedMemberCtx(slug);
  const t = await getTranslations('dashboard.customer');
  try {
    const { customer } = await loadCustomer(ctx, id, pageNumber((await searchParams).page));
    return { title: t('metaTitle', { name: customer.name }) };
  } catch {
    // A role without customers:read gets the page's own explanation.
    return { title: t('metaTitleFallback') };
  }
}

export default async function CustomerPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const query = await searchParams;
  const page = pageNumber(query.page);
  const loyaltyPage = pageNumber(query.lpage);
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const base = `/dashboard/${slug}`;

  if (!can(role, 'customers:read')) {
    return (
      <div className="mx-auto max-w-4xl">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('customers.title')}</h1>
        <Alert tone="warning" title={t('customers.forbiddenTitle')} className="mt-6">
          <p>{t('customers.forbiddenBody', { organization: tenant.name })}</p>
        </Alert>
      </div>
    );
  }

  const [{ customer, bookings }, { organization }, loyalty] = await Promise.all([loadCustomer(ctx, id, page), getOrganization(ctx), getCustomerLoyalty(ctx, id, { page: loyaltyPage, pageSize: HISTORY_PAGE_SIZE })]);
  const zone = tenant.timezone;
  // Vehicles only where the organization keeps them (a detailer), or where some are on file.
  const withVehicles = !!organization.settings.customerVehicles || customer.vehicles.length > 0;
  const canWrite = can(role, 'customers:write') && !customer.mergedIntoId;
  const address = [customer.address.line1, customer.address.line2, customer.address.city, customer.address.region, customer.address.postalCode, customer.address.country]
    .filter(Boolean)
    .join(', ');
  const historyHref = (p: number) => `${base}/customers/${customer.id}${p > 1 ? `?page=${p}` : ''}`;

  return (
    <div className="mx-auto max-w-5xl">
      <nav aria-label={t('common.breadcrumb')}>
        <Link href={`${base}/customers`} className={cx('inline-flex items-center gap-1 rounded-sm text-sm font-medium text-indigo-700 hover:text-indigo-900 hover:underline', focusRing)}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M12.7 4.3a1 1 0 0 1 0 1.4L8.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Z" />
          </svg>
          {t('customer.back')}
        </Link>
      </nav>

      <header className="mt-4">
        <p className="text-sm font-medium text-slate-600">{t('customer.eyebrow')}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">{customer.name}</h1>
        <p className="mt-1 text-sm break-all text-slate-700">{customer.email}</p>
      </header>

      {customer.mergedIntoId ? (
        <Alert tone="info" className="mt-6" title={t('customer.mergedTitle')}>
          <Link href={`${base}/customers/${customer.mergedIntoId}`} className="font-medium underline">
            {t('customer.mergedLink')}
          </Link>
        </Alert>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card as="section" aria-labelledby="customer-contact-title">
          <CardTitle id="customer-contact-title">{t('customer.contact')}</CardTitle>
          <dl className="mt-3 divide-y divide-slate-100 text-sm">
            <Row term={t('customer.email')}>
              <a href={`mailto:${customer.email}`} className={cx('break-all underline-offset-2 hover:underline', focusRing)}>
                {customer.email}
              </a>
            </Row>
            <Row term={t('customer.phone')}>
              {customer.phone ? (
                <a href={`tel:${customer.phone.replace(/[^+0-9]/g, '')}`} className={cx('underline-offset-2 hover:underline', focusRing)}>
                  {customer.phone}
                </a>
              ) : (
                <span className="font-normal text-slate-600">{t('customer.none')}</span>
              )}
            </Row>
            {address ? <Row term={t('customer.address')}>{address}</Row> : null}
          </dl>
        </Card>

        <Card as="section" aria-labelledby="customer-totals-title">
          <CardTitle id="customer-totals-title">{t('customer.totals')}</CardTitle>
          <dl className="mt-3 grid grid-cols-2 gap-4 text-sm">
            <div>
              <dt className="text-slate-600">{t('customer.totalBookings')}</dt>
              <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{customer.totalBookings}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t('customer.lastBooking')}</dt>
              <dd className="mt-1 font-medium text-slate-900">
                {customer.lastBookingAt ? <time dateTime={customer.lastBookingAt}>{formatDate(customer.lastBookingAt, locale, zone)}</time> : t('customer.never')}
              </dd>
            </div>
            <div className="col-span-2">
              <dt className="text-slate-600">{t('customer.since')}</dt>
              <dd className="mt-1 font-medium text-slate-900">
                <time dateTime={customer.createdAt}>{formatDate(customer.createdAt, locale, zone)}</time>
              </dd>
            </div>
          </dl>
        </Card>

        {withVehicles ? (
        <Card as="section" aria-labelledby="customer-vehicles-title">
          <CardTitle id="customer-vehicles-title">{t('customer.vehicles')}</CardTitle>
          {customer.vehicles.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('customer.noVehicles')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100 text-sm">
              {customer.vehicles.map((v, i) => (
                <li key={i} className="py-2">
                  <p className="font-medium text-slate-900">{[v.year, v.make, v.model].filter(Boolean).join(' ') || v.type || t('customer.vehicle', { n: i + 1 })}</p>
                  <p className="text-slate-600">{[v.type, v.color, v.plate ? t('customer.plate', { plate: v.plate }) : null].filter(Boolean).join(' · ')}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        ) : null}

        <Card as="section" aria-labelledby="customer-notes-title">
          <CardTitle id="customer-notes-title">{t('customer.notes')}</CardTitle>
          {customer.notes.trim() ? (
            <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{customer.notes}</p>
          ) : (
            <p className="mt-2 text-sm text-slate-600">{t('customer.noNotes')}</p>
          )}
        </Card>
      </div>

      <section aria-labelledby="customer-history-title" className="mt-8">
        <h2 id="customer-history-title" className="text-lg font-semibold text-slate-900">
          {t('customer.history')}
        </h2>
        {bookings.data.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{bookings.pagination.total === 0 ? t('customer.noBookings') : t('common.pageEmptyTitle')}</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="customer-history-caption" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption id="customer-history-caption" className="sr-only">
                {t('customer.historyCaption', { name: customer.name, page: bookings.pagination.page, totalPages: bookings.pagination.totalPages })}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('bookings.columns.when')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                    {t('bookings.columns.service')}
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('bookings.columns.status')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 text-right font-semibold md:table-cell">
                    {t('bookings.columns.price')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {bookings.data.map((b) => (
                  <tr key={b.id} className="align-top">
                    <td className="px-4 py-3">
                      <Link href={`${base}/bookings/${b.id}`} className={cx('font-medium whitespace-nowrap text-indigo-700 underline-offset-2 hover:text-indigo-900 hover:underline', focusRing)}>
                        <time dateTime={b.start}>{formatDayDate(b.start, locale, zone)}</time>
                      </Link>
                      <span className="block whitespace-nowrap text-slate-700">{formatTimeRange(b.start, b.end, locale, zone)}</span>
                      <span className="block text-slate-600 sm:hidden">{b.serviceName}</span>
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      <span className="block text-slate-900">{b.serviceName}</span>
                      <span className="block text-slate-600">{b.resourceName}</span>
                    </td>
                    <td className="px-4 py-3">
                      <StatusBadge status={b.status} />
                    </td>
                    <td className="hidden px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums md:table-cell">{formatMoney(b.priceMinor, b.currency, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          label={t('customer.historyPages')}
          page={bookings.pagination.page}
          totalPages={bookings.pagination.totalPages}
          hasMore={bookings.pagination.hasMore}
          href={historyHref}
          className="mt-4"
        />
      </section>
      <CustomerLoyalty
        slug={slug}
        loyalty={loyalty}
        locale={locale}
        zone={zone}
        canAdjust={can(role, 'loyalty:manage') && !customer.mergedIntoId}
        href={(p) => `${base}/customers/${customer.id}?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...(p > 1 ? { lpage: String(p) } : {}) }).toString()}`}
      />
      {canWrite ? (
        <div className="mt-8 space-y-6">
          <CustomerEditor
            slug={slug}
            customer={{
              id: customer.id,
              version: customer.updatedAt,
              name: customer.name,
              email: customer.email,
              phone: customer.phone ?? '',
              notes: customer.notes,
              vehicles: customer.vehicles,
            }}
            withVehicles={withVehicles}
          />
          <MergeCustomers slug={slug} target={{ id: customer.id, name: customer.name, email: customer.email }} />
        </div>
      ) : null}

    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium break-words text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

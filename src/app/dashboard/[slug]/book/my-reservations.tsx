import { getTranslations } from 'next-intl/server';
import type { BookingStatus } from '@/db/enums';
import { Badge } from '@/ui/badge';
import { EmptyState } from '@/ui/empty-state';
import { Pagination } from '../../_components/pagination';
import { StatusBadge } from '../../_components/status-badge';
import { formatLongRange } from '../../_lib/format';
import { SeriesCancel } from './series-actions';

export interface Reservation {
  id: string;
  status: BookingStatus;
  start: string;
  end: string;
  serviceName: string;
  resourceName: string;
  /** An occurrence of a recurring series (repeat-fields.tsx): marked, with its cancel choices. */
  seriesId?: string | null;
}

/**
 * The member's upcoming reservations (GET /orgs/{slug}/bookings answers a member only their
 * own), soonest first, in the club's clock. A request waiting for the club says so in words.
 */
export async function MyReservations({
  organization,
  zone,
  locale,
  slug,
  reservations,
  pagination,
}: {
  organization: string;
  zone: string;
  locale: string;
  slug: string;
  reservations: Reservation[];
  pagination: { page: number; totalPages: number; hasMore: boolean };
}) {
  const t = await getTranslations('portalPage.reservations');
  const ts = await getTranslations('series');
  return (
    <section aria-labelledby="my-reservations-title" className="mt-12" id="my-reservations">
      <h2 id="my-reservations-title" className="text-xl font-semibold text-slate-900">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('summary', { organization })}</p>
      {reservations.length === 0 ? (
        <EmptyState className="mt-4" headingLevel="h3" title={t('emptyTitle')} description={t('emptyBody')} />
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="my-reservations">
          {reservations.map((r) => (
            <li key={r.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3" data-testid="reservation" data-booking-id={r.id}>
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {r.resourceName}
                  <span className="font-normal text-slate-600"> · {r.serviceName}</span>
                </p>
                <p className="mt-0.5 text-sm text-slate-700 first-letter:uppercase">{formatLongRange(r.start, r.end, locale, zone)}</p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {r.seriesId ? <Badge tone="brand">{ts('badge')}</Badge> : null}
                {r.status === 'pending' ? <Badge tone="warning">{t('pendingApproval')}</Badge> : <StatusBadge status={r.status} />}
              </div>
              {r.seriesId && (r.status === 'pending' || r.status === 'confirmed') ? (
                <SeriesCancel slug={slug} bookingId={r.id} seriesId={r.seriesId} label={formatLongRange(r.start, r.end, locale, zone)} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        className="mt-4"
        label={t('pages')}
        page={pagination.page}
        totalPages={pagination.totalPages}
        hasMore={pagination.hasMore}
        href={(p) => `/dashboard/${slug}/book?page=${p}#my-reservations`}
      />
    </section>
  );
}

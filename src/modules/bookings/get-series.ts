/** A recurring series with its occurrences (members see their own series only; another's is not found). */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookings, bookingSeries, organizations } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, type MemberActor, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { bookingSettingsOf } from './booking-settings';
import type { BookingRow } from './apply-transition';
import { type PresentClock, presentBooking } from './present';
import type { SeriesDto } from './schemas';

export type SeriesRow = typeof bookingSeries.$inferSelect;

export async function getSeriesIn(tx: Tx, organizationId: string, seriesId: string, opts: { lock?: boolean } = {}) {
  const query = tx
    .select({ series: bookingSeries, settings: organizations.settings })
    .from(bookingSeries)
    .innerJoin(organizations, eq(organizations.id, bookingSeries.organizationId))
    .where(and(eq(bookingSeries.organizationId, organizationId), eq(bookingSeries.id, seriesId)));
  const [row] = opts.lock ? await query.for('update', { of: bookingSeries }) : await query;
  if (!row) throw notFound('Series');
  const occurrences = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.seriesId, seriesId)))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
  return { series: row.series, occurrences, settings: bookingSettingsOf(row.settings) };
}

/** A member's own series: one they made, or one booked for their email. */
export function assertOwnSeries(member: MemberActor | null, series: SeriesRow): void {
  if (member && series.createdByUserId !== member.userId && series.customerEmail !== member.email.toLowerCase()) throw notFound('Series');
}

export function presentSeries(series: SeriesRow, occurrences: BookingRow[], clock: PresentClock): SeriesDto {
  return {
    id: series.id,
    rrule: series.rrule,
    startDate: series.startDate,
    startTime: series.startTime,
    timezone: series.zone,
    serviceId: series.serviceId,
    resourceId: series.resourceId,
    customerId: series.customerId,
    mode: series.mode,
    cancelledAt: series.cancelledAt?.toISOString() ?? null,
    createdAt: series.createdAt.toISOString(),
    occurrences: occurrences.map((b) => presentBooking(b, series.zone, {}, clock)),
  };
}

export async function getSeries(ctx: Ctx, seriesId: string): Promise<SeriesDto> {
  authorize(ctx, 'bookings:read');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  return tenantTx(ctx, async (tx) => {
    const found = await getSeriesIn(tx, tenant.id, seriesId);
    assertOwnSeries(member, found.series);
    return presentSeries(found.series, found.occurrences, { now: ctx.now, startLeadMinutes: found.settings.startLeadMinutes });
  });
}

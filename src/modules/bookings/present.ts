/** How a booking is shown: times as ISO 8601 in the organization's zone. */
import type { bookings } from '@/db/schema';
import { toIsoInZone } from '@/modules/scheduling';
import { type BookingAddonRow, presentBookingAddon } from './booking-addons';
import type { BookingDto } from './schemas';
import { allowedActions } from './state-machine';

type BookingRow = typeof bookings.$inferSelect;

/** What `allowedActions` depends on besides the status: the request's clock and the organization's start lead. */
export interface PresentClock {
  now: Date;
  startLeadMinutes: number;
}

export function presentBooking(
  row: BookingRow,
  zone: string,
  names: {
    serviceName?: string;
    resourceName?: string;
    customer?: { id: string; name: string; email: string; phone: string | null };
    /** Its add-on lines (booking-addons.ts); a booking without any has none. */
    addons?: readonly BookingAddonRow[];
  },
  clock: PresentClock,
): BookingDto {
  return {
    id: row.id,
    status: row.status,
    allowedActions: allowedActions(row.status, { startsAt: row.startsAt, ...clock }),
    serviceId: row.serviceId,
    serviceName: names.serviceName,
    resourceId: row.resourceId,
    resourceName: names.resourceName,
    customerId: row.customerId,
    customer: names.customer,
    start: toIsoInZone(row.startsAt.getTime(), zone),
    end: toIsoInZone(row.endsAt.getTime(), zone),
    timezone: zone,
    seats: row.seats,
    priceMinor: row.priceMinor,
    currency: row.currency,
    fields: row.fieldValues,
    message: row.message,
    source: row.source,
    cancellationReason: row.cancellationReason,
    seriesId: row.seriesId,
    children: row.children,
    adults: row.adults,
    addons: (names.addons ?? []).map(presentBookingAddon),
    depositMinor: row.depositMinor,
    balanceMinor: row.balanceMinor,
    depositOrderId: row.depositOrderId,
    depositPaidAt: row.depositPaidAt?.toISOString() ?? null,
    balancePaidAt: row.balancePaidAt?.toISOString() ?? null,
    refundMinor: row.refundMinor,
    cancellationPolicy: row.cancellationPolicy ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

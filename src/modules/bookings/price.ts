/**
 * What a booking costs when it is placed or moved: the service's price per seat, and for a stay
 * (multi_day) per night as well — the nights being the local dates between check-in and
 * check-out in the organization's zone. A staff-set final amount ("from" prices) is a later edit.
 *
 * `priceBreakdown` is the one computation: the booking stores its `priceMinor`, and the public
 * quote (quote-booking.ts) shows the same numbers before the guest books ("3 nights × $650").
 */
import { DateTime } from 'luxon';
import type { PriceUnitName } from './schemas';

export function nightsBetween(start: Date, end: Date, zone: string): number {
  const from = DateTime.fromJSDate(start, { zone }).startOf('day');
  const to = DateTime.fromJSDate(end, { zone }).startOf('day');
  return Math.max(1, Math.round(to.diff(from, 'days').days));
}

/**
 * What the price counts: nights of a stay, seats of a group service, or the booking itself (a
 * slot service's price is for its whole duration, whatever its length).
 */
export type PriceUnit = PriceUnitName;

export interface PriceBreakdown {
  unit: PriceUnit;
  quantity: number;
  /** Per unit; a stay's night counts every seat booked (stays are booked whole: one seat). */
  unitPriceMinor: number;
  /** unitPriceMinor × quantity. */
  priceMinor: number;
}

export function priceBreakdown(
  service: { priceMinor: number; bookingMode: string; capacity?: number },
  start: Date,
  end: Date,
  seats: number,
  zone: string,
): PriceBreakdown {
  if (service.bookingMode === 'multi_day') {
    const nights = nightsBetween(start, end, zone);
    const unitPriceMinor = service.priceMinor * seats;
    return { unit: 'night', quantity: nights, unitPriceMinor, priceMinor: unitPriceMinor * nights };
  }
  if (seats > 1 || (service.capacity ?? 1) > 1) return { unit: 'seat', quantity: seats, unitPriceMinor: service.priceMinor, priceMinor: service.priceMinor * seats };
  return { unit: 'booking', quantity: 1, unitPriceMinor: service.priceMinor, priceMinor: service.priceMinor };
}

export function bookingPrice(service: { priceMinor: number; bookingMode: string }, start: Date, end: Date, seats: number, zone: string): number {
  return priceBreakdown(service, start, end, seats, zone).priceMinor;
}

/**
 * What a booking costs when it is placed or moved: the service's price per seat, and for a stay
 * (multi_day) per night as well — the nights being the local dates between check-in and
 * check-out in the organization's zone. A staff-set final amount ("from" prices) is a later edit.
 */
import { DateTime } from 'luxon';

export function nightsBetween(start: Date, end: Date, zone: string): number {
  const from = DateTime.fromJSDate(start, { zone }).startOf('day');
  const to = DateTime.fromJSDate(end, { zone }).startOf('day');
  return Math.max(1, Math.round(to.diff(from, 'days').days));
}

export function bookingPrice(service: { priceMinor: number; bookingMode: string }, start: Date, end: Date, seats: number, zone: string): number {
  const units = service.bookingMode === 'multi_day' ? nightsBetween(start, end, zone) : 1;
  return service.priceMinor * seats * units;
}

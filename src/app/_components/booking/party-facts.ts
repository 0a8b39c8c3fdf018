/** Shared by server and client components: whether a booking has party facts to show (party-details.tsx). */
import type { BookingDto } from '@/modules/bookings/schemas';

/** What a package or add-on booking adds to the booking: guests, add-ons, total, deposit and balance. */
export type PartyFacts = Pick<BookingDto, 'children' | 'adults' | 'addons' | 'priceMinor' | 'currency' | 'depositMinor' | 'balanceMinor' | 'depositPaidAt' | 'balancePaidAt' | 'refundMinor' | 'status' | 'cancellationPolicy'>;

/** True when the booking has something to show here (a package's guests or split price, or add-ons). */
export function hasPartyFacts(b: PartyFacts): boolean {
  return b.children !== null || b.adults !== null || b.addons.length > 0 || b.depositMinor !== null;
}

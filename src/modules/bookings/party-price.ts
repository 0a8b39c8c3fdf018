/**
 * The price of a booking with add-ons and, for a party package, guests, deposit and balance —
 * one pure function shared by the quote (quote-booking.ts) and the booking itself
 * (place-booking.ts), so the total shown before "Book" is the total booked.
 *
 *   total   = base
 *           + max(0, children − includedChildren) × extraChild
 *           + max(0, adults − includedAdults) × extraAdult
 *           + Σ add-ons, where a per_booking add-on costs price × quantity and a per_guest add-on
 *             costs price × quantity × guests (guests = children + adults for a package, else
 *             the booking's seats; quantity is then "portions per guest", usually 1)
 *   deposit = fixed: min(value, total); percent: round(total × value / 100) (half up)
 *   balance = total − deposit
 *
 * Never negative; deposit ≤ total. A service without a package has no deposit (null).
 * The refund on cancelling follows the package's policy (refundFor).
 */
import type { AddonPricing, CancellationStep, DepositType } from '@/db/schema';

export interface PackageTerms {
  includedChildren: number;
  includedAdults: number;
  extraChildMinor: number;
  extraAdultMinor: number;
  minGuests: number;
  maxGuests: number;
  depositType: DepositType;
  depositValue: number;
  cancellationPolicy: CancellationStep[];
}

export interface AddonPick {
  addonId: string;
  name: string;
  unitPriceMinor: number;
  pricing: AddonPricing;
  extraMinutes: number;
  quantity: number;
}

export interface PartyPriceInput {
  /** The service's own price for this booking (price.ts priceBreakdown: per booking, seat or night). */
  baseMinor: number;
  baseLabel: string;
  terms: PackageTerms | null;
  children: number;
  adults: number;
  /** Seats booked: the guests of a per_guest add-on when the service is not a package. */
  seats: number;
  addons: AddonPick[];
}

export interface PriceLine {
  kind: 'base' | 'extra_children' | 'extra_adults' | 'addon';
  addonId: string | null;
  label: string;
  unitPriceMinor: number;
  quantity: number;
  amountMinor: number;
  /** Add-on lines: minutes they add (extraMinutes × quantity). */
  extraMinutes: number;
  pricing?: AddonPricing;
}

export interface PartyPrice {
  lines: PriceLine[];
  guests: number;
  extraMinutes: number;
  totalMinor: number;
  depositMinor: number | null;
  balanceMinor: number | null;
}

export function guestsOf(terms: PackageTerms | null, children: number, adults: number, seats: number): number {
  return terms ? children + adults : seats;
}

export function depositOf(terms: Pick<PackageTerms, 'depositType' | 'depositValue'>, totalMinor: number): number {
  if (terms.depositType === 'fixed') return Math.max(0, Math.min(terms.depositValue, totalMinor));
  const pct = Math.max(0, Math.min(100, terms.depositValue));
  return Math.min(totalMinor, Math.round((totalMinor * pct) / 100));
}

export function partyPrice(input: PartyPriceInput): PartyPrice {
  const { terms } = input;
  const guests = guestsOf(terms, input.children, input.adults, input.seats);
  const lines: PriceLine[] = [{ kind: 'base', addonId: null, label: input.baseLabel, unitPriceMinor: input.baseMinor, quantity: 1, amountMinor: input.baseMinor, extraMinutes: 0 }];
  if (terms) {
    const extraChildren = Math.max(0, input.children - terms.includedChildren);
    const extraAdults = Math.max(0, input.adults - terms.includedAdults);
    if (extraChildren > 0) {
      lines.push({ kind: 'extra_children', addonId: null, label: 'Extra children', unitPriceMinor: terms.extraChildMinor, quantity: extraChildren, amountMinor: extraChildren * terms.extraChildMinor, extraMinutes: 0 });
    }
    if (extraAdults > 0) {
      lines.push({ kind: 'extra_adults', addonId: null, label: 'Extra adults', unitPriceMinor: terms.extraAdultMinor, quantity: extraAdults, amountMinor: extraAdults * terms.extraAdultMinor, extraMinutes: 0 });
    }
  }
  for (const a of input.addons) {
    const units = a.pricing === 'per_guest' ? a.quantity * guests : a.quantity;
    lines.push({ kind: 'addon', addonId: a.addonId, label: a.name, unitPriceMinor: a.unitPriceMinor, quantity: units, amountMinor: a.unitPriceMinor * units, extraMinutes: a.extraMinutes * a.quantity, pricing: a.pricing });
  }
  const totalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const extraMinutes = lines.reduce((sum, l) => sum + l.extraMinutes, 0);
  const depositMinor = terms ? depositOf(terms, totalMinor) : null;
  return { lines, guests, extraMinutes, totalMinor, depositMinor, balanceMinor: depositMinor === null ? null : totalMinor - depositMinor };
}

/**
 * What cancelling refunds of `paidMinor` with `noticeMs` before the start: the first step of
 * the policy (longest notice first) whose notice is met; none met (or no policy) → 0.
 */
export function refundFor(policy: readonly CancellationStep[], paidMinor: number, noticeMs: number): { refundMinor: number; refundPercent: number } {
  const hours = noticeMs / 3_600_000;
  const steps = [...policy].sort((a, b) => b.minNoticeHours - a.minNoticeHours);
  const step = steps.find((s) => hours >= s.minNoticeHours);
  const refundPercent = step ? Math.max(0, Math.min(100, step.refundPercent)) : 0;
  const paid = Math.max(0, paidMinor);
  return { refundMinor: Math.min(paid, Math.round((paid * refundPercent) / 100)), refundPercent };
}

/**
 * What a booking adds to its service: add-ons (longer duration, more to pay) and, for a party
 * package, its guests. Resolved and checked once per request, before the reservation step: the
 * add-ons' extra minutes decide which slots are searched (scheduling findSlots `extraMinutes`),
 * and party-price.ts turns everything into the total, the deposit and the balance.
 */
import type { Executor } from '@/db/client';
import { ruleViolation, validationError } from '@/lib/errors';
import { chooseAddons, type ChosenAddon, extraMinutesOf, findPackage, type PackageRow } from '@/modules/catalog';
import { partyPrice, type PartyPrice } from './party-price';
import { priceBreakdown } from './price';

export interface ExtrasRequest {
  addons: readonly { addonId: string; quantity: number }[];
  children?: number;
  adults?: number;
}

export interface BookingExtras {
  terms: PackageRow | null;
  chosen: ChosenAddon[];
  children: number | null;
  adults: number | null;
  extraMinutes: number;
}

export const noExtras: BookingExtras = { terms: null, chosen: [], children: null, adults: null, extraMinutes: 0 };

/**
 * Checks the request's add-ons and guests against the service: unknown add-on → 404; too many
 * of one, guests on a service that is not a package, or a package without its guests → 400;
 * guests outside the package's bounds → 422 `guest_count`.
 */
export async function resolveExtras(db: Executor, orgId: string, service: { id: string; bookingMode: string }, r: ExtrasRequest): Promise<BookingExtras> {
  const terms = await findPackage(db, orgId, service.id);
  const chosen = await chooseAddons(db, orgId, service.id, r.addons);
  const extraMinutes = extraMinutesOf(chosen);
  if (extraMinutes > 0 && service.bookingMode === 'multi_day') {
    throw validationError('A stay is booked by the night: its add-ons cannot lengthen it.', { fields: [{ path: 'addons', message: 'cannot add minutes to a stay' }] });
  }
  if (!terms) {
    if (r.children !== undefined || r.adults !== undefined) {
      const path = r.children !== undefined ? 'children' : 'adults';
      throw validationError('This service is not a party package: it takes no guest counts.', { fields: [{ path, message: 'is only for party packages' }] });
    }
    return { terms: null, chosen, children: null, adults: null, extraMinutes };
  }
  if (r.children === undefined) throw guestsRequired();
  const children = r.children;
  const adults = r.adults ?? 0;
  const guests = children + adults;
  if (guests < terms.minGuests || guests > terms.maxGuests) {
    throw ruleViolation(`This package is for ${terms.minGuests} to ${terms.maxGuests} guests (children and adults); you asked for ${guests}.`, {
      rule: 'guest_count',
      minGuests: terms.minGuests,
      maxGuests: terms.maxGuests,
      guests,
    });
  }
  return { terms, chosen, children, adults, extraMinutes };
}

/** A party package booked without its guests (here, or under the lock when nothing was asked: reserve.ts). */
export function guestsRequired() {
  return validationError('Say how many children come to the party.', { fields: [{ path: 'children', message: 'is required' }] });
}

/** The price of a booking of `service` with its extras (party-price.ts), base as price.ts computes it. */
export function priceWithExtras(
  service: { name: string; priceMinor: number; bookingMode: string; capacity?: number },
  start: Date,
  end: Date,
  seats: number,
  zone: string,
  extras: BookingExtras,
): PartyPrice & { base: ReturnType<typeof priceBreakdown> } {
  const base = priceBreakdown(service, start, end, seats, zone);
  const price = partyPrice({
    baseMinor: base.priceMinor,
    baseLabel: service.name,
    terms: extras.terms,
    children: extras.children ?? 0,
    adults: extras.adults ?? 0,
    seats,
    addons: extras.chosen.map((c) => ({ addonId: c.row.id, name: c.row.name, unitPriceMinor: c.row.priceMinor, pricing: c.row.pricing, extraMinutes: c.row.extraMinutes, quantity: c.quantity })),
  });
  return { ...price, base };
}

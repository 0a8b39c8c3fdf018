/**
 * What a visitor chose of a package or a service's add-ons before booking: guests (a package)
 * and how many of each add-on. Pure helpers shared by the flow, the summary and the slot picker;
 * prices are never computed here (the server's quote does that).
 */
import type { PackageDto, PublicAddon } from '@/modules/catalog/schemas';

export interface PartyChoice {
  children: number;
  adults: number;
  /** add-on id → quantity (0 = not taken). */
  addons: Record<string, number>;
}

/** The package's included guests, raised to its minimum (children first) and capped at its maximum. */
export function initialChoice(pkg: PackageDto | null): PartyChoice {
  if (!pkg) return { children: 0, adults: 0, addons: {} };
  let adults = Math.min(pkg.includedAdults, pkg.maxGuests);
  let children = Math.min(pkg.includedChildren, pkg.maxGuests - adults);
  if (children + adults < pkg.minGuests) children = pkg.minGuests - adults;
  if (children < 0) {
    adults += children;
    children = 0;
  }
  return { children, adults, addons: {} };
}

/** The add-ons taken, in the API's shape. */
export function addonChoices(choice: PartyChoice): { addonId: string; quantity: number }[] {
  return Object.entries(choice.addons)
    .filter(([, q]) => q > 0)
    .map(([addonId, quantity]) => ({ addonId, quantity }));
}

/** `adn_…:2,adn_…:1` as the availability and quote queries read it; '' when none. */
export function addonQuery(list: readonly { addonId: string; quantity: number }[]): string {
  return list.map((a) => `${a.addonId}:${a.quantity}`).join(',');
}

/** Only the add-ons that lengthen the booking change which times are free. */
export function durationAddons(choice: PartyChoice, addons: readonly Pick<PublicAddon, 'id' | 'extraMinutes'>[]): string {
  const long = new Set(addons.filter((a) => a.extraMinutes > 0).map((a) => a.id));
  return addonQuery(addonChoices(choice).filter((a) => long.has(a.addonId)));
}

/** Minutes the chosen add-ons add (shown next to the duration; the server computes the real end). */
export function extraMinutesOf(choice: PartyChoice, addons: readonly Pick<PublicAddon, 'id' | 'extraMinutes'>[]): number {
  return addons.reduce((sum, a) => sum + a.extraMinutes * (choice.addons[a.id] ?? 0), 0);
}

/** The day the balance is due: `days` calendar days before the party's day (YYYY-MM-DD in the venue's zone). */
export function balanceDueDay(partyDay: string, days: number): string {
  const [y, m, d] = partyDay.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d - days));
  return date.toISOString().slice(0, 10);
}

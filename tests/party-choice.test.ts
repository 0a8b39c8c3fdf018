/**
 * The booking page's party choice (src/app/[org]/_components/party/party-choice.ts): the guests
 * it starts with stay within the package's bounds, the add-ons go to the API in its query shape,
 * only add-ons with minutes change the times searched, and the balance's due day counts back
 * over month and year ends. Prices are the server's; nothing here adds money up.
 */
import { describe, expect, it } from 'vitest';
import { addonChoices, addonQuery, balanceDueDay, durationAddons, extraMinutesOf, initialChoice } from '@/app/[org]/_components/party/party-choice';
import type { PackageDto } from '@/modules/catalog/schemas';

const pkg = (over: Partial<PackageDto>): PackageDto => ({
  includedChildren: 10,
  includedAdults: 10,
  extraChildMinor: 1500,
  extraAdultMinor: 1000,
  minGuests: 1,
  maxGuests: 40,
  depositType: 'percent',
  depositValue: 30,
  balanceDueDays: 7,
  cancellationPolicy: [],
  ...over,
});

describe('party choice', () => {
  it('starts with the included guests, raised to the minimum and capped at the maximum', () => {
    expect(initialChoice(null)).toEqual({ children: 0, adults: 0, addons: {} });
    expect(initialChoice(pkg({}))).toMatchObject({ children: 10, adults: 10 });
    // Fewer included than the minimum: children make up the difference.
    expect(initialChoice(pkg({ includedChildren: 2, includedAdults: 1, minGuests: 8 }))).toMatchObject({ children: 7, adults: 1 });
    // More included than the maximum: adults first within it, then children up to it.
    expect(initialChoice(pkg({ includedChildren: 30, includedAdults: 30, maxGuests: 40 }))).toMatchObject({ children: 10, adults: 30 });
    for (const p of [pkg({ minGuests: 12, maxGuests: 12, includedChildren: 0, includedAdults: 0 }), pkg({ minGuests: 5, maxGuests: 6, includedChildren: 9, includedAdults: 9 })]) {
      const c = initialChoice(p);
      expect(c.children + c.adults).toBeGreaterThanOrEqual(p.minGuests);
      expect(c.children + c.adults).toBeLessThanOrEqual(p.maxGuests);
      expect(Math.min(c.children, c.adults)).toBeGreaterThanOrEqual(0);
    }
  });

  it('sends the add-ons taken, and only those with minutes to the availability search', () => {
    const choice = { children: 0, adults: 0, addons: { adn_cake: 1, adn_hour: 2, adn_none: 0 } };
    const addons = [
      { id: 'adn_cake', extraMinutes: 0 },
      { id: 'adn_hour', extraMinutes: 60 },
      { id: 'adn_none', extraMinutes: 30 },
    ];
    expect(addonChoices(choice)).toEqual([
      { addonId: 'adn_cake', quantity: 1 },
      { addonId: 'adn_hour', quantity: 2 },
    ]);
    expect(addonQuery(addonChoices(choice))).toBe('adn_cake:1,adn_hour:2');
    expect(durationAddons(choice, addons)).toBe('adn_hour:2');
    expect(extraMinutesOf(choice, addons)).toBe(120);
    expect(addonQuery([])).toBe('');
  });

  it('counts the balance due day back in calendar days', () => {
    expect(balanceDueDay('2026-12-20', 7)).toBe('2026-12-13');
    expect(balanceDueDay('2027-01-03', 7)).toBe('2026-12-27');
    expect(balanceDueDay('2028-03-01', 1)).toBe('2028-02-29');
    expect(balanceDueDay('2026-12-20', 0)).toBe('2026-12-20');
  });
});

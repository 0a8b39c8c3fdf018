/**
 * The one pricing function of add-ons and party packages (modules/bookings/party-price.ts):
 * worked examples, then properties over random packages, guests and add-ons — the total is the
 * sum of its lines, the deposit never exceeds the total, the balance is never negative, and a
 * refund never exceeds what was paid and never grows as the notice shrinks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depositOf, type PackageTerms, partyPrice, refundFor } from '@/modules/bookings';

const classic: PackageTerms = {
  includedChildren: 10,
  includedAdults: 10,
  extraChildMinor: 1500,
  extraAdultMinor: 800,
  minGuests: 5,
  maxGuests: 40,
  depositType: 'percent',
  depositValue: 30,
  cancellationPolicy: [
    { minNoticeHours: 336, refundPercent: 100 },
    { minNoticeHours: 72, refundPercent: 50 },
  ],
};

describe('partyPrice: worked examples', () => {
  it('base + extra children + extra adults + add-ons per booking and per guest; 30 % deposit', () => {
    const p = partyPrice({
      baseMinor: 25_000,
      baseLabel: 'Classic party',
      terms: classic,
      children: 14,
      adults: 11,
      seats: 1,
      addons: [
        { addonId: 'adn_cake', name: 'Cake', unitPriceMinor: 3500, pricing: 'per_booking', extraMinutes: 0, quantity: 1 },
        { addonId: 'adn_food', name: 'Pizza menu', unitPriceMinor: 600, pricing: 'per_guest', extraMinutes: 0, quantity: 1 },
        { addonId: 'adn_hour', name: 'Extra hour', unitPriceMinor: 7000, pricing: 'per_booking', extraMinutes: 60, quantity: 1 },
      ],
    });
    // 25,000 + 4 × 1,500 + 1 × 800 + 3,500 + 25 × 600 + 7,000 = 57,300
    expect(p.lines.map((l) => [l.kind, l.quantity, l.amountMinor])).toEqual([
      ['base', 1, 25_000],
      ['extra_children', 4, 6000],
      ['extra_adults', 1, 800],
      ['addon', 1, 3500],
      ['addon', 25, 15_000],
      ['addon', 1, 7000],
    ]);
    expect(p).toMatchObject({ guests: 25, extraMinutes: 60, totalMinor: 57_300, depositMinor: 17_190, balanceMinor: 40_110 });
  });

  it('a fixed deposit is capped at the total; no package → no deposit, per_guest counts seats', () => {
    expect(depositOf({ depositType: 'fixed', depositValue: 10_000 }, 6000)).toBe(6000);
    expect(depositOf({ depositType: 'fixed', depositValue: 5000 }, 6000)).toBe(5000);
    expect(depositOf({ depositType: 'percent', depositValue: 33 }, 1001)).toBe(330);
    const plain = partyPrice({
      baseMinor: 4000,
      baseLabel: 'Cut',
      terms: null,
      children: 0,
      adults: 0,
      seats: 3,
      addons: [{ addonId: 'adn_x', name: 'Towel', unitPriceMinor: 100, pricing: 'per_guest', extraMinutes: 0, quantity: 2 }],
    });
    expect(plain).toMatchObject({ totalMinor: 4600, depositMinor: null, balanceMinor: null, guests: 3 });
  });

  it('refund by notice: the first step met, longest notice first; below every step nothing', () => {
    const day = 86_400_000;
    expect(refundFor(classic.cancellationPolicy, 17_190, 20 * day)).toEqual({ refundMinor: 17_190, refundPercent: 100 });
    expect(refundFor(classic.cancellationPolicy, 17_190, 14 * day)).toEqual({ refundMinor: 17_190, refundPercent: 100 });
    expect(refundFor(classic.cancellationPolicy, 17_190, 5 * day)).toEqual({ refundMinor: 8595, refundPercent: 50 });
    expect(refundFor(classic.cancellationPolicy, 17_190, 2 * day)).toEqual({ refundMinor: 0, refundPercent: 0 });
    expect(refundFor([], 17_190, 100 * day)).toEqual({ refundMinor: 0, refundPercent: 0 });
  });
});

const money = fc.integer({ min: 0, max: 5_000_000 });
const terms = fc
  .record({
    includedChildren: fc.integer({ min: 0, max: 30 }),
    includedAdults: fc.integer({ min: 0, max: 30 }),
    extraChildMinor: fc.integer({ min: 0, max: 100_000 }),
    extraAdultMinor: fc.integer({ min: 0, max: 100_000 }),
    minGuests: fc.integer({ min: 1, max: 10 }),
    maxGuests: fc.integer({ min: 10, max: 200 }),
    depositType: fc.constantFrom('fixed' as const, 'percent' as const),
    depositValue: fc.integer({ min: 0, max: 1_000_000 }),
    cancellationPolicy: fc.array(fc.record({ minNoticeHours: fc.integer({ min: 0, max: 2000 }), refundPercent: fc.integer({ min: 0, max: 100 }) }), { maxLength: 5 }),
  })
  .map((t) => ({ ...t, depositValue: t.depositType === 'percent' ? t.depositValue % 101 : t.depositValue }));
const addon = fc.record({
  addonId: fc.string({ minLength: 1, maxLength: 8 }),
  name: fc.string({ maxLength: 8 }),
  unitPriceMinor: fc.integer({ min: 0, max: 100_000 }),
  pricing: fc.constantFrom('per_booking' as const, 'per_guest' as const),
  extraMinutes: fc.integer({ min: 0, max: 240 }),
  quantity: fc.integer({ min: 1, max: 10 }),
});

describe('partyPrice: properties', () => {
  it('total = Σ lines = base + extras + add-ons; 0 ≤ deposit ≤ total; balance = total − deposit ≥ 0', () => {
    fc.assert(
      fc.property(money, fc.option(terms, { nil: null }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), fc.array(addon, { maxLength: 6 }), (base, t, children, adults, seats, addons) => {
        const p = partyPrice({ baseMinor: base, baseLabel: 'x', terms: t, children, adults, seats, addons });
        const guests = t ? children + adults : seats;
        const extras = t ? Math.max(0, children - t.includedChildren) * t.extraChildMinor + Math.max(0, adults - t.includedAdults) * t.extraAdultMinor : 0;
        const addonSum = addons.reduce((s, a) => s + a.unitPriceMinor * a.quantity * (a.pricing === 'per_guest' ? guests : 1), 0);
        expect(p.totalMinor).toBe(base + extras + addonSum);
        expect(p.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(p.totalMinor);
        expect(p.extraMinutes).toBe(addons.reduce((s, a) => s + a.extraMinutes * a.quantity, 0));
        if (!t) {
          expect(p.depositMinor).toBeNull();
          expect(p.balanceMinor).toBeNull();
          return;
        }
        expect(p.depositMinor!).toBeGreaterThanOrEqual(0);
        expect(p.depositMinor!).toBeLessThanOrEqual(p.totalMinor);
        expect(p.balanceMinor).toBe(p.totalMinor - p.depositMinor!);
        expect(Number.isInteger(p.depositMinor)).toBe(true);
        if (t.depositType === 'fixed') expect(p.depositMinor).toBe(Math.min(t.depositValue, p.totalMinor));
        else expect(Math.abs(p.depositMinor! - (p.totalMinor * t.depositValue) / 100)).toBeLessThanOrEqual(0.5);
      }),
      { numRuns: 500 },
    );
  });

  it('a refund is within what was paid, and a longer notice never refunds less (policy sorted as stored)', () => {
    fc.assert(
      fc.property(terms, money, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (t, paid, h1, h2) => {
        // The API stores policies whose refunds never grow as notice shrinks (catalog schemas); build one.
        const sorted = [...t.cancellationPolicy].sort((a, b) => b.minNoticeHours - a.minNoticeHours);
        let cap = 100;
        const policy = sorted.map((s) => ({ minNoticeHours: s.minNoticeHours, refundPercent: (cap = Math.min(cap, s.refundPercent)) }));
        const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const a = refundFor(policy, paid, short * 3_600_000);
        const b = refundFor(policy, paid, long * 3_600_000);
        expect(a.refundMinor).toBeGreaterThanOrEqual(0);
        expect(b.refundMinor).toBeLessThanOrEqual(paid);
        expect(b.refundMinor).toBeGreaterThanOrEqual(a.refundMinor);
      }),
      { numRuns: 500 },
    );
  });
});

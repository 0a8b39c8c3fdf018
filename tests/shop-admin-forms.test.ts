/**
 * What the shop's dashboard forms send: amounts typed as 12.50 → minor units, percentages → ppm
 * (tax) or basis points (promo codes), and a promo window typed on the organization's wall clock
 * → the instant, across a daylight-saving change.
 */
import { describe, expect, it } from 'vitest';
import { inputToMinor, minorToInput, partsToPercent, percentToParts, zonedInputToIso } from '@/app/dashboard/[slug]/_shop/money';

describe('shop form conversions', () => {
  it('reads amounts in minor units and refuses what is not one', () => {
    expect(inputToMinor('12.5')).toBe(1250);
    expect(inputToMinor('12,50')).toBe(1250);
    expect(inputToMinor('0.07')).toBe(7);
    expect(inputToMinor(' ')).toBeNull();
    expect(inputToMinor('1.234')).toBeNaN();
    expect(inputToMinor('-3')).toBeNaN();
    expect(inputToMinor('ten')).toBeNaN();
    expect(minorToInput(695)).toBe('6.95');
    expect(minorToInput(null)).toBe('');
  });

  it('turns percentages into ppm and basis points and back', () => {
    expect(percentToParts('8.625', 1_000_000)).toBe(86_250);
    expect(percentToParts('10', 10_000)).toBe(1000);
    expect(percentToParts('12,5', 10_000)).toBe(1250);
    expect(percentToParts('x', 10_000)).toBeNaN();
    expect(partsToPercent(86_250, 1_000_000)).toBe('8.625');
    expect(partsToPercent(1000, 10_000)).toBe('10');
  });

  it('reads a wall-clock time in the organization zone, on both sides of a DST change', () => {
    expect(zonedInputToIso('2026-01-15T09:00', 'America/Chicago')).toBe('2026-01-15T15:00:00.000Z');
    expect(zonedInputToIso('2026-07-15T09:00', 'America/Chicago')).toBe('2026-07-15T14:00:00.000Z');
    expect(zonedInputToIso('2026-03-29T12:00', 'Europe/Madrid')).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedInputToIso('', 'UTC')).toBeNull();
    expect(zonedInputToIso('2026-07-15', 'UTC')).toBeNull();
  });
});

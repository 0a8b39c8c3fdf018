/** Shared shapes and helpers of the catalog pages (pure: server and client components use them). */
import type { CustomFieldDto, ResourceDto } from '@/modules/catalog';

export type CustomFieldType = CustomFieldDto['type'];
export type ResourceKind = ResourceDto['kind'];
// The choices the forms offer (the API's enums, which the answers' types are checked against).
export const customFieldTypes = ['text', 'textarea', 'select', 'number', 'checkbox', 'email', 'phone'] as const satisfies readonly CustomFieldType[];
export const resourceKinds = ['staff', 'asset', 'room', 'space'] as const satisfies readonly ResourceKind[];

/** ISO weekdays, Monday first. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** The currency's number of decimals (JPY 0, USD 2, KWD 3). */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "12.5" in major units to minor units; null when it is not a non-negative amount. */
export function toMinor(major: string, digits: number): number | null {
  const v = major.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(v)) return null;
  const [whole, frac = ''] = v.split('.');
  if (frac.length > digits) return null;
  return Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
}

export function toMajor(minor: number, digits: number): string {
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

/** Weekday names in the visitor's language, from a Monday (2024-01-01 was one). */
export function weekdayName(weekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

export function catalogBase(slug: string): string {
  return `/dashboard/${slug}/catalog`;
}

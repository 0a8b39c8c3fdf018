/** The module's words for people (line problems, promo reasons, emails) in English and Spanish. */
// The catalogues sit with the app's other messages (outside src, so no @/ alias reaches them).
// eslint-disable-next-line no-restricted-imports
import en from '../../../messages/orders.en.json';
// eslint-disable-next-line no-restricted-imports
import es from '../../../messages/orders.es.json';

export type OrdersLocale = 'en' | 'es';
const catalogs = { en: en.orders, es: es.orders } as const;

export function ordersText(locale: OrdersLocale | undefined) {
  return catalogs[locale ?? 'en'];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function formatMoney(minor: number, currency: string, locale: OrdersLocale | undefined): string {
  return new Intl.NumberFormat(locale ?? 'en', { style: 'currency', currency }).format(minor / 100);
}

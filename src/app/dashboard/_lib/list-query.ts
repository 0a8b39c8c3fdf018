/**
 * The bookings and customers lists keep every filter, the sort and the page in the URL, so a
 * link or the back button brings the same view back. Parsing is forgiving: a value the API
 * would refuse (a hand-edited URL) is dropped instead of failing the page.
 */

import { isSupportedLocalDate } from '@/lib/time';

export type SearchParams = Record<string, string | string[] | undefined>;

export const bookingStatuses = ['pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'rejected', 'no_show', 'held'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingSorts = ['-startsAt', 'startsAt', '-createdAt', 'createdAt'] as const;
export type BookingSort = (typeof bookingSorts)[number];
/** Newest appointments first: today's and the next days' work sit above old history. */
const DEFAULT_BOOKING_SORT: BookingSort = '-startsAt';

export const customerSorts = ['name', '-name', '-lastBookingAt', 'lastBookingAt', '-totalBookings', 'totalBookings', '-createdAt', 'createdAt'] as const;
export type CustomerSort = (typeof customerSorts)[number];
const DEFAULT_CUSTOMER_SORT: CustomerSort = 'name';

export const PAGE_SIZE = 20;

export interface BookingFilters {
  status: BookingStatus[];
  from: string;
  to: string;
  resourceId: string;
  serviceId: string;
  q: string;
  sort: BookingSort;
  page: number;
}

export interface CustomerFilters {
  q: string;
  sort: CustomerSort;
  page: number;
}

function first(raw: string | string[] | null | undefined): string {
  return (Array.isArray(raw) ? raw[0] : raw) ?? '';
}

function all(raw: string | string[] | null | undefined): string[] {
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
}

function toRecord(params: SearchParams | URLSearchParams): SearchParams {
  if (!(params instanceof URLSearchParams)) return params;
  const out: Record<string, string[]> = {};
  for (const [k, v] of params) (out[k] ??= []).push(v);
  return out;
}

/** A real date the app handles (years 2000–2199): 0000-01-01 or 9999-12-31 in a URL is dropped. */
export function isIsoDate(value: string): boolean {
  return isSupportedLocalDate(value);
}

export function pageNumber(raw: string | string[] | undefined | null): number {
  const n = Number(first(raw));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

const text = (raw: string | string[] | undefined) => first(raw).trim().slice(0, 100);
const id = (raw: string | string[] | undefined, prefix: string) => {
  const v = first(raw);
  return new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(v) ? v : '';
};
const pick = <T extends string>(raw: string | string[] | undefined, options: readonly T[], fallback: T): T => {
  const v = first(raw);
  return (options as readonly string[]).includes(v) ? (v as T) : fallback;
};

export function parseBookingFilters(input: SearchParams | URLSearchParams): BookingFilters {
  const sp = toRecord(input);
  // Both `?status=a,b` (what our links write) and `?status=a&status=b` (a plain form submit).
  const statuses = new Set(all(sp.status).flatMap((s) => s.split(',')).map((s) => s.trim()));
  const from = first(sp.from);
  const to = first(sp.to);
  return {
    status: bookingStatuses.filter((s) => statuses.has(s)),
    from: isIsoDate(from) ? from : '',
    to: isIsoDate(to) ? to : '',
    resourceId: id(sp.resourceId, 'res'),
    serviceId: id(sp.serviceId, 'svc'),
    q: text(sp.q),
    sort: pick(sp.sort, bookingSorts, DEFAULT_BOOKING_SORT),
    page: pageNumber(sp.page),
  };
}

export function parseCustomerFilters(input: SearchParams | URLSearchParams): CustomerFilters {
  const sp = toRecord(input);
  return { q: text(sp.q), sort: pick(sp.sort, customerSorts, DEFAULT_CUSTOMER_SORT), page: pageNumber(sp.page) };
}

/** "?status=pending,confirmed&q=…" with defaults and empty values left out; "" when nothing is set. */
export function bookingSearch(f: Partial<BookingFilters>): string {
  const p = new URLSearchParams();
  if (f.status?.length) p.set('status', f.status.join(','));
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.serviceId) p.set('serviceId', f.serviceId);
  if (f.resourceId) p.set('resourceId', f.resourceId);
  if (f.q) p.set('q', f.q);
  if (f.sort && f.sort !== DEFAULT_BOOKING_SORT) p.set('sort', f.sort);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function customerSearch(f: Partial<CustomerFilters>): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.sort && f.sort !== DEFAULT_CUSTOMER_SORT) p.set('sort', f.sort);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Whether anything narrows the list (the sort and page do not). */
export function hasBookingFilters(f: BookingFilters): boolean {
  return f.status.length > 0 || !!(f.from || f.to || f.resourceId || f.serviceId || f.q);
}

/**
 * Intl formatting for the public site, shared by server and client components so both render
 * the same text. Calendar dates are "YYYY-MM-DD" strings (no zone); instants are ISO 8601.
 */

// ISO 4217 minor units: two unless listed. Prices are integer minor units of the currency.
const ZERO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function currencyDigits(currency: string): number {
  if (ZERO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  return 2;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      minor / 10 ** digits,
    );
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

export function currencyDisplayName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "2 h 30 min" / "45 min" in the locale's short units. */
export function formatDuration(minutes: number, locale: string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const unit = (value: number, u: 'hour' | 'minute') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (hours === 0) return unit(rest, 'minute');
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

/** A wall-clock "HH:MM" (24:00 allowed) in the locale's style: "3:00 PM", "15:00". */
export function formatWallTime(time: string, locale: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, h % 24, m));
}

// ─── Calendar dates ("YYYY-MM-DD", zone-free) ─────────────────────────────────────────────

export function parseDate(date: string): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

export function toDateString(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parseDate(date);
  return toDateString(y, m, d + days);
}

export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** "YYYY-MM" of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return toDateString(y, m + n, 1).slice(0, 7);
}

export function lastDayOfMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return toDateString(y, m + 1, 0);
}

/** A calendar date for people: "Tuesday, June 3" / "martes, 3 de junio". */
export function formatDate(date: string, locale: string, options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' }): string {
  const { y, m, d } = parseDate(date);
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

export function formatMonth(month: string, locale: string): string {
  return formatDate(`${month}-01`, locale, { month: 'long', year: 'numeric' });
}

/** ISO weekday 1 (Monday) … 7 (Sunday) in the locale, e.g. "Monday" / "lunes". */
export function weekdayName(isoWeekday: number, locale: string, style: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2024, 0, isoWeekday));
}

/** "lunes" → "Lunes", for names shown on their own (table rows, headings). */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** First day of the week: Sunday (0) for English (US), Monday (1) otherwise. */
export function firstDayOfWeek(locale: string): 0 | 1 {
  return locale.toLowerCase().startsWith('en') ? 0 : 1;
}

// ─── Instants ─────────────────────────────────────────────────────────────────────────────

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD" of an instant as a wall calendar in `zone` shows it. */
export function dateInZone(instant: string | number | Date, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, f);
  }
  return f.format(new Date(instant));
}

/**
 * The visitor's clock, when they chose one (12- or 24-hour; the slot picker's setting, browser
 * only); otherwise the locale's.
 */
let hour12: boolean | undefined;
export function setHour12(value: boolean | undefined): void {
  hour12 = value;
}
const clock = () => (hour12 === undefined ? {} : { hour12 });

export function formatTime(instant: string, locale: string, zone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: zone, ...clock() }).format(new Date(instant));
}

/** "Tuesday, June 3, 3:00 PM" in `zone`. */
export function formatDateTime(instant: string, locale: string, zone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone, ...clock() }).format(
    new Date(instant),
  );
}

/** "Tuesday, June 3, 3:00 – 4:00 PM" (or across days) in `zone`. */
export function formatRange(start: string, end: string, locale: string, zone: string): string {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone, ...clock() });
  return f.formatRange(new Date(start), new Date(end));
}

/** The visitor's IANA zone, as the browser reports it. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

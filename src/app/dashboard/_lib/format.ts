/**
 * Dates and money for the dashboard: the visitor's locale for the words, the organization's
 * zone for the clock (a booking at 9:00 in San Antonio reads 9:00 wherever staff are), the
 * booking's currency for prices. Pure Intl, so server and client components format alike.
 */

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    // An unknown zone (never expected: the API validates it) still shows something true-ish.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  }
}

/** "Mar 10, 2026" */
export function formatDate(value: DateInput, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'medium' }).format(toDate(value));
}

/** "Tue, Mar 10, 2026" */
export function formatDayDate(value: DateInput, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(toDate(value));
}

/** "9:00 AM" */
export function formatTime(value: DateInput, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { timeStyle: 'short' }).format(toDate(value));
}

/** "Mar 10, 2026, 9:00 AM" */
export function formatDateTime(value: DateInput, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));
}

/** "9:00 – 11:00 AM", or across days "Mar 10, 3:00 PM – Mar 12, 11:00 AM". */
export function formatTimeRange(start: DateInput, end: DateInput, locale: string, timeZone: string): string {
  const a = toDate(start);
  const b = toDate(end);
  const sameDay = formatDate(a, locale, timeZone) === formatDate(b, locale, timeZone);
  const f = formatter(locale, timeZone, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' });
  return f.formatRange(a, b);
}

/** "Tuesday, March 10, 2026, 9:00 – 11:00 AM" */
export function formatLongRange(start: DateInput, end: DateInput, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'full', timeStyle: 'short' }).formatRange(toDate(start), toDate(end));
}

/** Minor units (cents) to "$120.00" / "120,00 €": the currency's own number of decimals. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  try {
    const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** "YYYY-MM-DD" and "HH:MM" of an instant as the wall clock in `timeZone` shows it. */
export function wallClock(value: DateInput, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(toDate(value))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export function displayName(locale: string, type: 'currency' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Values as the files show them: wall-clock times in the organization's zone, money in major units. */
import { DateTime } from 'luxon';

/** "2026-06-02 09:00" as the wall clock in `zone` reads the instant (a form spreadsheets read as a date). */
export function localDateTime(at: Date | null, zone: string): string {
  return at ? DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm') : '';
}

/** "2026-06-02" in `zone`. */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd');
}

const digitsCache = new Map<string, number>();

/** The currency's minor-unit digits (USD 2, JPY 0, KWD 3), from the platform's ICU data. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Integer minor units → "1234.50": a plain decimal with a dot and no grouping, exact for any
 * integer (no float division), so spreadsheets in any locale and scripts read it the same way.
 */
export function majorUnits(minor: number | bigint, currency: string): string {
  const digits = minorDigits(currency);
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const fraction = digits ? `.${abs.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** "1,234.50 USD" / "1.234,50 USD" for the report's readers. */
export function displayMoney(minor: number | bigint, currency: string, language: string): string {
  const digits = minorDigits(currency);
  const major = Number(majorUnits(minor, currency));
  const number = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
  return `${number} ${currency}`;
}

// Windows-1252 (WinAnsi) beyond Latin-1: the characters PDF's standard fonts can show.
const winAnsiExtra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the PDF's built-in fonts (Helvetica, WinAnsi encoding) can draw: every EN/ES letter and
 * sign stays; another letter loses its accents if that makes it drawable (ő → o), anything
 * else becomes "?". Control characters become spaces. Without this, pdfkit would write bytes
 * outside the font's encoding and the reader would show garbage.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff || winAnsiExtra.has(ch)) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
      out += base && [...base].every((c) => c.codePointAt(0)! <= 0xff) ? base : '?';
    }
  }
  return out;
}

/** The languages Bookline speaks, and how a visitor's is chosen. */
const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';
/** Set by the language switcher; wins over everything else. */
export const LOCALE_COOKIE = 'bookline-locale';
/** Request header the proxy sets to the page's path, for the root layout's hreflang alternates. */
export const PATH_HEADER = 'x-bookline-path';

export function isLocale(value: string | undefined | null): value is Locale {
  return !!value && (locales as readonly string[]).includes(value);
}

/** "es-PA" → "es"; unknown → null. */
export function toLocale(tag: string | undefined | null): Locale | null {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : null;
}

/** The first supported language of an Accept-Language header, by weight. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return null;
}

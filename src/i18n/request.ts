/**
 * next-intl request config (no locale in the URL): the switcher's cookie, else the
 * organization's locale when a page passes one (public org pages do, via `getMessagesFor`),
 * else the browser's Accept-Language, else English. Catalogues live in messages/<locale>.json.
 */
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { defaultLocale, fromAcceptLanguage, isLocale, LOCALE_COOKIE, type Locale } from './locales';

export async function visitorLocale(fallback?: Locale | null): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  if (fallback) return fallback;
  return fromAcceptLanguage((await headers()).get('accept-language')) ?? defaultLocale;
}

/** Catalogues are split by area so teams can edit them apart; each area owns its namespaces. */
export const messageAreas = ['', 'dashboard.', 'calendar.', 'catalog.', 'settings.', 'inbox.', 'webhooks.', 'exports.', 'notifications.', 'feeds.', 'account.', 'analytics.', 'live.', 'tiers.', 'rules.', 'portal.', 'waitlist.', 'series.', 'orders.', 'reviews.', 'shop-admin.', 'shop.', 'products-admin.', 'events.', 'party.', 'loyalty.', 'event-waitlist.'] as const;

export async function loadMessages(locale: Locale) {
  const parts = await Promise.all(
    messageAreas.map(async (area) => (await import(`../../messages/${area}${locale}.json`)).default as Record<string, unknown>),
  );
  return Object.assign({}, ...parts) as Record<string, unknown>;
}

export default getRequestConfig(async ({ locale: requested }) => {
  const locale = isLocale(requested) ? requested : await visitorLocale();
  return { locale, messages: await loadMessages(locale) };
});

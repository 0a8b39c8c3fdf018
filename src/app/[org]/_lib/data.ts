/**
 * Reads for the public organization site, once per request: the layout, generateMetadata and
 * the page all ask for the profile and the visitor's language.
 */
import 'server-only';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';
import { isLocale, type Locale, toLocale } from '@/i18n/locales';
import { loadMessages, visitorLocale } from '@/i18n/request';
import { isAppError } from '@/lib/errors';
import { getPublicHours, getPublicService, listPublicServices } from '@/modules/catalog';
import { getPublicProfile, type PublicProfile } from '@/modules/organizations';
import { listFeaturedReviews, listServiceReviews } from '@/modules/reviews';
import { cachedAnonymousCtx } from '../../_lib/request-cache';

async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

export const loadProfile = cache(async (slug: string): Promise<PublicProfile | null> => orNull(cachedAnonymousCtx().then((ctx) => getPublicProfile(ctx, slug))));

/** The menu, its texts in the visitor's language where the business translated them. */
export const loadServices = cache(async (slug: string) => {
  const [ctx, lang] = await Promise.all([cachedAnonymousCtx(), siteLocale(slug)]);
  return (await listPublicServices(ctx, slug, lang)).data;
});

export const loadService = cache(async (slug: string, idOrSlug: string) => {
  const [ctx, lang] = await Promise.all([cachedAnonymousCtx(), siteLocale(slug)]);
  return orNull(getPublicService(ctx, slug, idOrSlug, lang));
});

/** A service's approved reviews (first page: featured first, newest) with its average and count. */
export const loadServiceReviews = cache(async (slug: string, serviceId: string) => orNull(cachedAnonymousCtx().then((ctx) => listServiceReviews(ctx, slug, serviceId, { page: 1, pageSize: 10 }))));

/** The organization's featured reviews for its home page. */
export const loadFeaturedReviews = cache(async (slug: string) => (await orNull(cachedAnonymousCtx().then((ctx) => listFeaturedReviews(ctx, slug))))?.data ?? []);

export const loadHours = cache(async (slug: string) => cachedAnonymousCtx().then((ctx) => getPublicHours(ctx, slug)));

/** The switcher's cookie, else the organization's language, else the browser's. */
export const siteLocale = cache(async (slug: string): Promise<Locale> => {
  const profile = await loadProfile(slug);
  return visitorLocale(profile ? toLocale(profile.locale) : null);
});

export const siteMessages = cache(async (locale: string) => loadMessages(isLocale(locale) ? locale : 'en'));

/** Translations for a server component of the site, in the site's language (not the root one). */
export async function siteTranslations<N extends 'publicSite' | 'booking' | 'manage' | 'assets'>(slug: string, namespace: N) {
  const locale = await siteLocale(slug);
  return { locale, t: await getTranslations({ locale, namespace }) };
}

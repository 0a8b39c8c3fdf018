/**
 * Reads for the public events pages (server components), once per request, through the events
 * module's public use cases with an anonymous ctx — what GET /api/v1/public/orgs/:slug/events
 * answers. Texts in the site's language (the visitor's switcher cookie, else the organization's).
 */
import 'server-only';
import { cache } from 'react';
import { isAppError } from '@/lib/errors';
import { getEventWaitlistEntry } from '@/modules/event-waitlist';
import { getPublicEvent, listPublicEvents } from '@/modules/events';
import { cachedAnonymousCtx } from '../../_lib/request-cache';
import { siteLocale } from './data';

async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

const lang = async (slug: string) => ((await siteLocale(slug)) === 'es' ? 'es' : 'en');

export const EVENTS_PAGE_SIZE = 12;

/** True when the organization has an upcoming published event: its site then links "Events" and has a cart. */
export const hasPublishedEvents = cache(async (slug: string): Promise<boolean> => {
  const page = await orNull(cachedAnonymousCtx().then((ctx) => listPublicEvents(ctx, slug, { page: 1, pageSize: 1 })));
  return (page?.pagination.total ?? 0) > 0;
});

export const loadEventsPage = cache(async (slug: string, page: number) => {
  const [ctx, locale] = await Promise.all([cachedAnonymousCtx(), lang(slug)]);
  return listPublicEvents(ctx, slug, { page, pageSize: EVENTS_PAGE_SIZE, locale });
});

export const loadPublicEvent = cache(async (slug: string, eventSlug: string) => {
  if (!/^[a-z0-9-]{1,100}$/.test(eventSlug)) return null;
  const [ctx, locale] = await Promise.all([cachedAnonymousCtx(), lang(slug)]);
  return orNull(getPublicEvent(ctx, slug, eventSlug, { locale }));
});

/** The `?page=` number: a whole number from 1 to 1000, anything else is the first page. */
export function pageOf(value: string | string[] | undefined): number {
  const n = typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : 1;
  return n >= 1 && n <= 1000 ? n : 1;
}

/** A waitlist entry its secret link opens (null: no such link here). Not cached across requests: its status moves. */
export const loadWaitlistEntry = cache(async (slug: string, token: string) => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return orNull(cachedAnonymousCtx().then((ctx) => getEventWaitlistEntry(ctx, slug, token)));
});

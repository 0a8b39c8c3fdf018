/**
 * Reads for the party pages of the public site (server components): the booking an order pays
 * for, so a deposit order's page can say what it is for (it has no product lines).
 */
import 'server-only';
import { cache } from 'react';
import { isAppError } from '@/lib/errors';
import { getPublicOrderBooking } from '@/modules/orders';
import { cachedAnonymousCtx } from '../../_lib/request-cache';
import { siteLocale } from './data';

export const loadOrderBooking = cache(async (slug: string, token: string) => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  try {
    const [ctx, lang] = await Promise.all([cachedAnonymousCtx(), siteLocale(slug)]);
    return await getPublicOrderBooking(ctx, slug, token, lang);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
});

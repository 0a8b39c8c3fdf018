/**
 * Reads for the shop's storefront pages (server components), once per request, through the
 * products and orders modules with an anonymous ctx — the same use cases the public API runs.
 * Content comes in the site's language (the visitor's switcher cookie, else the shop's).
 */
import 'server-only';
import { cache } from 'react';
import { isAppError } from '@/lib/errors';
import { getPublicOrder } from '@/modules/orders';
import { getPublicProduct, listPublicCategories, listPublicProducts, productSchemas } from '@/modules/products';
import { listProductReviews } from '@/modules/reviews';
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

/** True when the organization has at least one active product: its site then shows the shop. */
export const sellsProducts = cache(async (slug: string): Promise<boolean> => {
  const page = await orNull(cachedAnonymousCtx().then((ctx) => listPublicProducts(ctx, slug, { page: 1, pageSize: 1 })));
  return (page?.pagination.total ?? 0) > 0;
});

/** The page's URL parameters (prices in major units, as people type them), each kept only when valid. */
export interface ShopFilters {
  q?: string;
  category?: string;
  tag?: string;
  min?: string;
  max?: string;
  inStock?: string;
  sort?: string;
  page?: string;
}

export function filtersOf(params: Record<string, string | string[] | undefined>): ShopFilters {
  const out: ShopFilters = {};
  for (const key of ['q', 'category', 'tag', 'min', 'max', 'inStock', 'sort', 'page'] as const) {
    const raw = params[key];
    const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (v) out[key] = v.slice(0, 100);
  }
  return out;
}

/** The filters → the API's query; anything invalid is dropped (a hand-edited URL never makes a 500). */
export function productQueryOf(f: ShopFilters, digits: number) {
  const shape = productSchemas.publicProductsQuery.shape;
  const clean: Record<string, unknown> = { pageSize: PAGE_SIZE };
  const keep = (key: keyof typeof shape, value: unknown) => {
    if (value !== undefined && shape[key].safeParse(value).success) clean[key] = value;
  };
  keep('q', f.q);
  keep('category', f.category);
  keep('tag', f.tag);
  keep('sort', f.sort);
  keep('page', f.page);
  keep('inStock', f.inStock === 'true' ? 'true' : undefined);
  const minor = (v?: string) => (v !== undefined && /^\d{1,9}([.,]\d{1,3})?$/.test(v) ? String(Math.round(Number(v.replace(',', '.')) * 10 ** digits)) : undefined);
  keep('minPrice', minor(f.min));
  keep('maxPrice', minor(f.max));
  const parsed = productSchemas.publicProductsQuery.safeParse(clean);
  return parsed.success ? parsed.data : productSchemas.publicProductsQuery.parse({ pageSize: PAGE_SIZE });
}

export const PAGE_SIZE = 12;

/** Tags to filter by: those of the first hundred products in the featured order. */
export const loadTagOptions = cache(async (slug: string) => {
  const ctx = await cachedAnonymousCtx();
  const page = await listPublicProducts(ctx, slug, { page: 1, pageSize: 100, sort: 'featured' });
  return [...new Set(page.data.flatMap((p) => p.tags))].sort();
});

export const loadProductPage = cache(async (slug: string, query: ReturnType<typeof productQueryOf>) => {
  const [ctx, l] = await Promise.all([cachedAnonymousCtx(), lang(slug)]);
  return listPublicProducts(ctx, slug, { ...query, lang: l });
});

export const loadFeatured = cache(async (slug: string) => {
  const [ctx, l] = await Promise.all([cachedAnonymousCtx(), lang(slug)]);
  return (await listPublicProducts(ctx, slug, { page: 1, pageSize: 8, sort: 'featured', lang: l })).data;
});

export const loadCategoryTree = cache(async (slug: string) => {
  const [ctx, l] = await Promise.all([cachedAnonymousCtx(), lang(slug)]);
  return (await listPublicCategories(ctx, slug, l)).data;
});

export const loadShopProduct = cache(async (slug: string, productSlug: string) => {
  const [ctx, l] = await Promise.all([cachedAnonymousCtx(), lang(slug)]);
  return orNull(getPublicProduct(ctx, slug, productSlug, l));
});

export const loadPublicOrder = cache(async (slug: string, token: string) => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return orNull(cachedAnonymousCtx().then((ctx) => getPublicOrder(ctx, slug, token)));
});

export const REVIEWS_PAGE_SIZE = 10;

/** A product's approved reviews (featured first, newest) with its average and count; `page` from the `?reviews=` link. */
export const loadProductReviews = cache(async (slug: string, productId: string, page: number) =>
  orNull(cachedAnonymousCtx().then((ctx) => listProductReviews(ctx, slug, productId, { page, pageSize: REVIEWS_PAGE_SIZE }))),
);

/** The `?reviews=` page number: a whole number from 1 to 1000, anything else is the first page. */
export function reviewsPageOf(value: string | string[] | undefined): number {
  const n = typeof value === 'string' && /^[0-9]{1,4}$/.test(value) ? Number(value) : 1;
  return n >= 1 && n <= 1000 ? n : 1;
}

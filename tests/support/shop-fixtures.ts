/**
 * The shop's catalog for the orders tests, inserted directly (the products API is built in
 * parallel): products with variants and the stock items they draw on; and helpers that go
 * through the public cart API the way a browser would (cookie in, cookie out).
 */
import { and, eq } from 'drizzle-orm';
import { typeid } from 'typeid-js';
import { productCategories, products, productVariants, stockItems } from '@/db/schema';
import { call, type TestOrg, uniq } from './factories';
import type { Harness } from './harness';

export interface VariantSpec {
  sku?: string;
  title?: string;
  priceMinor: number;
  /** Units on hand of a new stock item, or the sku of an earlier variant of this call whose stock item it shares. */
  onHand?: number;
  sharesStockWith?: string;
  unitsPerVariant?: number;
  active?: boolean;
}

export interface FixtureProduct {
  id: string;
  slug: string;
  variants: Record<string, { id: string; stockItemId: string; sku: string }>;
}

export async function addCategory(h: Harness, org: TestOrg, name = 'Care'): Promise<string> {
  const id = typeid('pcat').toString();
  await h.database.db.insert(productCategories).values({ id, organizationId: org.id, slug: uniq('cat-'), name });
  return id;
}

export async function addProduct(
  h: Harness,
  org: TestOrg,
  opts: { title?: string; status?: 'draft' | 'active' | 'archived'; categoryId?: string; variants: VariantSpec[] },
): Promise<FixtureProduct> {
  const db = h.database.db;
  const id = typeid('prod').toString();
  const slug = uniq('product-');
  const minPrice = Math.min(...opts.variants.map((v) => v.priceMinor));
  await db.insert(products).values({ id, organizationId: org.id, slug, title: opts.title ?? `Product ${slug}`, status: opts.status ?? 'active', currency: 'USD', categoryId: opts.categoryId ?? null, priceMinMinor: minPrice });
  const variants: FixtureProduct['variants'] = {};
  for (const [i, v] of opts.variants.entries()) {
    const sku = v.sku ?? uniq('SKU-').toUpperCase();
    let stockItemId: string;
    if (v.sharesStockWith) {
      stockItemId = variants[v.sharesStockWith]!.stockItemId;
    } else {
      stockItemId = typeid('stk').toString();
      await db.insert(stockItems).values({ id: stockItemId, organizationId: org.id, code: `${sku}-STOCK`, onHand: v.onHand ?? 100 });
    }
    const vid = typeid('var').toString();
    await db.insert(productVariants).values({
      id: vid,
      organizationId: org.id,
      productId: id,
      sku,
      title: v.title ?? sku,
      priceMinor: v.priceMinor,
      stockItemId,
      unitsPerVariant: v.unitsPerVariant ?? 1,
      position: i,
      active: v.active ?? true,
    });
    variants[sku] = { id: vid, stockItemId, sku };
  }
  return { id, slug, variants };
}

export async function stockOf(h: Harness, org: TestOrg, stockItemId: string) {
  const [row] = await h.database.db.select().from(stockItems).where(and(eq(stockItems.organizationId, org.id), eq(stockItems.id, stockItemId)));
  return row!;
}

export async function setVariantPrice(h: Harness, org: TestOrg, variantId: string, priceMinor: number) {
  await h.database.db.update(productVariants).set({ priceMinor }).where(and(eq(productVariants.organizationId, org.id), eq(productVariants.id, variantId)));
}

export async function setProductStatus(h: Harness, org: TestOrg, productId: string, status: 'draft' | 'active' | 'archived') {
  await h.database.db.update(products).set({ status }).where(and(eq(products.organizationId, org.id), eq(products.id, productId)));
}

/** The cart cookie a response set (or the one sent, when it set none). */
export function cartCookie(headers: Headers, previous?: string): string | undefined {
  const set = headers.getSetCookie().find((c) => c.startsWith('bl_cart_'));
  if (!set) return previous;
  const pair = set.split(';')[0]!;
  return pair.endsWith('=') ? undefined : pair;
}

const join = (...cookies: (string | undefined)[]) => cookies.filter(Boolean).join('; ') || undefined;

/** Adds a line as a guest (or signed in with `session`); answers the response and the cart cookie to send next. */
export async function addToCart(h: Harness, org: TestOrg, variantId: string, quantity: number, opts: { cart?: string; session?: string } = {}) {
  const res = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines`, { body: { variantId, quantity }, cookie: join(opts.cart, opts.session) });
  return { res, cart: cartCookie(res.headers, opts.cart) };
}

export async function getCart(h: Harness, org: TestOrg, opts: { cart?: string; session?: string; query?: string } = {}) {
  const res = await call(h, `/api/v1/public/orgs/${org.slug}/cart${opts.query ?? ''}`, { cookie: join(opts.cart, opts.session) });
  return { res, cart: cartCookie(res.headers, opts.cart) };
}

export const contact = (email = `${uniq('buyer')}@example.test`) => ({ email, name: 'Pat Buyer', phone: '+1 555 010 0000' });

export async function placeOrder(h: Harness, org: TestOrg, body: Record<string, unknown>, opts: { cart?: string; session?: string; key?: string } = {}) {
  return call(h, `/api/v1/public/orgs/${org.slug}/checkout`, {
    body: { contact: contact(), fulfilment: 'pickup', ...body },
    cookie: join(opts.cart, opts.session),
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
  });
}

/** Buys `quantity` of a variant as a fresh guest: cart, then checkout. */
export async function buy(h: Harness, org: TestOrg, variantId: string, quantity: number, body: Record<string, unknown> = {}, key?: string) {
  const { res, cart } = await addToCart(h, org, variantId, quantity);
  if (res.status !== 200) throw new Error(`add to cart: ${res.status} ${JSON.stringify(res.json)}`);
  return placeOrder(h, org, body, { cart, key });
}

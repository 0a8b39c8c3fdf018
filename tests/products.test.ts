/**
 * The shop's catalog (#15.1, #15.7): categories (a tree without loops), products (unique slugs,
 * statuses, translations, tags, https images), variants (unique SKUs, compare-at, shared stock
 * items), price_min_minor kept by variant writes, stock adjustments under the row lock with a
 * ledger and an audit row, the CHECK refusing to go below what is reserved, the low-stock list,
 * the public storefront (filters, sorts, availability, related, category tree, languages),
 * permissions, and another organization's rows answering 404.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL (where parallel adjustments race).
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, stockItems, stockMovements } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';

const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
let a: TestOrg;
let b: TestOrg;
let staff: TestUser & { memberId: string };
let admin: TestUser & { memberId: string };

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  a = await createOrg(h);
  b = await createOrg(h);
  staff = await addMember(h, a, 'staff');
  admin = await addMember(h, a, 'admin');
});
afterAll(() => h?.close());

const api = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
const pub = (org: TestOrg) => `/api/v1/public/orgs/${org.slug}`;

async function ok(res: Promise<{ status: number; json: any; text: string }>, status: number) {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${r.text}`);
  return r.json;
}

const post = (org: TestOrg, path: string, body: unknown, user: TestUser = org.owner) => call(h, `${api(org)}${path}`, { cookie: user.cookie, body });
const patch = (org: TestOrg, path: string, body: unknown, user: TestUser = org.owner) => call(h, `${api(org)}${path}`, { method: 'PATCH', cookie: user.cookie, body });
const get = (org: TestOrg, path: string, user: TestUser = org.owner) => call(h, `${api(org)}${path}`, { cookie: user.cookie });
const del = (org: TestOrg, path: string, user: TestUser = org.owner) => call(h, `${api(org)}${path}`, { method: 'DELETE', cookie: user.cookie });

let n = 0;
const slugOf = (p: string) => `${p}-${++n}`;

async function product(org: TestOrg, body: Record<string, unknown> = {}) {
  return ok(post(org, '/products', { slug: slugOf('p'), title: `Product ${n}`, status: 'active', ...body }), 201);
}
async function variant(org: TestOrg, productId: string, body: Record<string, unknown> = {}) {
  return ok(post(org, `/products/${productId}/variants`, { sku: `SKU-${slugOf('v')}`, title: 'Default', priceMinor: 1000, ...body }), 201);
}

describe('categories', () => {
  it('form a tree; a parent under the category is a loop (409); slugs unique; non-empty ones stay', async () => {
    const top = await ok(post(a, '/product-categories', { name: 'Car care', slug: slugOf('car'), translations: { es: { name: 'Cuidado del auto' } } }), 201);
    const mid = await ok(post(a, '/product-categories', { name: 'Washing', slug: slugOf('wash'), parentId: top.id }), 201);
    const leaf = await ok(post(a, '/product-categories', { name: 'Shampoos', slug: slugOf('sham'), parentId: mid.id }), 201);

    const loop = await patch(a, `/product-categories/${top.id}`, { parentId: leaf.id });
    expect(loop.status).toBe(409);
    expect(loop.json.error.details.field).toBe('parentId');
    expect((await patch(a, `/product-categories/${top.id}`, { parentId: top.id })).status).toBe(409);
    const dup = await post(a, '/product-categories', { name: 'Again', slug: top.slug });
    expect(dup.status).toBe(409);
    expect(dup.json.error.details.field).toBe('slug');
    // A parent of another organization does not exist here.
    const bCat = await ok(post(b, '/product-categories', { name: 'B', slug: slugOf('b') }), 201);
    expect((await post(a, '/product-categories', { name: 'X', slug: slugOf('x'), parentId: bCat.id })).status).toBe(404);
    expect((await patch(b, `/product-categories/${top.id}`, { name: 'stolen' })).status).toBe(404);

    const held = await del(a, `/product-categories/${mid.id}`);
    expect(held.status).toBe(409);
    expect(held.json.error.details.categoryCount).toBe(1);
    expect((await del(a, `/product-categories/${leaf.id}`)).status).toBe(204);
    expect((await ok(get(a, '/product-categories'), 200)).data.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([top.id, mid.id]));
  });
});

describe('products and variants', () => {
  it('validate input: https images, slugs, markup in titles, compare-at above price; never a 500', async () => {
    expect((await post(a, '/products', { slug: 'Bad Slug', title: 'x' })).status).toBe(400);
    expect((await post(a, '/products', { slug: slugOf('i'), title: 'x', images: ['http://example.com/a.jpg'] })).status).toBe(400);
    expect((await post(a, '/products', { slug: slugOf('m'), title: '<b>bold</b>' })).status).toBe(400);
    const p = await product(a);
    expect((await post(a, `/products/${p.id}/variants`, { sku: 'CMP-1', title: 'x', priceMinor: 1000, compareAtMinor: 900 })).status).toBe(400);
    expect((await post(a, `/products/${p.id}/variants`, { sku: 'NEG-1', title: 'x', priceMinor: -1 })).status).toBe(400);
    const v = await variant(a, p.id, { priceMinor: 1000 });
    expect((await patch(a, `/products/${p.id}/variants/${v.id}`, { compareAtMinor: 500 })).status).toBe(400);
  });

  it('slug and SKU unique per organization (409 naming the field), the same in another organization is fine', async () => {
    const p = await product(a, { slug: slugOf('unique') });
    const dup = await post(a, '/products', { slug: p.slug, title: 'Again' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.details.field).toBe('slug');
    await product(b, { slug: p.slug });
    const v = await variant(a, p.id, { sku: 'UNIQ-SKU-1' });
    const dupSku = await post(a, `/products/${p.id}/variants`, { sku: 'uniq-sku-1', title: 'x', priceMinor: 5 });
    expect(dupSku.status).toBe(409);
    expect(dupSku.json.error.details.field).toBe('sku');
    expect(v.sku).toBe('UNIQ-SKU-1');
  });

  it('keeps price_min_minor at the lowest active variant price through variant writes', async () => {
    const p = await product(a);
    expect(p.priceMinMinor).toBe(0);
    const v1 = await variant(a, p.id, { priceMinor: 1900 });
    const v2 = await variant(a, p.id, { priceMinor: 1200 });
    expect((await ok(get(a, `/products/${p.id}`), 200)).priceMinMinor).toBe(1200);
    await ok(patch(a, `/products/${p.id}/variants/${v2.id}`, { active: false }), 200);
    expect((await ok(get(a, `/products/${p.id}`), 200)).priceMinMinor).toBe(1900);
    await ok(patch(a, `/products/${p.id}/variants/${v1.id}`, { priceMinor: 1500 }), 200);
    expect((await ok(get(a, `/products/${p.id}`), 200)).priceMinMinor).toBe(1500);
    expect((await del(a, `/products/${p.id}/variants/${v1.id}`)).status).toBe(204);
    expect((await ok(get(a, `/products/${p.id}`), 200)).priceMinMinor).toBe(0);
  });

  it('two variants share one stock item (units_per_variant); another organization’s stock item is not found', async () => {
    const p = await product(a);
    const single = await variant(a, p.id, { sku: `TOWEL-${slugOf('s')}`, priceMinor: 400, stock: { onHand: 10 } });
    const pack = await variant(a, p.id, { sku: `TOWEL3-${slugOf('s')}`, priceMinor: 1000, stockItemId: single.stockItem.id, unitsPerVariant: 3 });
    expect(pack.stockItem.id).toBe(single.stockItem.id);
    expect(pack.unitsPerVariant).toBe(3);
    const bp = await product(b);
    expect((await post(b, `/products/${bp.id}/variants`, { sku: 'STEAL-1', title: 'x', priceMinor: 1, stockItemId: single.stockItem.id })).status).toBe(404);
  });

  it('lists with pagination, status filter and q; another organization’s product is 404', async () => {
    const draft = await product(a, { status: 'draft', title: 'Quartz spray sealant' });
    const list = await ok(get(a, '/products?status=draft&pageSize=100'), 200);
    expect(list.data.every((p: { status: string }) => p.status === 'draft')).toBe(true);
    expect(list.data.map((p: { id: string }) => p.id)).toContain(draft.id);
    expect(list.pagination).toMatchObject({ page: 1, pageSize: 100 });
    const found = await ok(get(a, '/products?q=quartz'), 200);
    expect(found.data[0].id).toBe(draft.id);
    expect((await get(b, `/products/${draft.id}`)).status).toBe(404);
    expect((await patch(b, `/products/${draft.id}`, { title: 'x' })).status).toBe(404);
    expect((await del(b, `/products/${draft.id}`)).status).toBe(404);
    // Staff reads; only owners and admins write.
    expect((await get(a, `/products/${draft.id}`, staff)).status).toBe(200);
    expect((await patch(a, `/products/${draft.id}`, { featured: true }, staff)).status).toBe(403);
    expect((await patch(a, `/products/${draft.id}`, { featured: true }, admin)).status).toBe(200);
  });

  it('writes exactly one audit row per mutation', async () => {
    const rows = async () => (await h.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.organizationId, a.id)))[0]!.n;
    let before = await rows();
    const p = await product(a);
    expect(await rows()).toBe(before + 1);
    before = await rows();
    await variant(a, p.id);
    expect(await rows()).toBe(before + 1);
    before = await rows();
    await ok(patch(a, `/products/${p.id}`, { featured: true }), 200);
    expect(await rows()).toBe(before + 1);
    before = await rows();
    expect((await del(a, `/products/${p.id}`)).status).toBe(204);
    expect(await rows()).toBe(before + 1);
  });

  it('keeps a product that was ordered (409: archive it instead), so its orders and reviews keep their product', async () => {
    const p = await product(a);
    const v = await variant(a, p.id, { stock: { onHand: 5 } });
    const added = await call(h, `${pub(a)}/cart/lines`, { body: { variantId: v.id, quantity: 1 } });
    expect(added.status, added.text).toBe(200);
    const cookie = added.headers.getSetCookie().find((c) => c.startsWith('bl_cart_'))!.split(';')[0]!;
    const placed = await call(h, `${pub(a)}/checkout`, { cookie, body: { contact: { email: 'kept@example.test', name: 'Kept Buyer' }, fulfilment: 'pickup' } });
    expect(placed.status, placed.text).toBe(201);
    const refused = await del(a, `/products/${p.id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ message: expect.stringContaining('archive it instead'), details: { reason: 'ordered' } });
    expect((await get(a, `/products/${p.id}`)).status).toBe(200);
    expect((await patch(a, `/products/${p.id}`, { status: 'archived' })).status).toBe(200);
  });
});

describe('stock adjustments', () => {
  it('add and take with a reason, write a ledger row and an audit row; below reserved is 409 with a clear message', async () => {
    const p = await product(a);
    const v = await variant(a, p.id, { stock: { onHand: 5 } });
    const stockId = v.stockItem.id;
    const added = await ok(post(a, `/stock-items/${stockId}/adjustments`, { delta: 7, reason: 'delivery received' }), 201);
    expect(added.stockItem).toMatchObject({ onHand: 12, reserved: 0, available: 12 });
    expect(added.movement).toMatchObject({ delta: 7, reason: 'delivery received', onHandAfter: 12 });
    // A checkout holds 10 (the orders module does this under the same lock).
    await h.database.db.update(stockItems).set({ reserved: 10 }).where(and(eq(stockItems.organizationId, a.id), eq(stockItems.id, stockId)));
    const refused = await post(a, `/stock-items/${stockId}/adjustments`, { delta: -3, reason: 'broken' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/2 of the 12 units on hand are free \(10 are reserved/);
    expect(refused.json.error.details).toMatchObject({ onHand: 12, reserved: 10, available: 2 });
    await ok(post(a, `/stock-items/${stockId}/adjustments`, { delta: -2, reason: 'broken' }), 201);
    const ledger = await ok(get(a, `/stock-items/${stockId}/movements`), 200);
    expect(ledger.data.map((m: { delta: number }) => m.delta)).toEqual([-2, 7]);
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, a.id), eq(auditLog.action, 'stock_item.adjusted'), eq(auditLog.entityId, stockId)));
    expect(audits).toHaveLength(2);
    expect((await post(a, `/stock-items/${stockId}/adjustments`, { delta: 0, reason: 'x' })).status).toBe(400);
    expect((await post(a, `/stock-items/${stockId}/adjustments`, { delta: 1, reason: 'x' }, staff)).status).toBe(403);
    expect((await post(b, `/stock-items/${stockId}/adjustments`, { delta: 1, reason: 'x' })).status).toBe(404);
    // The CHECK is the backstop even for code that skips the check.
    await expect(h.database.db.update(stockItems).set({ onHand: 9 }).where(eq(stockItems.id, stockId))).rejects.toThrow();
  });

  it('parallel adjustments are serialised by the row lock: the ledger and the count agree, none goes negative', async () => {
    const p = await product(a);
    const v = await variant(a, p.id, { stock: { onHand: 10 } });
    const stockId = v.stockItem.id;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(a, `/stock-items/${stockId}/adjustments`, { delta: -1, reason: `sold in shop ${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    const [item] = await h.database.db.select().from(stockItems).where(eq(stockItems.id, stockId));
    expect(item!.onHand).toBe(0);
    const [sum] = await h.database.db.select({ s: sql<number>`coalesce(sum(${stockMovements.delta}), 0)::int` }).from(stockMovements).where(eq(stockMovements.stockItemId, stockId));
    expect(sum!.s).toBe(-10);
  });

  it('low-stock list: available at or under the threshold, with the variants drawing on it', async () => {
    const p = await product(a, { title: 'Nearly gone' });
    const low = await variant(a, p.id, { sku: `LOW-${slugOf('l')}`, stock: { onHand: 2, lowStockThreshold: 3 } });
    const plenty = await variant(a, p.id, { sku: `PLENTY-${slugOf('l')}`, stock: { onHand: 50, lowStockThreshold: 3 } });
    const list = await ok(get(a, '/low-stock?pageSize=100'), 200);
    const ids = list.data.map((s: { id: string }) => s.id);
    expect(ids).toContain(low.stockItem.id);
    expect(ids).not.toContain(plenty.stockItem.id);
    const row = list.data.find((s: { id: string }) => s.id === low.stockItem.id);
    expect(row.variants[0]).toMatchObject({ sku: low.sku, productTitle: 'Nearly gone' });
  });
});

describe('public storefront', () => {
  let shop: TestOrg;
  let cats: Record<string, { id: string; slug: string }>;

  beforeAll(async () => {
    shop = await createOrg(h);
    const top = await ok(post(shop, '/product-categories', { name: 'Car care', slug: 'car-care', translations: { es: { name: 'Cuidado del auto' } } }), 201);
    const wash = await ok(post(shop, '/product-categories', { name: 'Washing', slug: 'washing', parentId: top.id, translations: { es: { name: 'Lavado' } } }), 201);
    const home = await ok(post(shop, '/product-categories', { name: 'Home', slug: 'home' }), 201);
    cats = { top, wash, home };
    const mk = async (slug: string, body: Record<string, unknown>, variants: Record<string, unknown>[]) => {
      const p = await ok(post(shop, '/products', { slug, status: 'active', ...body }), 201);
      for (const v of variants) await variant(shop, p.id, v);
      return p;
    };
    await mk('shampoo', { title: 'Car shampoo', categoryId: wash.id, tags: ['wash', 'foam'], featured: true, translations: { es: { title: 'Champú para auto' } } }, [
        { sku: 'PUB-SH-500', priceMinor: 1200, compareAtMinor: 1500, stock: { onHand: 40 } },
        { sku: 'PUB-SH-1L', priceMinor: 1900, stock: { onHand: 2, lowStockThreshold: 5 } },
      ]);
    await mk('mitt', { title: 'Wash mitt', categoryId: wash.id, tags: ['wash'] }, [{ sku: 'PUB-MITT', priceMinor: 800, stock: { onHand: 0 } }]);
    await mk('wax', { title: 'Paste wax', categoryId: top.id, tags: ['protect'] }, [{ sku: 'PUB-WAX', priceMinor: 3000, stock: { onHand: 9 } }]);
    await mk('candle', { title: 'Candle', categoryId: home.id, tags: ['foam'] }, [{ sku: 'PUB-CANDLE', priceMinor: 500, stock: { onHand: 3 } }]);
    await mk('hidden', { title: 'Secret draft', status: 'draft', categoryId: wash.id }, [{ sku: 'PUB-DRAFT', priceMinor: 100, stock: { onHand: 1 } }]);
  });

  const list = async (query = '') => ok(call(h, `${pub(shop)}/products${query}`), 200);
  const slugs = (page: { data: { slug: string }[] }) => page.data.map((p) => p.slug);

  it('shows active products only, filters by category with descendants, tag, price and stock', async () => {
    expect(slugs(await list()).sort()).toEqual(['candle', 'mitt', 'shampoo', 'wax']);
    expect(slugs(await list('?category=car-care')).sort()).toEqual(['mitt', 'shampoo', 'wax']);
    expect(slugs(await list('?category=washing')).sort()).toEqual(['mitt', 'shampoo']);
    expect(slugs(await list('?category=nope'))).toEqual([]);
    expect(slugs(await list('?tag=foam')).sort()).toEqual(['candle', 'shampoo']);
    expect(slugs(await list('?minPrice=800&maxPrice=1200')).sort()).toEqual(['mitt', 'shampoo']);
    expect(slugs(await list('?inStock=true')).sort()).toEqual(['candle', 'shampoo', 'wax']);
    expect(slugs(await list('?inStock=false'))).toEqual(['mitt']);
  });

  it('sorts by featured, price and newest, and paginates', async () => {
    expect(slugs(await list('?sort=featured'))[0]).toBe('shampoo');
    expect(slugs(await list('?sort=price_asc'))).toEqual(['candle', 'mitt', 'shampoo', 'wax']);
    expect(slugs(await list('?sort=price_desc'))).toEqual(['wax', 'shampoo', 'mitt', 'candle']);
    const page = await list('?sort=price_asc&pageSize=3&page=2');
    expect(slugs(page)).toEqual(['wax']);
    expect(page.pagination).toMatchObject({ total: 4, totalPages: 2, hasMore: false });
    expect(page.data[0]).toMatchObject({ priceMinMinor: 3000, inStock: true, currency: 'USD' });
    expect((await call(h, `${pub(shop)}/products?sort=cheapest`)).status).toBe(400);
    expect((await call(h, `${pub(shop)}/products?minPrice=-1`)).status).toBe(400);
  });

  it('product page: variants with availability (a number only when low), category path, related, language', async () => {
    const page = await ok(call(h, `${pub(shop)}/products/shampoo`), 200);
    expect(page.categoryPath.map((c: { slug: string }) => c.slug)).toEqual(['car-care', 'washing']);
    expect(page.variants).toEqual([
      expect.objectContaining({ sku: 'PUB-SH-500', availability: 'in_stock', availableQuantity: null, compareAtMinor: 1500 }),
      expect.objectContaining({ sku: 'PUB-SH-1L', availability: 'low', availableQuantity: 2 }),
    ]);
    const related = page.related.map((r: { slug: string }) => r.slug);
    // Same category (mitt) first, then a shared tag (candle: foam); wax shares neither.
    expect(related).toEqual(['mitt', 'candle']);
    expect(related).not.toContain('shampoo');
    expect(related).not.toContain('hidden');
    const es = await ok(call(h, `${pub(shop)}/products/shampoo?lang=es`), 200);
    expect(es.title).toBe('Champú para auto');
    expect(es.categoryPath.map((c: { name: string }) => c.name)).toEqual(['Cuidado del auto', 'Lavado']);
    const byHeader = await ok(call(h, `${pub(shop)}/products/shampoo`, { headers: { 'accept-language': 'es-PA,es;q=0.9' } }), 200);
    expect(byHeader.title).toBe('Champú para auto');
    // No Spanish title: the shop's own text.
    expect((await ok(call(h, `${pub(shop)}/products/wax?lang=es`), 200)).title).toBe('Paste wax');
    const out = await ok(call(h, `${pub(shop)}/products/mitt`), 200);
    expect(out.variants[0]).toMatchObject({ availability: 'out', availableQuantity: null });
    expect((await call(h, `${pub(shop)}/products/hidden`)).status).toBe(404);
    expect((await call(h, `${pub(shop)}/products/${'x'.repeat(150)}`)).status).toBe(404);
    // Another shop's product is not this shop's.
    expect((await call(h, `${pub(a)}/products/shampoo`)).status).toBe(404);
    expect(JSON.stringify(page)).not.toMatch(/onHand|reserved|PUB-DRAFT/);
  });

  it('a product without a category: related by shared tags only', async () => {
    await ok(post(shop, '/products', { slug: 'loose', title: 'Loose foam', status: 'active', tags: ['foam'] }), 201);
    const page = await ok(call(h, `${pub(shop)}/products/loose`), 200);
    expect(page.categoryPath).toEqual([]);
    expect(page.related.map((r: { slug: string }) => r.slug).sort()).toEqual(['candle', 'shampoo']);
    const bare = await ok(post(shop, '/products', { slug: 'bare', title: 'Bare', status: 'active' }), 201);
    expect((await ok(call(h, `${pub(shop)}/products/bare`), 200)).related).toEqual([]);
    expect(bare.categoryId).toBeNull();
  });

  it('category tree, localized', async () => {
    const tree = await ok(call(h, `${pub(shop)}/product-categories?lang=es`), 200);
    const at = tree.data.findIndex((c: { slug: string }) => c.slug === 'car-care');
    expect(tree.data[at]).toMatchObject({ name: 'Cuidado del auto', depth: 0, parentId: null });
    expect(tree.data[at + 1]).toMatchObject({ name: 'Lavado', depth: 1, parentId: cats.top!.id });
    expect(tree.data.map((c: { slug: string }) => c.slug)).toContain('home');
  });
});

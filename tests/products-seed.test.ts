/**
 * Bookline Shop's demo catalog (#15.9): ~40 products in a two-level tree with Spanish texts,
 * variants and stock, the slugs and SKUs other modules' demo data relies on, a nearly sold-out
 * featured item, every entry valid under the API's input schemas, and seeding twice adds nothing.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, products, productVariants, stockItems } from '@/db/schema';
import { productSchemas } from '@/modules/products';
import { demoProductCategories, demoProducts, seedDemo } from '@/seed';
import { call } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
let orgId: string;
beforeAll(async () => {
  h = await createHarness();
  await seedDemo(h.database.db);
  const [org] = await h.database.db.select().from(organizations).where(eq(organizations.slug, 'bookline-shop'));
  orgId = org!.id;
}, 120_000);
afterAll(() => h?.close());

const pub = '/api/v1/public/orgs/bookline-shop';

async function variantsBySku() {
  const rows = await h.database.db
    .select({ sku: productVariants.sku, priceMinor: productVariants.priceMinor, units: productVariants.unitsPerVariant, stockItemId: productVariants.stockItemId, slug: products.slug, onHand: stockItems.onHand })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(stockItems, eq(stockItems.id, productVariants.stockItemId))
    .where(eq(productVariants.organizationId, orgId));
  return new Map(rows.map((r) => [r.sku, r]));
}

describe('the demo shop catalog', () => {
  it('every entry passes the products module’s input schemas', () => {
    for (const c of demoProductCategories) {
      expect(productSchemas.createCategoryInput.safeParse({ name: c.name, slug: c.slug, translations: { es: { name: c.es } } }).error?.issues ?? [], c.slug).toEqual([]);
    }
    for (const p of demoProducts) {
      const product = { slug: p.slug, title: p.title, description: p.description, tags: p.tags, featured: p.featured, translations: { es: { title: p.es, description: p.esDescription } } };
      expect(productSchemas.createProductInput.safeParse(product).error?.issues ?? [], p.slug).toEqual([]);
      for (const v of p.variants) {
        const variant = { sku: v.sku, title: v.title, options: v.options, priceMinor: v.priceMinor, compareAtMinor: v.compareAtMinor, unitsPerVariant: v.units, translations: v.es ? { es: { title: v.es } } : undefined };
        expect(productSchemas.createVariantInput.safeParse(variant).error?.issues ?? [], v.sku).toEqual([]);
      }
    }
    expect(demoProducts.length).toBeGreaterThanOrEqual(38);
    expect(new Set(demoProducts.map((p) => p.category)).size).toBeGreaterThanOrEqual(6);
    expect(demoProductCategories.filter((c) => c.parent).length).toBeGreaterThanOrEqual(4);
  });

  it('holds the slugs and SKUs other modules rely on', async () => {
    const v = await variantsBySku();
    expect(v.get('SHAMPOO-500')).toMatchObject({ slug: 'ph-neutral-car-shampoo', priceMinor: 1200 });
    expect(v.get('SHAMPOO-1L')).toMatchObject({ slug: 'ph-neutral-car-shampoo', priceMinor: 1900 });
    expect(v.get('SHAMPOO-500')!.stockItemId).not.toBe(v.get('SHAMPOO-1L')!.stockItemId);
    expect(v.get('TOWEL-1')).toMatchObject({ slug: 'microfiber-towel', priceMinor: 400, units: 1 });
    expect(v.get('TOWEL-3')).toMatchObject({ slug: 'microfiber-towel', priceMinor: 1000, units: 3 });
    expect(v.get('TOWEL-3')!.stockItemId).toBe(v.get('TOWEL-1')!.stockItemId);
    expect(v.get('CERAMIC-KIT')).toMatchObject({ slug: 'ceramic-coating-kit', priceMinor: 8900 });
    expect(v.get('BAG-LTD')).toMatchObject({ slug: 'limited-edition-detailing-bag', priceMinor: 4500, onHand: 2 });
    const featured = await h.database.db.select({ slug: products.slug }).from(products).where(and(eq(products.organizationId, orgId), eq(products.featured, true)));
    expect(featured.map((f) => f.slug)).toEqual(expect.arrayContaining(['ceramic-coating-kit', 'limited-edition-detailing-bag']));
  });

  it('answers on the storefront in English and Spanish, with the nearly sold-out bag low (2 on hand, 1 held by a demo order)', async () => {
    const list = await call(h, `${pub}/products?pageSize=100`);
    expect(list.status).toBe(200);
    expect(list.json.pagination.total).toBe(demoProducts.length);
    const bag = await call(h, `${pub}/products/limited-edition-detailing-bag`);
    // Two on hand, one held by the demo order awaiting payment at pickup (src/seed/demo-orders.ts).
    expect(bag.json.variants[0]).toMatchObject({ sku: 'BAG-LTD', availability: 'low', availableQuantity: 1 });
    expect(bag.json.categoryPath.map((c: { slug: string }) => c.slug)).toEqual(['car-care', 'tools']);
    const es = await call(h, `${pub}/products/ph-neutral-car-shampoo?lang=es`);
    expect(es.json.title).toBe('Champú para auto de pH neutro');
    expect(es.json.related.length).toBeGreaterThan(0);
    const search = await call(h, `${pub}/products?q=champu`);
    expect(search.json.data.map((p: { slug: string }) => p.slug)).toContain('ph-neutral-car-shampoo');
    const carCare = await call(h, `${pub}/products?category=car-care&pageSize=100`);
    expect(carCare.json.pagination.total).toBe(demoProducts.filter((p) => ['washing', 'protection', 'interior', 'tools'].includes(p.category)).length);
  });

  it('seeding again adds nothing', async () => {
    const before = (await h.database.db.select({ n: count() }).from(products).where(eq(products.organizationId, orgId)))[0]!.n;
    await seedDemo(h.database.db);
    const after = (await h.database.db.select({ n: count() }).from(products).where(eq(products.organizationId, orgId)))[0]!.n;
    expect(after).toBe(before);
    expect(before).toBe(demoProducts.length);
  });
});

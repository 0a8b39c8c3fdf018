/**
 * Bookline Shop's demo orders: the seed makes the shop's settings and promo codes, and, once the
 * catalog's variants exist (the products seed; inserted here by the fixture), five orders
 * through the use cases in five statuses, with stock held or taken accordingly.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, organizations, promoCodes } from '@/db/schema';
import { placeDemoOrders, seedDemo } from '@/seed';
import { shopSettingsOf } from '@/modules/orders';
import { createHarness, type Harness } from './support/harness';
import { addProduct, stockOf } from './support/shop-fixtures';
import type { TestOrg } from './support/factories';

const NOW = new Date('2026-06-01T15:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await seedDemo(h.database.db, NOW);
}, 240_000);
afterAll(() => h.close());

describe('demo orders', () => {
  it('sets the shop up, and with the catalog places five orders in five statuses', { timeout: 60_000 }, async () => {
    const db = h.database.db;
    const [shop] = await db.select().from(organizations).where(eq(organizations.slug, 'bookline-shop'));
    expect(shopSettingsOf(shop!.settings)).toMatchObject({ taxRatePpm: 86250, shippingFeeMinor: 695, freeShippingOverMinor: 7500, pickupEnabled: true, shippingEnabled: true });
    const codes = await db.select().from(promoCodes).where(eq(promoCodes.organizationId, shop!.id));
    expect(codes.map((c) => c.code).sort()).toEqual(['SPRING5', 'WELCOME10']);
    const org = { id: shop!.id, slug: shop!.slug } as TestOrg;
    // The products seed's variants (its slugs and skus), here from the fixture.
    await addProduct(h, org, { variants: [{ sku: 'SHAMPOO-500', priceMinor: 1200, onHand: 40 }, { sku: 'SHAMPOO-1L', priceMinor: 1900, onHand: 25 }] });
    const towel = await addProduct(h, org, { variants: [{ sku: 'TOWEL-1', priceMinor: 400, onHand: 60 }, { sku: 'TOWEL-3', priceMinor: 1000, sharesStockWith: 'TOWEL-1', unitsPerVariant: 3 }] });
    await addProduct(h, org, { variants: [{ sku: 'CERAMIC-KIT', priceMinor: 8900, onHand: 12 }] });
    const bag = await addProduct(h, org, { variants: [{ sku: 'BAG-LTD', priceMinor: 4500, onHand: 2 }] });
    expect(await placeDemoOrders(db, 'bookline-shop', NOW)).toBe(5);
    const placed = await db.select().from(orders).where(eq(orders.organizationId, shop!.id));
    expect(placed.map((o) => o.status).sort()).toEqual(['cancelled', 'delivered', 'fulfilled', 'paid', 'pending_payment']);
    expect(placed.find((o) => o.promoCode === 'WELCOME10')?.discountMinor).toBe(890);
    // Towels: 6 taken by the delivered order, 3 held by the paid one, 2 given back by the cancel.
    expect(await stockOf(h, org, towel.variants['TOWEL-1']!.stockItemId)).toMatchObject({ onHand: 54, reserved: 3 });
    // The nearly-sold-out bag: one held by the order awaiting payment at pickup.
    expect(await stockOf(h, org, bag.variants['BAG-LTD']!.stockItemId)).toMatchObject({ onHand: 2, reserved: 1 });
    const [welcome] = await db.select().from(promoCodes).where(and(eq(promoCodes.organizationId, shop!.id), eq(promoCodes.code, 'WELCOME10')));
    expect(welcome!.timesUsed).toBe(1);
  });
});

/**
 * Bookline Shop's demo orders: the seed makes the shop's settings and promo codes, and, on the
 * products seed's catalog, five orders through the use cases in five statuses, with stock held or
 * taken accordingly, and the buyers' product reviews.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, organizations, products, productVariants, promoCodes, reviews, stockItems } from '@/db/schema';
import { seedDemo } from '@/seed';
import { shopSettingsOf } from '@/modules/orders';
import { waitForDemo } from './support/demo';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Today's clock, never a fixed date: on a shared PostgreSQL database whichever file seeds first
  // dates every demo organization's history, and the other files read it as today's.
  await seedDemo(h.database.db);
  await waitForDemo(h.database.db, ['bookline-shop']);
}, 240_000);
afterAll(() => h.close());

describe('demo orders', () => {
  it('sets the shop up, and with the catalog places five orders in five statuses', { timeout: 60_000 }, async () => {
    const db = h.database.db;
    const [shop] = await db.select().from(organizations).where(eq(organizations.slug, 'bookline-shop'));
    expect(shopSettingsOf(shop!.settings)).toMatchObject({ taxRatePpm: 86250, shippingFeeMinor: 695, freeShippingOverMinor: 7500, pickupEnabled: true, shippingEnabled: true });
    const codes = await db.select().from(promoCodes).where(eq(promoCodes.organizationId, shop!.id));
    expect(codes.map((c) => c.code).sort()).toEqual(['SPRING5', 'WELCOME10']);
    // The seed placed the orders on the products seed's catalog (its slugs and skus).
    const stock = async (sku: string) => {
      const [row] = await db
        .select({ onHand: stockItems.onHand, reserved: stockItems.reserved })
        .from(productVariants)
        .innerJoin(stockItems, and(eq(stockItems.organizationId, productVariants.organizationId), eq(stockItems.id, productVariants.stockItemId)))
        .where(and(eq(productVariants.organizationId, shop!.id), eq(productVariants.sku, sku)));
      return row;
    };
    const placed = await db.select().from(orders).where(eq(orders.organizationId, shop!.id));
    expect(placed.map((o) => o.status).sort()).toEqual(['cancelled', 'delivered', 'fulfilled', 'paid', 'pending_payment']);
    expect(placed.find((o) => o.promoCode === 'WELCOME10')?.discountMinor).toBe(890);
    expect(placed).toHaveLength(5);
    // Towels (90 seeded): 6 taken by the delivered order, 3 held by the paid one, 2 given back by the cancel.
    expect(await stock('TOWEL-1')).toEqual({ onHand: 84, reserved: 3 });
    // The nearly-sold-out bag: one held by the order awaiting payment at pickup.
    expect(await stock('BAG-LTD')).toEqual({ onHand: 2, reserved: 1 });
    // The buyers' product reviews: two approved (one featured), one waiting; counters on the products.
    const shopReviews = await db.select().from(reviews).where(eq(reviews.organizationId, shop!.id));
    expect(shopReviews.map((r) => `${r.status}${r.featured ? '+featured' : ''}`).sort()).toEqual(['approved', 'approved+featured', 'pending']);
    const [kit] = await db.select({ c: products.ratingCount, s: products.ratingSum }).from(products).where(and(eq(products.organizationId, shop!.id), eq(products.slug, 'ceramic-coating-kit')));
    expect(kit).toEqual({ c: 1, s: 5 });
    const [welcome] = await db.select().from(promoCodes).where(and(eq(promoCodes.organizationId, shop!.id), eq(promoCodes.code, 'WELCOME10')));
    expect(welcome!.timesUsed).toBe(1);
  });
});

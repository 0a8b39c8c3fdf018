/**
 * Races on stock and promo codes. On PostgreSQL (TEST_DATABASE_URL, a 20-connection pool) the
 * requests really run at once; on PGlite (one connection) they are serialised, and the same
 * assertions still hold. What must never happen, whatever the interleaving:
 *  - more units held or sold than there were (200 checkouts for the last 5 units → 5 orders);
 *  - lines sharing a stock item judged apart (a towel and a towel three-pack: md#16502);
 *  - stock returned twice by concurrent cancels;
 *  - a promo code used more than its limit (100 checkouts for a 10-use code), or a customer past theirs;
 *  - a hold released AND paid (the expiry sweep racing the payment's completion).
 * Losers answer 409 with the reason, never 5xx.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, payments, promoCodes, stockItems, stockReservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { noRequest } from '@/modules/kernel';
import { applyPaymentOutcome, expireCheckoutHolds } from '@/modules/orders';
import { call, createOrg, type TestOrg } from './support/factories';
import { usingPostgres } from './support/database';
import { createHarness, type Harness } from './support/harness';
import { addProduct, addToCart, contact, placeOrder, stockOf } from './support/shop-fixtures';

const NOW = '2026-06-01T15:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

/** `n` guest carts, each with the given lines, made through the cart API. */
async function carts(org: TestOrg, n: number, lines: { variantId: string; quantity: number }[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, async () => {
        let cart: string | undefined;
        for (const l of lines) {
          const added = await addToCart(h, org, l.variantId, l.quantity, { cart });
          if (added.res.status !== 200) throw new Error(`add: ${added.res.status} ${JSON.stringify(added.res.json)}`);
          cart = added.cart;
        }
        return cart!;
      }),
    );
    out.push(...batch);
  }
  return out;
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

/** Every stock item of the organization: reserved equals what its reservation rows hold, and never more than on hand. */
async function stockConsistent(org: TestOrg) {
  const rows = await h.database.db
    .select({ id: stockItems.id, onHand: stockItems.onHand, reserved: stockItems.reserved, held: sql<number>`coalesce((select sum(units) from stock_reservations r where r.organization_id = stock_items.organization_id and r.stock_item_id = stock_items.id), 0)::int` })
    .from(stockItems)
    .where(eq(stockItems.organizationId, org.id));
  for (const r of rows) {
    expect(r.onHand - r.reserved).toBeGreaterThanOrEqual(0);
    expect(r.reserved).toBe(r.held);
  }
}

describe(`checkout races (${usingPostgres ? 'PostgreSQL: really parallel' : 'PGlite: serialised'})`, () => {
  it('200 parallel checkouts for the last 5 units: exactly 5 orders, the rest 409 with the reason, no 5xx', { timeout: 300_000 }, async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'LAST', priceMinor: 4500, onHand: 200 }] });
    const cookies = await carts(org, 200, [{ variantId: p.variants.LAST!.id, quantity: 1 }]);
    // Only five left now (the carts were filled while there were more).
    await h.database.db.update(stockItems).set({ onHand: 5 }).where(eq(stockItems.id, p.variants.LAST!.stockItemId));
    const answers = await Promise.all(cookies.map((cart) => placeOrder(h, org, {}, { cart })));
    const counts = tally(answers.map((a) => a.status));
    console.info('200 checkouts for 5 units:', counts);
    expect(counts).toEqual({ 201: 5, 409: 195 });
    for (const a of answers.filter((x) => x.status === 409)) expect(['out_of_stock', 'insufficient_stock']).toContain(a.json.error.details.reason);
    expect(await stockOf(h, org, p.variants.LAST!.stockItemId)).toMatchObject({ onHand: 5, reserved: 5 });
    const placed = await h.database.db.select().from(orders).where(eq(orders.organizationId, org.id));
    expect(placed).toHaveLength(5);
    await stockConsistent(org);
  });

  it('two lines sharing one stock item (a towel and a three-pack) are summed: 20 carts of 4 towels for 10 → 2 orders', { timeout: 120_000 }, async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, {
      variants: [
        { sku: 'TOWEL-1', priceMinor: 400, onHand: 100 },
        { sku: 'TOWEL-3', priceMinor: 1000, sharesStockWith: 'TOWEL-1', unitsPerVariant: 3 },
      ],
    });
    const cookies = await carts(org, 20, [
      { variantId: p.variants['TOWEL-1']!.id, quantity: 1 },
      { variantId: p.variants['TOWEL-3']!.id, quantity: 1 },
    ]);
    await h.database.db.update(stockItems).set({ onHand: 10 }).where(eq(stockItems.id, p.variants['TOWEL-1']!.stockItemId));
    const answers = await Promise.all(cookies.map((cart) => placeOrder(h, org, {}, { cart })));
    const counts = tally(answers.map((a) => a.status));
    console.info('20 checkouts of 1 + 3-pack for 10 towels:', counts);
    expect(counts).toEqual({ 201: 2, 409: 18 });
    expect(await stockOf(h, org, p.variants['TOWEL-1']!.stockItemId)).toMatchObject({ onHand: 10, reserved: 8 });
    await stockConsistent(org);
  });

  it('20 concurrent cancels of one order return its stock exactly once', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'C', priceMinor: 1000, onHand: 7 }] });
    const [cart] = await carts(org, 1, [{ variantId: p.variants.C!.id, quantity: 3 }]);
    const placed = await placeOrder(h, org, {}, { cart });
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(h, `/api/v1/orgs/${org.slug}/orders/${placed.json.orderId}/cancel`, { cookie: org.owner.cookie, body: {} })));
    const counts = tally(answers.map((a) => a.status));
    console.info('20 cancels:', counts);
    expect(counts).toEqual({ 200: 1, 409: 19 });
    expect(await stockOf(h, org, p.variants.C!.stockItemId)).toMatchObject({ onHand: 7, reserved: 0 });
    await stockConsistent(org);
  });

  it('100 parallel checkouts with a 10-use code: exactly 10 orders carry it; the rest 409 usage_limit_reached', { timeout: 300_000 }, async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'P', priceMinor: 5000, onHand: 1000 }] });
    const code = await call(h, `/api/v1/orgs/${org.slug}/promo-codes`, { cookie: org.owner.cookie, body: { code: 'TENUSES', kind: 'fixed', value: 500, usageLimit: 10 } });
    expect(code.status).toBe(201);
    const cookies = await carts(org, 100, [{ variantId: p.variants.P!.id, quantity: 1 }]);
    const answers = await Promise.all(cookies.map((cart) => placeOrder(h, org, { promoCode: 'tenuses' }, { cart })));
    const counts = tally(answers.map((a) => a.status));
    console.info('100 checkouts with a 10-use code:', counts);
    expect(counts).toEqual({ 201: 10, 409: 90 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.error.details.reason).toBe('usage_limit_reached');
    const used = await h.database.db.select().from(orders).where(and(eq(orders.organizationId, org.id), eq(orders.promoCode, 'TENUSES')));
    expect(used).toHaveLength(10);
    const [row] = await h.database.db.select().from(promoCodes).where(eq(promoCodes.id, code.json.id));
    expect(row!.timesUsed).toBe(10);
    await stockConsistent(org);
  });

  it('a per-customer limit of 1 holds under 20 parallel checkouts by one email (any case)', { timeout: 120_000 }, async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'Q', priceMinor: 5000, onHand: 1000 }] });
    await call(h, `/api/v1/orgs/${org.slug}/promo-codes`, { cookie: org.owner.cookie, body: { code: 'ONCEEACH', kind: 'percentage', value: 1000, perCustomerLimit: 1 } });
    const cookies = await carts(org, 20, [{ variantId: p.variants.Q!.id, quantity: 1 }]);
    const answers = await Promise.all(cookies.map((cart, i) => placeOrder(h, org, { promoCode: 'ONCEEACH', contact: contact(i % 2 ? 'Same.Buyer@Example.test' : 'same.buyer@example.test') }, { cart })));
    const counts = tally(answers.map((a) => a.status));
    console.info('20 checkouts by one customer, limit 1:', counts);
    expect(counts).toEqual({ 201: 1, 409: 19 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.error.details.reason).toBe('customer_limit_reached');
  });

  it('the hold-expiry sweep racing a payment completion: each order ends paid or released, never both (20 rounds)', { timeout: 120_000 }, async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'R', priceMinor: 1000, onHand: 100 }] });
    const cookies = await carts(org, 20, [{ variantId: p.variants.R!.id, quantity: 2 }]);
    const outcomes: string[] = [];
    const expired = new Date(Date.parse(NOW) - 60_000);
    for (const cart of cookies) {
      const placed = await placeOrder(h, org, {}, { cart });
      const orderId = placed.json.orderId as string;
      // An online checkout whose hold has just run out, while the provider's capture comes in.
      await h.database.db.update(orders).set({ paymentProvider: 'test', holdExpiresAt: expired }).where(eq(orders.id, orderId));
      await h.database.db.update(stockReservations).set({ expiresAt: expired }).where(eq(stockReservations.orderId, orderId));
      const tenant = { id: org.id, slug: org.slug, name: org.name, timezone: 'America/Chicago', currency: 'USD', locale: 'en' };
      const ctx = { db: h.database.db, tenant, actor: { type: 'system' as const, name: 'test' }, now: new Date(NOW), request: noRequest };
      await Promise.all([expireCheckoutHolds(h.database.db, new Date(NOW), { organizationId: org.id }), applyPaymentOutcome(ctx, org.id, orderId, 'captured', `test_${orderId}`)]);
      const [o] = await h.database.db.select().from(orders).where(eq(orders.id, orderId));
      const [pay] = await h.database.db.select().from(payments).where(eq(payments.orderId, orderId));
      const held = await h.database.db.select().from(stockReservations).where(eq(stockReservations.orderId, orderId));
      if (o!.status === 'paid') {
        expect(pay!.status).toBe('captured');
        expect(held.reduce((s, r) => s + r.units, 0)).toBe(2);
      } else {
        expect(o!.status).toBe('cancelled');
        expect(pay!.status).toBe('voided');
        expect(held).toHaveLength(0);
      }
      outcomes.push(o!.status);
    }
    console.info('sweep vs payment:', tally(outcomes.map((s) => (s === 'paid' ? 1 : 0))), '(1 = paid, 0 = released)');
    const paid = outcomes.filter((s) => s === 'paid').length;
    expect(await stockOf(h, org, p.variants.R!.stockItemId)).toMatchObject({ onHand: 100, reserved: paid * 2 });
    await stockConsistent(org);
  });
});

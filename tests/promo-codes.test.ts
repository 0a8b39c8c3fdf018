/**
 * Promo codes: what they take off (a percentage in basis points or a fixed amount; of the order,
 * of given products or of given categories, spread over the lines it applies to), and the clear
 * reason, in English or Spanish, when one does not apply. Admin CRUD under promotions:manage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCategories } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { newId } from '@/lib/ids';
import { spread } from '@/modules/orders/pricing';
import { addMember, call, createOrg, type TestOrg, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { addCategory, addProduct, addToCart, buy, contact, getCart, placeOrder } from './support/shop-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock('2026-06-01T15:00:00Z') });
});
afterAll(() => h.close());

const createCode = (org: TestOrg, body: Record<string, unknown>) => call(h, `/api/v1/orgs/${org.slug}/promo-codes`, { cookie: org.owner.cookie, body });

async function shop() {
  const org = await createOrg(h);
  const cat = await addCategory(h, org, 'Coatings');
  const shampoo = await addProduct(h, org, { title: 'Shampoo', variants: [{ sku: 'SH', priceMinor: 1200, onHand: 100 }] });
  const kit = await addProduct(h, org, { title: 'Ceramic kit', categoryId: cat, variants: [{ sku: 'KIT', priceMinor: 8900, onHand: 100 }] });
  return { org, cat, shampoo, kit };
}

describe('what a code takes off', () => {
  it('a percentage of the order, spread over its lines; a fixed amount never more than the eligible lines', async () => {
    const { org, shampoo, kit } = await shop();
    await createCode(org, { code: 'welcome10', kind: 'percentage', value: 1000 });
    let cart = (await addToCart(h, org, shampoo.variants.SH!.id, 2)).cart;
    cart = (await addToCart(h, org, kit.variants.KIT!.id, 1, { cart })).cart;
    const view = await getCart(h, org, { cart, query: '?promoCode=Welcome10' });
    expect(view.res.json.promo).toEqual({ code: 'WELCOME10', applies: true, discountMinor: 1130 });
    expect(view.res.json.totals).toMatchObject({ subtotalMinor: 11300, discountMinor: 1130, totalMinor: 10170 });
    const placed = await placeOrder(h, org, { promoCode: 'welcome10' }, { cart });
    expect(placed.status).toBe(201);
    expect(placed.json.order.promoCode).toBe('WELCOME10');
    const lines = placed.json.order.lines as { sku: string; discountMinor: number; lineTotalMinor: number }[];
    expect(lines.reduce((s, l) => s + l.discountMinor, 0)).toBe(1130);
    expect(lines.find((l) => l.sku === 'KIT')).toMatchObject({ discountMinor: 890, lineTotalMinor: 8010 });
  });

  it('on given products or categories only; not_applicable when the cart has none of them', async () => {
    const { org, cat, shampoo, kit } = await shop();
    await createCode(org, { code: 'KIT20', kind: 'percentage', value: 2000, scope: 'categories', categoryIds: [cat] });
    await createCode(org, { code: 'SHAMPOO5', kind: 'fixed', value: 5000, scope: 'products', productIds: [shampoo.id] });
    let cart = (await addToCart(h, org, shampoo.variants.SH!.id, 1)).cart;
    cart = (await addToCart(h, org, kit.variants.KIT!.id, 1, { cart })).cart;
    expect((await getCart(h, org, { cart, query: '?promoCode=KIT20' })).res.json.promo.discountMinor).toBe(1780);
    // A fixed amount is capped at what the eligible line costs.
    expect((await getCart(h, org, { cart, query: '?promoCode=SHAMPOO5' })).res.json.promo.discountMinor).toBe(1200);
    const onlyShampoo = (await addToCart(h, org, shampoo.variants.SH!.id, 1)).cart;
    const na = await getCart(h, org, { cart: onlyShampoo, query: '?promoCode=KIT20' });
    expect(na.res.json.promo).toMatchObject({ applies: false, reason: 'not_applicable', discountMinor: 0 });
  });

  it('a code on a category covers the categories under it, and not the one above', async () => {
    const { org, cat, shampoo } = await shop();
    // Coatings › Sealants › Sprays: a spray sealant, two levels under the code's category.
    const sealants = newId('productCategory');
    const sprays = newId('productCategory');
    await h.database.db.insert(productCategories).values([
      { id: sealants, organizationId: org.id, parentId: cat, slug: uniq('sealants-'), name: 'Sealants' },
      { id: sprays, organizationId: org.id, parentId: sealants, slug: uniq('sprays-'), name: 'Sprays' },
    ]);
    const spray = await addProduct(h, org, { title: 'Spray sealant', categoryId: sprays, variants: [{ sku: 'SPRAY', priceMinor: 2000, onHand: 10 }] });
    await createCode(org, { code: 'COAT10', kind: 'percentage', value: 1000, scope: 'categories', categoryIds: [cat] });
    await createCode(org, { code: 'SPRAYS10', kind: 'percentage', value: 1000, scope: 'categories', categoryIds: [sprays] });
    let cart = (await addToCart(h, org, spray.variants.SPRAY!.id, 1)).cart;
    cart = (await addToCart(h, org, shampoo.variants.SH!.id, 1, { cart })).cart;
    expect((await getCart(h, org, { cart, query: '?promoCode=COAT10' })).res.json.promo).toMatchObject({ applies: true, discountMinor: 200 });
    const placed = await placeOrder(h, org, { promoCode: 'COAT10' }, { cart });
    expect(placed.status, placed.text).toBe(201);
    expect(placed.json.order.totals.discountMinor).toBe(200);
    // A code on the lower category does not reach a product filed above it.
    const other = await addProduct(h, org, { title: 'Coating', categoryId: cat, variants: [{ sku: 'COAT', priceMinor: 3000, onHand: 10 }] });
    const above = (await addToCart(h, org, other.variants.COAT!.id, 1)).cart;
    expect((await getCart(h, org, { cart: above, query: '?promoCode=SPRAYS10' })).res.json.promo).toMatchObject({ applies: false, reason: 'not_applicable' });
  });

  it('spreads a discount exactly (largest remainder)', () => {
    expect(spread(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spread(10, [0, 5, 5])).toEqual([0, 5, 5]);
    expect(spread(7, [3, 0, 4]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});

describe('why a code does not apply (EN/ES)', () => {
  it('not_found, inactive, not_started, expired, minimum_not_met (with the amount)', async () => {
    const { org, shampoo } = await shop();
    await createCode(org, { code: 'OFF', kind: 'fixed', value: 100, active: false });
    await createCode(org, { code: 'SOON', kind: 'fixed', value: 100, startsAt: '2026-07-01T00:00:00Z' });
    await createCode(org, { code: 'PAST', kind: 'fixed', value: 100, endsAt: '2026-05-01T00:00:00Z' });
    await createCode(org, { code: 'SPRING5', kind: 'fixed', value: 500, minSubtotalMinor: 4000 });
    const { cart } = await addToCart(h, org, shampoo.variants.SH!.id, 1);
    const reason = async (code: string, locale = 'en') => (await getCart(h, org, { cart, query: `?promoCode=${code}&locale=${locale}` })).res.json.promo;
    expect(await reason('NOPE')).toMatchObject({ reason: 'not_found', message: 'There is no promo code NOPE.' });
    expect(await reason('OFF')).toMatchObject({ reason: 'inactive' });
    expect(await reason('SOON')).toMatchObject({ reason: 'not_started', message: 'The code SOON is not valid yet.' });
    expect(await reason('PAST', 'es')).toMatchObject({ reason: 'expired', message: 'El código PAST ha caducado.' });
    expect(await reason('SPRING5')).toMatchObject({ reason: 'minimum_not_met', minimumMinor: 4000, message: 'The code SPRING5 needs a subtotal of at least $40.00.' });
    const refused = await placeOrder(h, org, { promoCode: 'SPRING5', locale: 'es' }, { cart });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.reason).toBe('minimum_not_met');
    expect(refused.json.error.message).toMatch(/El código SPRING5 requiere un subtotal de al menos/);
  });

  it('first order only, usage limit and per-customer limit (by email, ignoring case); a cancelled order gives its use back', async () => {
    const { org, shampoo } = await shop();
    await createCode(org, { code: 'FIRST', kind: 'percentage', value: 1000, firstOrderOnly: true });
    await createCode(org, { code: 'ONE', kind: 'fixed', value: 100, usageLimit: 1 });
    await createCode(org, { code: 'EACH', kind: 'fixed', value: 100, perCustomerLimit: 1 });
    const email = 'repeat@example.test';
    const first = await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'FIRST', contact: contact(email) });
    expect(first.status).toBe(201);
    const second = await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'FIRST', contact: contact('REPEAT@example.test') });
    expect(second.json.error.details.reason).toBe('not_first_order');
    const one = await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'ONE' });
    expect(one.status).toBe(201);
    expect((await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'ONE' })).json.error.details.reason).toBe('usage_limit_reached');
    await call(h, `/api/v1/orgs/${org.slug}/orders/${one.json.orderId}/cancel`, { cookie: org.owner.cookie, body: {} });
    expect((await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'ONE' })).status).toBe(201);
    expect((await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'EACH', contact: contact(email) })).status).toBe(201);
    const again = await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'EACH', contact: contact('Repeat@Example.test') });
    expect(again.json.error.details).toMatchObject({ reason: 'customer_limit_reached', promo: { code: 'EACH', applies: false } });
  });
});

describe('admin CRUD', () => {
  it('creates (upper-cased, unique), reads, updates, deletes unused; used codes and limits below uses are 409s; viewers 403; other orgs 404', async () => {
    const { org, shampoo } = await shop();
    const created = await createCode(org, { code: 'summer-25', kind: 'percentage', value: 2500, usageLimit: 5 });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ code: 'SUMMER-25', timesUsed: 0, scope: 'order', active: true });
    expect((await createCode(org, { code: 'SUMMER-25', kind: 'fixed', value: 1 })).status).toBe(409);
    expect((await createCode(org, { code: 'BAD', kind: 'percentage', value: 20000 })).status).toBe(400);
    expect((await createCode(org, { code: 'WIN', kind: 'fixed', value: 1, startsAt: '2026-07-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' })).status).toBe(400);
    const base = `/api/v1/orgs/${org.slug}/promo-codes/${created.json.id}`;
    expect((await call(h, base, { cookie: org.owner.cookie })).json.code).toBe('SUMMER-25');
    const list = await call(h, `/api/v1/orgs/${org.slug}/promo-codes?q=summer`, { cookie: org.owner.cookie });
    expect(list.json.pagination.total).toBe(1);
    await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'summer-25' });
    await buy(h, org, shampoo.variants.SH!.id, 1, { promoCode: 'summer-25' });
    const lower = await call(h, base, { method: 'PATCH', cookie: org.owner.cookie, body: { usageLimit: 1 } });
    expect(lower.status).toBe(409);
    const patched = await call(h, base, { method: 'PATCH', cookie: org.owner.cookie, body: { active: false, description: 'Summer sale' } });
    expect(patched.json).toMatchObject({ active: false, description: 'Summer sale', timesUsed: 2 });
    expect((await call(h, base, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(409);
    const unused = await createCode(org, { code: 'UNUSED', kind: 'fixed', value: 1 });
    expect((await call(h, `/api/v1/orgs/${org.slug}/promo-codes/${unused.json.id}`, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(204);
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `/api/v1/orgs/${org.slug}/promo-codes`, { cookie: viewer.cookie })).status).toBe(403);
    const other = await createOrg(h);
    expect((await call(h, `/api/v1/orgs/${other.slug}/promo-codes/${created.json.id}`, { cookie: other.owner.cookie })).status).toBe(404);
  });
});

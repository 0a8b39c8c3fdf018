/**
 * Carts: a guest's cart lives behind an httpOnly, SameSite=Lax cookie whose token is stored
 * hashed; a signed-in customer's follows the account; signing in merges the guest's cart into
 * the account's (quantities added, capped by free stock). Every line says why it cannot be
 * bought; totals are the server's. Cookie-carrying changes from another origin are refused.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cartLines, carts } from '@/db/schema';
import { CART_IDLE_DAYS, pruneGuestCarts } from '@/modules/orders';
import { fixedClock } from '@/lib/clock';
import { sha256 } from '@/lib/crypto';
import { call, createOrg, signUp } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { addProduct, addToCart, buy, getCart, setProductStatus, setVariantPrice } from './support/shop-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock('2026-06-01T15:00:00Z') });
});
afterAll(() => h.close());

describe('guest cart', () => {
  it('sets an httpOnly SameSite=Lax cookie with a random token stored only as a hash; adds up quantities; audits as a guest', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'A', priceMinor: 1200, onHand: 10 }] });
    const first = await addToCart(h, org, p.variants.A!.id, 2);
    expect(first.res.status).toBe(200);
    const setCookie = first.res.headers.getSetCookie().find((c) => c.startsWith('bl_cart_'))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // not in production
    const token = first.cart!.split('=')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const [row] = await h.database.db.select().from(carts).where(eq(carts.id, first.res.json.id));
    expect(row!.tokenHash).toBe(sha256(token));
    const second = await addToCart(h, org, p.variants.A!.id, 3, { cart: first.cart });
    expect(second.res.json.lines).toHaveLength(1);
    expect(second.res.json.lines[0]).toMatchObject({ quantity: 5, unitPriceMinor: 1200, lineTotalMinor: 6000, purchasable: true, problems: [] });
    expect(second.res.json.totals).toMatchObject({ subtotalMinor: 6000, totalMinor: 6000 });
    const audits = await h.database.db.select().from(auditLog).where(eq(auditLog.entityId, first.res.json.id));
    expect(audits.map((a) => [a.action, a.actorType])).toEqual([
      ['cart.line_added', 'guest'],
      ['cart.line_added', 'guest'],
    ]);
    // Another cookie sees nothing; no cookie: an empty cart.
    expect((await getCart(h, org)).res.json).toMatchObject({ id: null, lines: [] });
  });

  it('refuses more than is free, draft and unknown variants, and another shop’s variant (404)', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'B', priceMinor: 4500, onHand: 2 }] });
    const tooMany = await addToCart(h, org, p.variants.B!.id, 3);
    expect(tooMany.res.status).toBe(409);
    expect(tooMany.res.json.error.details).toEqual({ reason: 'insufficient_stock', available: 2 });
    const draft = await addProduct(h, org, { status: 'draft', variants: [{ priceMinor: 100 }] });
    expect((await addToCart(h, org, Object.values(draft.variants)[0]!.id, 1)).res.status).toBe(404);
    const other = await createOrg(h);
    expect((await addToCart(h, other, p.variants.B!.id, 1)).res.status).toBe(404);
    expect((await addToCart(h, org, 'var_00000000000000000000000000', 1)).res.status).toBe(404);
    expect((await addToCart(h, org, p.variants.B!.id, 0)).res.status).toBe(400);
  });

  it('update and remove lines; a line of another cart is a 404', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'U', priceMinor: 1000, onHand: 5 }] });
    const { res, cart } = await addToCart(h, org, p.variants.U!.id, 1);
    const lineId = res.json.lines[0].id;
    const updated = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines/${lineId}`, { method: 'PATCH', body: { quantity: 4 }, cookie: cart });
    expect(updated.json.lines[0].quantity).toBe(4);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines/${lineId}`, { method: 'PATCH', body: { quantity: 6 }, cookie: cart })).status).toBe(409);
    const stranger = await addToCart(h, org, p.variants.U!.id, 1);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines/${lineId}`, { method: 'DELETE', cookie: stranger.cart })).status).toBe(404);
    const removed = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines/${lineId}`, { method: 'DELETE', cookie: cart });
    expect(removed.json.lines).toEqual([]);
  });

  it('says why a line cannot be bought: out of stock, n left (shared stock summed), price changed from → to, archived, inactive', async () => {
    const org = await createOrg(h);
    const towel = await addProduct(h, org, {
      variants: [
        { sku: 'T1', priceMinor: 400, onHand: 6 },
        { sku: 'T3', priceMinor: 1000, sharesStockWith: 'T1', unitsPerVariant: 3 },
      ],
    });
    const gone = await addProduct(h, org, { variants: [{ sku: 'G', priceMinor: 500, onHand: 1 }] });
    const old = await addProduct(h, org, { variants: [{ sku: 'O', priceMinor: 700, onHand: 5 }] });
    const pricey = await addProduct(h, org, { variants: [{ sku: 'PR', priceMinor: 1200, onHand: 5 }] });
    let cart: string | undefined;
    for (const [id, q] of [
      [towel.variants.T1!.id, 3],
      [towel.variants.T3!.id, 1],
      [gone.variants.G!.id, 1],
      [old.variants.O!.id, 1],
      [pricey.variants.PR!.id, 1],
    ] as const) cart = (await addToCart(h, org, id, q, { cart })).cart;
    await buy(h, org, gone.variants.G!.id, 1); // sold out meanwhile
    await buy(h, org, towel.variants.T1!.id, 1); // 5 towels left; the cart wants 3 + 3
    await setProductStatus(h, org, old.id, 'archived');
    await setVariantPrice(h, org, pricey.variants.PR!.id, 1500);
    const view = await getCart(h, org, { cart, query: '?locale=es' });
    const bySku = Object.fromEntries(view.res.json.lines.map((l: { sku: string }) => [l.sku, l]));
    expect(bySku.T1.problems).toEqual([{ code: 'insufficient_stock', available: 5, message: 'Solo quedan 5.' }]);
    expect(bySku.T3.problems[0]).toMatchObject({ code: 'insufficient_stock', available: 1 });
    expect(bySku.G.problems[0]).toMatchObject({ code: 'out_of_stock' });
    expect(bySku.O.problems[0]).toMatchObject({ code: 'archived' });
    expect(bySku.PR.problems[0]).toMatchObject({ code: 'price_changed', fromMinor: 1200, toMinor: 1500 });
    expect(bySku.PR.problems[0].message).toMatch(/12.*15/);
    expect(bySku.PR.unitPriceMinor).toBe(1500);
    expect(view.res.json.purchasable).toBe(false);
    // Accepting the new price: setting the line again.
    const accepted = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines/${bySku.PR.id}`, { method: 'PATCH', body: { quantity: 1 }, cookie: cart });
    expect(accepted.json.lines.find((l: { sku: string }) => l.sku === 'PR').problems).toEqual([]);
  });

  it('refuses a cookie-carrying change from another origin (CSRF)', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'X', priceMinor: 100, onHand: 5 }] });
    const { cart } = await addToCart(h, org, p.variants.X!.id, 1);
    const forged = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines`, { body: { variantId: p.variants.X!.id, quantity: 1 }, cookie: cart, headers: { origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect(forged.json.error.details.reason).toBe('CSRF');
    const noOrigin = await h.app.request(`/api/v1/public/orgs/${org.slug}/checkout`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cart! }, body: '{}' });
    expect(noOrigin.status).toBe(403);
  });
});

describe('abandoned carts', () => {
  it('deletes guest carts idle for 30 days with their lines; keeps fresher ones and signed-in customers’ carts', async () => {
    const org = await createOrg(h);
    const product = await addProduct(h, org, { variants: [{ priceMinor: 500, onHand: 10 }] });
    const variantId = Object.values(product.variants)[0]!.id;
    const stale = (await addToCart(h, org, variantId, 1)).cart!;
    const fresh = (await addToCart(h, org, variantId, 1)).cart!;
    const user = await signUp(h);
    expect((await addToCart(h, org, variantId, 1, { session: user.cookie })).res.status).toBe(200);
    const db = h.database.db;
    const mine = await db.select().from(carts).where(eq(carts.organizationId, org.id));
    expect(mine).toHaveLength(3);
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const hashOf = (cookie: string) => sha256(cookie.slice(cookie.indexOf('=') + 1));
    // The stale guest cart and the user's cart were last changed 31 days ago; the fresh guest cart 29.
    await db.update(carts).set({ updatedAt: daysAgo(CART_IDLE_DAYS + 1) }).where(eq(carts.organizationId, org.id));
    await db.update(carts).set({ updatedAt: daysAgo(CART_IDLE_DAYS - 1) }).where(and(eq(carts.organizationId, org.id), eq(carts.tokenHash, hashOf(fresh))));
    expect(await pruneGuestCarts(db, now, { organizationId: org.id })).toBe(1);
    const left = await db.select({ id: carts.id, user: carts.userId }).from(carts).where(eq(carts.organizationId, org.id));
    expect(left).toHaveLength(2);
    expect(left.filter((c) => c.user !== null)).toHaveLength(1);
    expect((await getCart(h, org, { cart: fresh })).res.json.lines).toHaveLength(1);
    // The stale cookie now opens an empty cart (its lines went with it).
    expect((await getCart(h, org, { cart: stale })).res.json.lines).toHaveLength(0);
    expect(await db.select().from(cartLines).where(eq(cartLines.organizationId, org.id))).toHaveLength(2);
  });
});

describe('user cart and merge on sign-in', () => {
  it('follows the account across devices; a guest cart merges into it (quantities added, capped by stock) and the cookie is cleared', async () => {
    const org = await createOrg(h);
    const user = await signUp(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'M', priceMinor: 1000, onHand: 5 }] });
    const q = await addProduct(h, org, { variants: [{ sku: 'N', priceMinor: 2000, onHand: 10 }] });
    // Signed in on one device: 3 of M.
    const mine = await addToCart(h, org, p.variants.M!.id, 3, { session: user.cookie });
    expect(mine.cart).toBeUndefined();
    // Another device, signed in: the same cart.
    expect((await getCart(h, org, { session: user.cookie })).res.json.lines[0].quantity).toBe(3);
    // As a guest meanwhile: 4 of M and 2 of N.
    let guest = (await addToCart(h, org, p.variants.M!.id, 4)).cart;
    guest = (await addToCart(h, org, q.variants.N!.id, 2, { cart: guest })).cart;
    // Signing in: the first read with both merges.
    const merged = await getCart(h, org, { cart: guest, session: user.cookie });
    expect(merged.res.status).toBe(200);
    const lines = Object.fromEntries(merged.res.json.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]));
    expect(lines).toEqual({ M: 5, N: 2 }); // 3 + 4 capped at the 5 in stock
    const cleared = merged.res.headers.getSetCookie().find((c) => c.startsWith('bl_cart_'))!;
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    const rows = await h.database.db.select().from(carts).where(eq(carts.organizationId, org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.userId).toBe(user.id);
    const audits = await h.database.db.select().from(auditLog).where(eq(auditLog.entityId, rows[0]!.id));
    expect(audits.map((a) => a.action)).toContain('cart.merged');
  });
});

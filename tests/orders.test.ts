/**
 * Orders: checkout holds stock and copies prices and totals; the status machine moves stock
 * (held → taken at fulfilment; cancel and refund give it back once); the Idempotency-Key makes a
 * double click one order; the secret status link shows the order without personal data; the
 * buyer gets emails over SMTP in their language; the admin list filters and the stats add up.
 */
import pino from 'pino';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orders, stockReservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers, type Mailer } from '@/modules/notifications';
import { expireCheckoutHolds, testWebhookSignature } from '@/modules/orders';
import { payments } from '@/db/schema';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { addProduct, addToCart, buy, contact, placeOrder, stockOf } from './support/shop-fixtures';
import { startSmtp } from './support/smtp';

const NOW = '2026-06-01T15:00:00Z';
let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  smtp = await startSmtp();
  mailer = createMailer(h.database.db, { smtpUrl: smtp.url, from: 'Shop <shop@bookline.test>', timeoutMs: 3000 });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await h.close();
});

const admin = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
const settings = (org: TestOrg, body: Record<string, unknown>) => call(h, `${admin(org)}/shop-settings`, { method: 'PATCH', cookie: org.owner.cookie, body });
const act = (org: TestOrg, id: string, action: string, body: Record<string, unknown> = {}) => call(h, `${admin(org)}/orders/${id}/${action}`, { cookie: org.owner.cookie, body });

describe('shop settings', () => {
  it('defaults, changes (audited) and refuses viewers', async () => {
    const org = await createOrg(h);
    const before = await call(h, `${admin(org)}/shop-settings`, { cookie: org.owner.cookie });
    expect(before.json).toMatchObject({ taxRatePpm: 0, checkoutHoldMinutes: 15, pickupEnabled: true, shippingEnabled: false, currency: 'USD' });
    const after = await settings(org, { taxRatePpm: 86250, shippingEnabled: true, shippingFeeMinor: 695, freeShippingOverMinor: 7500 });
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ taxRatePpm: 86250, shippingFeeMinor: 695, freeShippingOverMinor: 7500, checkoutHoldMinutes: 15 });
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `${admin(org)}/shop-settings`, { method: 'PATCH', cookie: viewer.cookie, body: { taxRatePpm: 1 } })).status).toBe(403);
    expect((await settings(org, { taxRatePpm: -1 })).status).toBe(400);
  });
});

describe('checkout', () => {
  it('copies lines and totals (discounted subtotal, shipping, 8.625 % tax), holds stock and empties the cart', async () => {
    const org = await createOrg(h);
    await settings(org, { taxRatePpm: 86250, shippingEnabled: true, shippingFeeMinor: 695, freeShippingOverMinor: 7500 });
    const p = await addProduct(h, org, { title: 'Car shampoo', variants: [{ sku: 'SH-500', title: '500 ml', priceMinor: 1200, onHand: 10 }] });
    const { cart } = await addToCart(h, org, p.variants['SH-500']!.id, 3);
    const placed = await placeOrder(h, org, { fulfilment: 'shipping', address: { line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' } }, { cart });
    expect(placed.status).toBe(201);
    // 36.00 + 6.95 shipping + 8.625 % of 36.00 = 3.105 → 3.11
    expect(placed.json.order.totals).toEqual({ currency: 'USD', subtotalMinor: 3600, discountMinor: 0, shippingMinor: 695, taxMinor: 311, totalMinor: 4606 });
    expect(placed.json.order.lines[0]).toMatchObject({ sku: 'SH-500', productTitle: 'Car shampoo', variantTitle: '500 ml', unitPriceMinor: 1200, quantity: 3 });
    expect(placed.json.order.status).toBe('pending_payment');
    expect(placed.json.order).not.toHaveProperty('email');
    expect(await stockOf(h, org, p.variants['SH-500']!.stockItemId)).toMatchObject({ onHand: 10, reserved: 3 });
    const again = await call(h, `/api/v1/public/orgs/${org.slug}/cart`, { cookie: cart });
    expect(again.json.lines).toEqual([]);
    // The secret link shows it; a wrong token or another shop's slug does not.
    const page = await call(h, `/api/v1/public/orgs/${org.slug}/orders/${placed.json.statusToken}`);
    expect(page.status).toBe(200);
    expect(page.json.number).toBe(placed.json.order.number);
    expect(JSON.stringify(page.json)).not.toContain('example.test');
    const other = await createOrg(h);
    expect((await call(h, `/api/v1/public/orgs/${other.slug}/orders/${placed.json.statusToken}`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/orders/${'x'.repeat(32)}`)).status).toBe(404);
  });

  it('free shipping over the threshold; pickup has none; an unoffered fulfilment is a 422; an empty cart a 409', async () => {
    const org = await createOrg(h);
    await settings(org, { shippingEnabled: true, shippingFeeMinor: 695, freeShippingOverMinor: 7500, pickupEnabled: false });
    const p = await addProduct(h, org, { variants: [{ sku: 'KIT', priceMinor: 8900, onHand: 5 }] });
    const address = { line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' };
    const shipped = await buy(h, org, p.variants.KIT!.id, 1, { fulfilment: 'shipping', address });
    expect(shipped.json.order.totals.shippingMinor).toBe(0);
    const pickup = await buy(h, org, p.variants.KIT!.id, 1, { fulfilment: 'pickup' });
    expect(pickup.status).toBe(422);
    expect(pickup.json.error.details.reason).toBe('fulfilment_unavailable');
    expect((await buy(h, org, p.variants.KIT!.id, 1, { fulfilment: 'shipping' })).status).toBe(400); // no address
    const empty = await placeOrder(h, org, { fulfilment: 'shipping', address });
    expect(empty.status).toBe(409);
    expect(empty.json.error.details.reason).toBe('cart_empty');
  });

  it('refuses more than is free with what is left, and a changed price until the customer accepts it', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'BAG', priceMinor: 4500, onHand: 2 }] });
    const { cart } = await addToCart(h, org, p.variants.BAG!.id, 2);
    await buy(h, org, p.variants.BAG!.id, 1); // someone else takes one
    const refused = await placeOrder(h, org, {}, { cart });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toMatchObject({ reason: 'insufficient_stock', lines: [{ sku: 'BAG', available: 1 }] });
    expect(await stockOf(h, org, p.variants.BAG!.stockItemId)).toMatchObject({ onHand: 2, reserved: 1 });
  });
});

describe('idempotency', () => {
  it('a double click makes one order; the same key with another body is a 409', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'T', priceMinor: 400, onHand: 50 }] });
    const { cart } = await addToCart(h, org, p.variants.T!.id, 2);
    const body = { contact: contact('double@example.test') };
    const [a, b] = await Promise.all([placeOrder(h, org, body, { cart, key: 'checkout-key-1' }), placeOrder(h, org, body, { cart, key: 'checkout-key-1' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.orderId).toBe(b.json.orderId);
    const replay = await placeOrder(h, org, body, { cart, key: 'checkout-key-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json.statusToken).toBe(a.json.statusToken);
    const n = await h.database.db.select().from(orders).where(eq(orders.organizationId, org.id));
    expect(n).toHaveLength(1);
    expect(await stockOf(h, org, p.variants.T!.stockItemId)).toMatchObject({ reserved: 2 });
    const different = await placeOrder(h, org, { contact: contact('other@example.test') }, { cart, key: 'checkout-key-1' });
    expect(different.status).toBe(409);
    expect(different.json.error.details.reason).toBe('idempotency_key_reused');
  });
});

describe('status machine and stock', () => {
  it('pay → fulfil (on_hand taken) → deliver; wrong steps are 409s naming the allowed actions; history kept', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'S', priceMinor: 1000, onHand: 10 }] });
    const placed = await buy(h, org, p.variants.S!.id, 4);
    const id = placed.json.orderId;
    const early = await act(org, id, 'fulfil');
    expect(early.status).toBe(409);
    expect(early.json.error.details.allowedActions).toEqual(['pay', 'cancel']);
    expect((await act(org, id, 'pay')).json.status).toBe('paid');
    expect(await stockOf(h, org, p.variants.S!.stockItemId)).toMatchObject({ onHand: 10, reserved: 4 });
    expect((await act(org, id, 'fulfil')).json.status).toBe('fulfilled');
    expect(await stockOf(h, org, p.variants.S!.stockItemId)).toMatchObject({ onHand: 6, reserved: 0 });
    const delivered = await act(org, id, 'deliver', { note: 'left at the door' });
    expect(delivered.json.status).toBe('delivered');
    expect(delivered.json.history.map((e: { action: string }) => e.action)).toEqual(['placed', 'pay', 'fulfil', 'deliver']);
    expect(delivered.json.allowedActions).toEqual(['refund']);
    // A refund after fulfilment restocks once.
    expect((await act(org, id, 'refund')).json.status).toBe('refunded');
    expect(await stockOf(h, org, p.variants.S!.stockItemId)).toMatchObject({ onHand: 10, reserved: 0 });
    expect((await act(org, id, 'refund')).status).toBe(409);
    expect(await stockOf(h, org, p.variants.S!.stockItemId)).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('cancel gives the hold back once; staff may act, viewers may not; another org’s order is a 404', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'C', priceMinor: 1000, onHand: 3 }] });
    const placed = await buy(h, org, p.variants.C!.id, 3);
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `${admin(org)}/orders/${placed.json.orderId}/cancel`, { cookie: viewer.cookie, body: {} })).status).toBe(403);
    const staff = await addMember(h, org, 'staff');
    const cancelled = await call(h, `${admin(org)}/orders/${placed.json.orderId}/cancel`, { cookie: staff.cookie, body: { note: 'customer called' } });
    expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelReason: 'customer called' });
    expect(await stockOf(h, org, p.variants.C!.stockItemId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect((await act(org, placed.json.orderId, 'cancel')).status).toBe(409);
    expect(await stockOf(h, org, p.variants.C!.stockItemId)).toMatchObject({ onHand: 3, reserved: 0 });
    const other = await createOrg(h);
    expect((await call(h, `${admin(other)}/orders/${placed.json.orderId}`, { cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `${admin(other)}/orders/${placed.json.orderId}/cancel`, { cookie: other.owner.cookie, body: {} })).status).toBe(404);
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.entityId, placed.json.orderId)));
    expect(audits.map((a) => a.action).sort()).toEqual(['order.cancelled', 'order.placed']);
  });

  it('the test provider pays at checkout; a decline gives the stock back and answers 422', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'P', priceMinor: 1000, onHand: 5 }] });
    const paid = await buy(h, org, p.variants.P!.id, 2, { paymentProvider: 'test', testOutcome: 'succeed' });
    expect(paid.status).toBe(201);
    expect(paid.json.order.status).toBe('paid');
    const declined = await buy(h, org, p.variants.P!.id, 2, { paymentProvider: 'test', testOutcome: 'decline' });
    expect(declined.status).toBe(422);
    expect(declined.json.error.details.reason).toBe('payment_declined');
    expect(await stockOf(h, org, p.variants.P!.stockItemId)).toMatchObject({ onHand: 5, reserved: 2 });
  });

  it('a manual order keeps its hold; an online checkout whose payment never completes is released by the sweep once', async () => {
    const org = await createOrg(h);
    await settings(org, { checkoutHoldMinutes: 10 });
    const p = await addProduct(h, org, { variants: [{ sku: 'H', priceMinor: 1000, onHand: 5 }] });
    const manual = await buy(h, org, p.variants.H!.id, 1);
    // An online checkout left pending: its payment never came back (no capture).
    const online = await buy(h, org, p.variants.H!.id, 2);
    await h.database.db.update(orders).set({ paymentProvider: 'test', holdExpiresAt: new Date(Date.parse(NOW) + 10 * 60_000) }).where(eq(orders.id, online.json.orderId));
    await h.database.db.update(stockReservations).set({ expiresAt: new Date(Date.parse(NOW) + 10 * 60_000) }).where(eq(stockReservations.orderId, online.json.orderId));
    expect(await expireCheckoutHolds(h.database.db, new Date(Date.parse(NOW) + 9 * 60_000), { organizationId: org.id })).toBe(0);
    const later = new Date(Date.parse(NOW) + 11 * 60_000);
    const [first, second] = await Promise.all([expireCheckoutHolds(h.database.db, later, { organizationId: org.id }), expireCheckoutHolds(h.database.db, later, { organizationId: org.id })]);
    expect(first + second).toBe(1);
    expect(await stockOf(h, org, p.variants.H!.stockItemId)).toMatchObject({ onHand: 5, reserved: 1 });
    const detail = await call(h, `${admin(org)}/orders/${online.json.orderId}`, { cookie: org.owner.cookie });
    expect(detail.json).toMatchObject({ status: 'cancelled', cancelReason: 'payment not completed in time' });
    expect((await call(h, `${admin(org)}/orders/${manual.json.orderId}`, { cookie: org.owner.cookie })).json.status).toBe('pending_payment');
  });
});

describe('payment webhooks', () => {
  it('a signed capture pays a pending online order once; a bad signature is a 401; an unknown payment is ignored', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { variants: [{ sku: 'W', priceMinor: 1000, onHand: 5 }] });
    const placed = await buy(h, org, p.variants.W!.id, 1);
    await h.database.db.update(orders).set({ paymentProvider: 'test' }).where(eq(orders.id, placed.json.orderId));
    await h.database.db.update(payments).set({ provider: 'test', providerRef: `test_${placed.json.orderId}` }).where(eq(payments.orderId, placed.json.orderId));
    const hook = (body: Record<string, unknown>, signature?: string) =>
      call(h, '/api/v1/public/payments/test/webhook', { body, headers: { 'x-test-signature': signature ?? testWebhookSignature(JSON.stringify(body)) } });
    const event = { providerRef: `test_${placed.json.orderId}`, type: 'captured' };
    expect((await hook(event, 'f'.repeat(64))).status).toBe(401);
    const first = await hook(event);
    expect(first.json).toEqual({ received: true, orderStatus: 'paid' });
    const again = await hook(event);
    expect(again.json).toEqual({ received: true, orderStatus: 'paid' });
    const detail = await call(h, `${admin(org)}/orders/${placed.json.orderId}`, { cookie: org.owner.cookie });
    expect(detail.json.history.filter((e: { action: string }) => e.action === 'pay')).toHaveLength(1);
    expect(detail.json.payment).toEqual({ provider: 'test', status: 'captured' });
    expect((await hook({ providerRef: 'test_unknown', type: 'captured' })).json).toEqual({ received: false, orderStatus: null });
  });
});

describe('admin list and stats', () => {
  it('filters by status and q, paginates; stats add up revenue, AOV, top products and days', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { title: 'Towel', variants: [{ sku: 'TW', priceMinor: 400, onHand: 100 }] });
    const q = await addProduct(h, org, { title: 'Kit', variants: [{ sku: 'KT', priceMinor: 8900, onHand: 100 }] });
    const a = await buy(h, org, p.variants.TW!.id, 5, { contact: contact('findme@example.test') });
    await buy(h, org, q.variants.KT!.id, 1);
    const c = await buy(h, org, p.variants.TW!.id, 1);
    await act(org, c.json.orderId, 'cancel');
    const all = await call(h, `${admin(org)}/orders?pageSize=2`, { cookie: org.owner.cookie });
    expect(all.json.pagination).toMatchObject({ total: 3, totalPages: 2, hasMore: true });
    const found = await call(h, `${admin(org)}/orders?q=findme`, { cookie: org.owner.cookie });
    expect(found.json.data.map((o: { id: string }) => o.id)).toEqual([a.json.orderId]);
    const byNumber = await call(h, `${admin(org)}/orders?q=${a.json.order.number}`, { cookie: org.owner.cookie });
    expect(byNumber.json.data).toHaveLength(1);
    expect((await call(h, `${admin(org)}/orders?status=cancelled`, { cookie: org.owner.cookie })).json.data).toHaveLength(1);
    expect((await call(h, `${admin(org)}/orders?from=2026-06-02`, { cookie: org.owner.cookie })).json.data).toHaveLength(0);
    const stats = await call(h, `${admin(org)}/order-stats?from=2026-06-01&to=2026-06-01`, { cookie: org.owner.cookie });
    expect(stats.status, JSON.stringify(stats.json)).toBe(200);
    expect(stats.json).toMatchObject({ revenueMinor: 2000 + 8900, orders: 2, averageOrderValueMinor: 5450, byDay: [{ date: '2026-06-01', orders: 2, revenueMinor: 10900 }] });
    expect(stats.json.topProducts[0]).toMatchObject({ title: 'Kit', quantity: 1, revenueMinor: 8900 });
    // A reversed range is refused on its field, as is a stats range longer than two years.
    const reversed = await call(h, `${admin(org)}/orders?from=2026-06-02&to=2026-06-01`, { cookie: org.owner.cookie });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.json.error.details)).toContain('from');
    expect((await call(h, `${admin(org)}/order-stats?from=2024-01-01&to=2026-06-01`, { cookie: org.owner.cookie })).status).toBe(400);
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `${admin(org)}/orders`, { cookie: viewer.cookie })).status).toBe(403);
  });
});

describe('emails', () => {
  it('placed, paid, fulfilled and cancelled reach the buyer over SMTP in their language, with the status link', async () => {
    const org = await createOrg(h);
    const p = await addProduct(h, org, { title: 'Champú', variants: [{ sku: 'E', priceMinor: 1200, onHand: 10 }] });
    const email = `buyer-${Date.now()}@shop.bookline.test`;
    const placed = await buy(h, org, p.variants.E!.id, 1, { contact: contact(email), locale: 'es' });
    await act(org, placed.json.orderId, 'pay');
    await act(org, placed.json.orderId, 'fulfil');
    const other = await buy(h, org, p.variants.E!.id, 1, { contact: contact(email) });
    await act(org, other.json.orderId, 'cancel');
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' }), mailer), new Date(Date.now() + 60_000), 1000, { organizationId: org.id });
    const got = smtp.received.filter((m) => m.envelopeTo.includes(email)).map((m) => m.parsed.subject);
    expect(got).toContain(`Tu pedido ${placed.json.order.number} en ${org.name}`);
    expect(got).toContain(`Pago recibido del pedido ${placed.json.order.number}`);
    expect(got).toContain(`Tu pedido ${placed.json.order.number} va en camino`);
    expect(got).toContain(`Order ${other.json.order.number} was cancelled`);
    const first = smtp.received.find((m) => m.parsed.subject === `Tu pedido ${placed.json.order.number} en ${org.name}`)!;
    expect(first.parsed.text).toContain(placed.json.statusUrl);
  });

  it('tells the people who handle orders in the inbox (staff too, not viewers), with a link to the order', async () => {
    const org = await createOrg(h);
    const staff = await addMember(h, org, 'staff');
    const viewer = await addMember(h, org, 'viewer');
    const p = await addProduct(h, org, { variants: [{ sku: 'N', priceMinor: 1250, onHand: 10 }] });
    const placed = await buy(h, org, p.variants.N!.id, 2, { contact: { email: 'ines@example.test', name: 'Inés Prado' } });
    expect(placed.status).toBe(201);
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' }), mailer), new Date(Date.now() + 60_000), 1000, { organizationId: org.id });
    const inbox = async (cookie: string) => (await call(h, `/api/v1/orgs/${org.slug}/notifications`, { cookie })).json.data as { kind: string; entity: string; entityId: string; data: Record<string, string> }[];
    for (const cookie of [org.owner.cookie, staff.cookie]) {
      expect((await inbox(cookie)).filter((n) => n.kind === 'order.placed')).toEqual([
        expect.objectContaining({ entity: 'order', entityId: placed.json.orderId, data: expect.objectContaining({ customer: 'Inés Prado', number: placed.json.order.number, totalMinor: String(placed.json.order.totals.totalMinor), currency: 'USD' }) }),
      ]);
    }
    expect((await inbox(viewer.cookie)).filter((n) => n.kind === 'order.placed')).toEqual([]);
  });
});

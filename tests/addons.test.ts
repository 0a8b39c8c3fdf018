/**
 * Add-ons of a service: managed by staff (validated, audited, another tenant's → 404), shown on
 * the public service, and booked — an add-on's extra minutes lengthen the booking: availability
 * searches slots of the longer duration, the booking's end and blocked range include them (the
 * exclusion constraint then refuses an overlap with the longer range), and the price adds the
 * add-on as the quote said.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingAddons, bookings, orders } from '@/db/schema';
import { expireCheckoutHolds } from '@/modules/orders';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';
import { addProduct, stockOf } from './support/shop-fixtures';

const NOW = '2026-06-01T12:00:00Z';
// Tuesday 2026-06-02 in Chicago (UTC−5): open 09:00–17:00.
const DAY = '2026-06-02';
const at = (hhmm: string) => `${DAY}T${hhmm}:00-05:00`;

let h: Harness;
// Fixed, but a test may move it (completing a booking needs its start to have come).
let clockNow = NOW;
beforeAll(async () => {
  h = await createHarness({ clock: () => new Date(clockNow) });
});
afterAll(async () => {
  await h.close();
});

const admin = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
const pub = (org: TestOrg) => `/api/v1/public/orgs/${org.slug}`;

async function setup() {
  const org = await createOrg(h);
  const { service, resources } = await bookableSetup(h, org, { service: { name: 'Cut', durationMinutes: 60, slotIntervalMinutes: 60, priceMinor: 4000 } });
  const add = async (body: Record<string, unknown>) => {
    const res = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { id: string; priceMinor: number; extraMinutes: number };
  };
  return { org, service, resource: resources[0]!, add };
}

const auditCount = async (org: TestOrg, action: string, entityId: string) =>
  (await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, action), eq(auditLog.entityId, entityId)))).length;

describe('add-ons: management', () => {
  it('creates, lists, changes and deletes, one audit row each; validates; viewers may not write', async () => {
    const { org, service, add } = await setup();
    const colour = await add({ name: 'Colour', priceMinor: 3500, extraMinutes: 45, translations: { es: { name: 'Color' } } });
    expect(colour).toMatchObject({ name: 'Colour', priceMinor: 3500, pricing: 'per_booking', extraMinutes: 45, maxQuantity: 1, active: true, currency: 'USD' });
    expect(await auditCount(org, 'service_addon.created', colour.id)).toBe(1);

    const patched = await call(h, `${admin(org)}/services/${service.id}/addons/${colour.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { priceMinor: 3900, active: false } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ priceMinor: 3900, active: false });
    expect(await auditCount(org, 'service_addon.updated', colour.id)).toBe(1);

    const list = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.data.map((a: { id: string }) => a.id)).toEqual([colour.id]);

    for (const body of [{ name: 'x', priceMinor: -1 }, { name: '', priceMinor: 1 }, { name: 'x', priceMinor: 1, pricing: 'per_hour' }, { name: 'x', priceMinor: 1, extraMinutes: 2000 }, { name: 'x'.repeat(121), priceMinor: 1 }]) {
      const res = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: viewer.cookie, body: { name: 'Nope', priceMinor: 1 } })).status).toBe(403);

    const gone = await call(h, `${admin(org)}/services/${service.id}/addons/${colour.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(gone.status).toBe(204);
    expect(await auditCount(org, 'service_addon.deleted', colour.id)).toBe(1);
    expect((await call(h, `${admin(org)}/services/${service.id}/addons/${colour.id}`, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(404);
  });

  it("another tenant's service or add-on answers 404", async () => {
    const a = await setup();
    const b = await setup();
    const bAddon = await b.add({ name: 'B extra', priceMinor: 100 });
    // B's add-on through A's own service, and A's owner asking about B's service under A's slug.
    expect((await call(h, `${admin(a.org)}/services/${a.service.id}/addons/${bAddon.id}`, { method: 'PATCH', cookie: a.org.owner.cookie, body: { priceMinor: 1 } })).status).toBe(404);
    expect((await call(h, `${admin(a.org)}/services/${b.service.id}/addons`, { cookie: a.org.owner.cookie })).status).toBe(404);
    expect((await call(h, `${admin(a.org)}/services/${b.service.id}/addons`, { cookie: a.org.owner.cookie, body: { name: 'x', priceMinor: 1 } })).status).toBe(404);
    // A booking of A's service cannot take B's add-on.
    const res = await call(h, `${pub(a.org)}/bookings`, { body: { serviceId: a.service.id, start: at('10:00'), customer: guest(), addons: [{ addonId: bAddon.id, quantity: 1 }] } });
    expect(res.status).toBe(404);
  });

  it('the public service shows active add-ons in the language asked for', async () => {
    const { org, service, add } = await setup();
    await add({ name: 'Colour', priceMinor: 3500, extraMinutes: 45, position: 1, translations: { es: { name: 'Color', description: 'Tinte completo' } } });
    await add({ name: 'Hidden', priceMinor: 100, active: false });
    const en = await call(h, `${pub(org)}/services/${service.id}`);
    expect(en.status).toBe(200);
    expect(en.json.addons).toEqual([{ id: expect.any(String), name: 'Colour', description: '', priceMinor: 3500, pricing: 'per_booking', extraMinutes: 45, maxQuantity: 1, left: null }]);
    expect(en.json.package).toBeNull();
    const es = await call(h, `${pub(org)}/services/${service.id}?lang=es`);
    expect(es.json.addons[0]).toMatchObject({ name: 'Color', description: 'Tinte completo' });
  });
});

describe('add-ons: booking', () => {
  it('extra minutes: availability offers only slots the longer booking fits; the booking ends later and blocks the longer range', async () => {
    const { org, service, resource, add } = await setup();
    const colour = await add({ name: 'Colour', priceMinor: 3500, extraMinutes: 60 });
    const plain = await call(h, `${pub(org)}/availability?serviceId=${service.id}&from=${DAY}&to=${DAY}`);
    const longer = await call(h, `${pub(org)}/availability?serviceId=${service.id}&from=${DAY}&to=${DAY}&addons=${colour.id}:1`);
    expect(plain.status).toBe(200);
    expect(longer.status).toBe(200);
    expect(plain.json.slots.map((s: { start: string }) => s.start).at(-1)).toBe(at('16:00'));
    expect(longer.json.slots.map((s: { start: string }) => s.start).at(-1)).toBe(at('15:00'));
    expect(longer.json.slots[0]).toMatchObject({ start: at('09:00'), end: at('11:00') });

    const quote = await call(h, `${pub(org)}/services/${service.id}/quote?start=${encodeURIComponent(at('10:00'))}&addons=${colour.id}:1`);
    expect(quote.status).toBe(200);
    expect(quote.json).toMatchObject({ end: at('12:00'), extraMinutes: 60, totalMinor: 7500, priceMinor: 4000, depositMinor: null });
    expect(quote.json.lines.map((l: { kind: string; amountMinor: number }) => [l.kind, l.amountMinor])).toEqual([
      ['base', 4000],
      ['addon', 3500],
    ]);

    const booked = await call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, start: at('10:00'), customer: guest(1), addons: [{ addonId: colour.id, quantity: 1 }] } });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    expect(booked.json.booking).toMatchObject({ start: at('10:00'), end: at('12:00'), priceMinor: 7500, depositMinor: null });
    expect(booked.json.booking.addons).toEqual([{ addonId: colour.id, name: 'Colour', unitPriceMinor: 3500, pricing: 'per_booking', quantity: 1, extraMinutes: 60, totalMinor: 3500 }]);
    const lines = await h.database.db.select().from(bookingAddons).where(and(eq(bookingAddons.organizationId, org.id), eq(bookingAddons.bookingId, booked.json.booking.id)));
    expect(lines).toHaveLength(1);

    // 11:00 is inside the longer booking: taken; 12:00 is free.
    const clash = await call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, resourceId: resource.id, start: at('11:00'), customer: guest(2) } });
    expect(clash.status).toBe(409);
    const after = await call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, resourceId: resource.id, start: at('12:00'), customer: guest(3) } });
    expect(after.status).toBe(201);

    // Staff see the lines on the booking.
    const detail = await call(h, `${admin(org)}/bookings/${booked.json.booking.id}`, { cookie: org.owner.cookie });
    expect(detail.json.addons).toHaveLength(1);
  });

  it('a booking with add-ons keeps its longer duration when staff move it', async () => {
    const { org, service, resource, add } = await setup();
    const colour = await add({ name: 'Colour', priceMinor: 3500, extraMinutes: 60 });
    const booked = await call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, start: at('09:00'), customer: guest(), addons: [{ addonId: colour.id, quantity: 1 }] } });
    expect(booked.status).toBe(201);
    // 15:00 + 2 h fits; 16:00 + 2 h runs past closing.
    const late = await call(h, `${admin(org)}/bookings/${booked.json.booking.id}/reschedule`, { cookie: org.owner.cookie, body: { start: at('16:00'), resourceId: resource.id } });
    expect([409, 422]).toContain(late.status);
    const moved = await call(h, `${admin(org)}/bookings/${booked.json.booking.id}/reschedule`, { cookie: org.owner.cookie, body: { start: at('15:00'), resourceId: resource.id } });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(moved.json).toMatchObject({ start: at('15:00'), end: at('17:00'), priceMinor: 7500 });
  });

  it('validates the choice: unknown or inactive add-on → 404, above max quantity or twice → 400, guests on a plain service → 400', async () => {
    const { org, service, add } = await setup();
    const towel = await add({ name: 'Towel', priceMinor: 100, maxQuantity: 2 });
    const off = await add({ name: 'Off', priceMinor: 100, active: false });
    const book = (extra: Record<string, unknown>) => call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, start: at('09:00'), customer: guest(), ...extra } });
    expect((await book({ addons: [{ addonId: off.id, quantity: 1 }] })).status).toBe(404);
    expect((await book({ addons: [{ addonId: 'adn_01jzzzzzzzzzzzzzzzzzzzzzzz', quantity: 1 }] })).status).toBe(404);
    const tooMany = await book({ addons: [{ addonId: towel.id, quantity: 3 }] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.details.fields[0].path).toBe('addons.0.quantity');
    expect((await book({ addons: [{ addonId: towel.id, quantity: 1 }, { addonId: towel.id, quantity: 1 }] })).status).toBe(400);
    expect((await book({ addons: [{ addonId: towel.id, quantity: 0 }] })).status).toBe(400);
    expect((await book({ children: 3 })).status).toBe(400);
    expect((await call(h, `${pub(org)}/availability?serviceId=${service.id}&from=${DAY}&to=${DAY}&addons=nonsense`)).status).toBe(400);
    // Per guest on a plain service counts seats (1 here) × quantity.
    const ok = await book({ addons: [{ addonId: towel.id, quantity: 2 }] });
    expect(ok.status).toBe(201);
    expect(ok.json.booking.priceMinor).toBe(4200);
  });
});

describe('add-ons: stock', () => {
  /** A service with a cake add-on drawing on a stock item of `onHand` cakes (a shop product's). */
  async function cakeSetup(onHand: number, addon: Record<string, unknown> = {}) {
    const base = await setup();
    const product = await addProduct(h, base.org, { title: 'Birthday cake', variants: [{ sku: 'CAKE', priceMinor: 2000, onHand }] });
    const stockItemId = product.variants.CAKE!.stockItemId;
    const cake = await base.add({ name: 'Cake', priceMinor: 2500, stockItemId, ...addon });
    const book = (start: string, n: number, quantity = 1) =>
      call(h, `${pub(base.org)}/bookings`, { body: { serviceId: base.service.id, start: at(start), customer: guest(n), addons: [{ addonId: cake.id, quantity }] } });
    const lines = async (bookingId: string) =>
      h.database.db.select().from(bookingAddons).where(and(eq(bookingAddons.organizationId, base.org.id), eq(bookingAddons.bookingId, bookingId)));
    return { ...base, stockItemId, cake, book, lines };
  }

  it('an add-on draws on a stock item: staff see what is left; another tenant’s stock item → 404; the public service shows `left`', async () => {
    const { org, service, stockItemId, cake, add } = await cakeSetup(8, { units: 2 });
    expect(cake).toMatchObject({ stockItemId, units: 2, left: 4, stock: { code: 'CAKE-STOCK', onHand: 8, reserved: 0, available: 8 } });
    const other = await setup();
    const foreign = await addProduct(h, other.org, { variants: [{ sku: 'X', priceMinor: 1, onHand: 5 }] });
    const refused = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body: { name: 'Theirs', priceMinor: 1, stockItemId: foreign.variants.X!.stockItemId } });
    expect(refused.status).toBe(404);
    const patched = await call(h, `${admin(org)}/services/${service.id}/addons/${cake.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { stockItemId: foreign.variants.X!.stockItemId } });
    expect(patched.status).toBe(404);
    for (const body of [{ name: 'x', stockItemId: 'nope' }, { name: 'x', units: 0 }, { name: 'x', units: 1001 }]) {
      const res = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body: { priceMinor: 1, ...body } });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const plain = await add({ name: 'Balloons', priceMinor: 300, position: 1 });
    expect(plain).toMatchObject({ stockItemId: null, units: 1, left: null, stock: null });
    const pubService = await call(h, `${pub(org)}/services/${service.id}`);
    expect(pubService.json.addons.map((a: { name: string; left: number | null }) => [a.name, a.left])).toEqual([
      ['Cake', 4],
      ['Balloons', null],
    ]);
  });

  it('sold out → 409 addon_sold_out {addonId, left}: the whole booking rolls back', async () => {
    const { org, service, stockItemId, cake, book, lines } = await cakeSetup(2, { maxQuantity: 3 });
    const first = await book('09:00', 1, 1);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(await lines(first.json.booking.id)).toEqual([expect.objectContaining({ stockItemId, stockUnits: 1, stockState: 'held' })]);
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 2, reserved: 1 });

    const before = await h.database.db.select().from(bookings).where(eq(bookings.organizationId, org.id));
    const tooMany = await book('11:00', 2, 2);
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error.details).toEqual({ reason: 'addon_sold_out', addonId: cake.id, left: 1 });
    expect(tooMany.json.error.message).toContain('Only 1 of Cake left');
    const after = await h.database.db.select().from(bookings).where(eq(bookings.organizationId, org.id));
    expect(after).toHaveLength(before.length);
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 2, reserved: 1 });

    expect((await book('11:00', 3, 1)).status).toBe(201);
    const none = await book('13:00', 4, 1);
    expect(none.status).toBe(409);
    expect(none.json.error.details).toEqual({ reason: 'addon_sold_out', addonId: cake.id, left: 0 });
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 2, reserved: 2 });
    // The slot itself was free: without the cake it books.
    expect((await call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, start: at('13:00'), customer: guest(5) } })).status).toBe(201);
  });

  it('a per-guest add-on takes units × quantity × guests (the count its price uses)', async () => {
    const { org, stockItemId, book, lines } = await cakeSetup(10, { pricing: 'per_guest', units: 2, maxQuantity: 3 });
    const res = await book('09:00', 1, 3);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    // One seat: 2 units × 3 × 1 guest.
    expect(await lines(res.json.booking.id)).toEqual([expect.objectContaining({ quantity: 3, stockUnits: 6 })]);
    expect((await stockOf(h, org, stockItemId)).reserved).toBe(6);
  });

  it('cancelling returns the units once; concurrent cancels return them once; moving keeps the hold', async () => {
    const { org, resource, stockItemId, book, lines } = await cakeSetup(3);
    const a = await book('09:00', 1);
    const b = await book('11:00', 2);
    expect((await stockOf(h, org, stockItemId)).reserved).toBe(2);

    const moved = await call(h, `${admin(org)}/bookings/${a.json.booking.id}/reschedule`, { cookie: org.owner.cookie, body: { start: at('14:00'), resourceId: resource.id } });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect((await stockOf(h, org, stockItemId)).reserved).toBe(2);

    const cancel = (id: string) => call(h, `${admin(org)}/bookings/${id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'changed plans' } });
    expect((await cancel(a.json.booking.id)).status).toBe(200);
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 3, reserved: 1 });
    expect((await lines(a.json.booking.id))[0]!.stockState).toBe('returned');
    expect((await cancel(a.json.booking.id)).status).toBe(409);
    expect((await stockOf(h, org, stockItemId)).reserved).toBe(1);

    const both = await Promise.all([cancel(b.json.booking.id), cancel(b.json.booking.id), cancel(b.json.booking.id)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await auditCount(org, 'booking.cancel', b.json.booking.id)).toBe(1);
  });

  it('rejecting returns the units; completing consumes them (on hand and reserved both go down)', async () => {
    const { org, service, stockItemId, book, lines } = await cakeSetup(5);
    await call(h, `${admin(org)}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { requiresConfirmation: true } });
    const pending = await book('09:00', 1);
    expect(pending.json.booking.status).toBe('pending');
    const rejected = await call(h, `${admin(org)}/bookings/${pending.json.booking.id}/reject`, { cookie: org.owner.cookie, body: { reason: 'closed' } });
    expect(rejected.status, JSON.stringify(rejected.json)).toBe(200);
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 5, reserved: 0 });

    const party = await book('11:00', 2);
    expect((await call(h, `${admin(org)}/bookings/${party.json.booking.id}/confirm`, { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 5, reserved: 1 });
    clockNow = `${DAY}T16:30:00Z`; // 11:30 in Chicago: started, not yet over
    try {
      expect((await call(h, `${admin(org)}/bookings/${party.json.booking.id}/start`, { cookie: org.owner.cookie, body: {} })).status).toBe(200);
      const done = await call(h, `${admin(org)}/bookings/${party.json.booking.id}/complete`, { cookie: org.owner.cookie, body: {} });
      expect(done.status, JSON.stringify(done.json)).toBe(200);
    } finally {
      clockNow = NOW;
    }
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 4, reserved: 0 });
    expect((await lines(party.json.booking.id))[0]!.stockState).toBe('consumed');
  });

  it('the stock items list names the add-ons drawing on an item; taking stock below what bookings hold is refused', async () => {
    const { org, stockItemId, cake, book } = await cakeSetup(2);
    expect((await book('09:00', 1)).status).toBe(201);
    const list = await call(h, `${admin(org)}/stock-items?pageSize=100`, { cookie: org.owner.cookie });
    expect(list.status).toBe(200);
    const item = list.json.data.find((i: { id: string }) => i.id === stockItemId);
    expect(item).toMatchObject({ code: 'CAKE-STOCK', onHand: 2, reserved: 1, available: 1, addons: [{ id: cake.id, name: 'Cake' }], variants: [expect.objectContaining({ sku: 'CAKE' })] });
    const adjust = await call(h, `${admin(org)}/stock-items/${stockItemId}/adjustments`, { cookie: org.owner.cookie, body: { delta: -2, reason: 'dropped one' } });
    expect(adjust.status).toBe(409);
    expect(adjust.json.error.message).toContain('bookings’ add-ons');
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 2, reserved: 1 });
  });

  it('a party whose deposit is never paid is released by the sweep and gives its cake back', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, {
      resource: { kind: 'room', name: 'Party room' },
      service: {
        name: 'Party',
        durationMinutes: 120,
        slotIntervalMinutes: 60,
        priceMinor: 25_000,
        package: { includedChildren: 10, includedAdults: 10, extraChildMinor: 0, extraAdultMinor: 0, minGuests: 5, maxGuests: 40, depositType: 'percent', depositValue: 30 },
      },
    });
    const product = await addProduct(h, org, { variants: [{ sku: 'PCAKE', priceMinor: 2000, onHand: 3 }] });
    const stockItemId = product.variants.PCAKE!.stockItemId;
    const cake = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body: { name: 'Cake', priceMinor: 3500, stockItemId } });
    expect(cake.status).toBe(201);
    const res = await call(h, `${pub(org)}/bookings`, { body: { serviceId: service.id, resourceId: resources[0]!.id, start: at('14:00'), children: 10, customer: guest(), addons: [{ addonId: cake.json.id, quantity: 1 }] } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.booking.status).toBe('pending');
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 3, reserved: 1 });
    const expires = new Date(Date.parse(NOW) + 15 * 60_000);
    await h.database.db.update(orders).set({ paymentProvider: 'test', holdExpiresAt: expires }).where(eq(orders.id, res.json.deposit.orderId));
    expect(await expireCheckoutHolds(h.database.db, new Date(Date.parse(NOW) + 16 * 60_000), { organizationId: org.id })).toBe(1);
    const [booking] = await h.database.db.select().from(bookings).where(and(eq(bookings.organizationId, org.id), eq(bookings.id, res.json.booking.id)));
    expect(booking).toMatchObject({ status: 'cancelled', cancellationReason: 'deposit not paid in time' });
    expect(await stockOf(h, org, stockItemId)).toMatchObject({ onHand: 3, reserved: 0 });
  });
});

/**
 * Party packages: package pricing on a service (validated, audited, shown publicly with its
 * cancellation policy), the quote's breakdown, guest bounds, and the deposit taken through the
 * commerce checkout — the booking is created pending together with its deposit order (one
 * transaction), paying the order confirms the booking, a declined or expired payment releases
 * it, and cancelling refunds by the notice given under the package's policy.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookings, orders } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { expireCheckoutHolds } from '@/modules/orders';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z';
// Wednesday 2026-06-10 in Chicago: 9 days (216 h) after NOW.
const at = (hhmm: string, day = '2026-06-10') => `${day}T${hhmm}:00-05:00`;

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(async () => {
  await h.close();
});

const admin = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
const pub = (org: TestOrg) => `/api/v1/public/orgs/${org.slug}`;

const classic = {
  includedChildren: 10,
  includedAdults: 10,
  extraChildMinor: 1500,
  extraAdultMinor: 800,
  minGuests: 5,
  maxGuests: 40,
  depositType: 'percent',
  depositValue: 30,
  balanceDueDays: 7,
  // Sent unsorted: stored longest notice first.
  cancellationPolicy: [
    { minNoticeHours: 72, refundPercent: 50 },
    { minNoticeHours: 336, refundPercent: 100 },
  ],
};

async function setup() {
  const org = await createOrg(h);
  const { service, resources } = await bookableSetup(h, org, {
    resource: { kind: 'room', name: 'Party room' },
    service: { name: 'Classic party', durationMinutes: 120, slotIntervalMinutes: 60, priceMinor: 25_000, package: classic },
  });
  const cake = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body: { name: 'Cake', priceMinor: 3500 } });
  const food = await call(h, `${admin(org)}/services/${service.id}/addons`, { cookie: org.owner.cookie, body: { name: 'Pizza menu', priceMinor: 600, pricing: 'per_guest' } });
  return { org, service, room: resources[0]!, cakeId: cake.json.id as string, foodId: food.json.id as string };
}

const book = (org: TestOrg, body: Record<string, unknown>) => call(h, `${pub(org)}/bookings`, { body: { customer: guest(), ...body } });
const orderOf = async (id: string) => (await h.database.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const bookingOf = async (id: string) => (await h.database.db.select().from(bookings).where(eq(bookings.id, id)))[0]!;
const audits = async (org: TestOrg, action: string) => (await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, action)))).length;

describe('package pricing on a service', () => {
  it('is validated, stored sorted, audited on change, removable, and public with its policy', async () => {
    const { org, service } = await setup();
    const detail = await call(h, `${admin(org)}/services/${service.id}`, { cookie: org.owner.cookie });
    expect(detail.json.package).toMatchObject({ ...classic, cancellationPolicy: [classic.cancellationPolicy[1], classic.cancellationPolicy[0]] });

    const bad = [
      { ...classic, minGuests: 50 },
      { ...classic, depositValue: 150 },
      { ...classic, cancellationPolicy: [{ minNoticeHours: 336, refundPercent: 50 }, { minNoticeHours: 72, refundPercent: 100 }] },
      { ...classic, extraChildMinor: -1 },
      { ...classic, depositType: 'half' },
    ];
    for (const pkg of bad) {
      const res = await call(h, `${admin(org)}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { package: pkg } });
      expect(res.status, JSON.stringify(pkg)).toBe(400);
    }
    const before = await audits(org, 'service.updated');
    const changed = await call(h, `${admin(org)}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { package: { ...classic, depositType: 'fixed', depositValue: 10_000 } } });
    expect(changed.status).toBe(200);
    expect(changed.json.package).toMatchObject({ depositType: 'fixed', depositValue: 10_000 });
    expect(await audits(org, 'service.updated')).toBe(before + 1);

    const pubSvc = await call(h, `${pub(org)}/services/${service.id}`);
    expect(pubSvc.json.package.cancellationPolicy).toEqual([
      { minNoticeHours: 336, refundPercent: 100 },
      { minNoticeHours: 72, refundPercent: 50 },
    ]);
    expect(pubSvc.json.addons.map((a: { name: string }) => a.name)).toEqual(['Cake', 'Pizza menu']);

    const removed = await call(h, `${admin(org)}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { package: null } });
    expect(removed.json.package).toBeNull();
  });

  it('the quote breaks the price down: base, extra guests, add-ons, deposit and balance', async () => {
    const { org, service, cakeId, foodId } = await setup();
    const q = await call(h, `${pub(org)}/services/${service.id}/quote?start=${encodeURIComponent(at('10:00'))}&children=14&adults=11&addons=${cakeId}:1,${foodId}:1`);
    expect(q.status, JSON.stringify(q.json)).toBe(200);
    // 25,000 + 4 × 1,500 + 1 × 800 + 3,500 + 25 × 600 = 50,300; 30 % = 15,090
    expect(q.json).toMatchObject({ totalMinor: 50_300, depositMinor: 15_090, balanceMinor: 35_210, end: at('12:00') });
    expect(q.json.lines.map((l: { kind: string; quantity: number; amountMinor: number }) => [l.kind, l.quantity, l.amountMinor])).toEqual([
      ['base', 1, 25_000],
      ['extra_children', 4, 6000],
      ['extra_adults', 1, 800],
      ['addon', 1, 3500],
      ['addon', 25, 15_000],
    ]);
  });

  it('guest bounds: children required (400), outside min..max (422 guest_count)', async () => {
    const { org, service, room } = await setup();
    const missing = await book(org, { serviceId: service.id, start: at('10:00') });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.fields[0].path).toBe('children');
    // With the room named and nothing else asked, the guests are checked under the lock
    // (place-booking.ts): still a 400 before the time itself is judged (03:00 is never offered).
    for (const start of [at('10:00'), at('03:00')]) {
      const named = await book(org, { serviceId: service.id, resourceId: room.id, start });
      expect(named.status, JSON.stringify(named.json)).toBe(400);
      expect(named.json.error.details.fields[0].path).toBe('children');
    }
    expect(await h.database.db.select().from(bookings).where(eq(bookings.organizationId, org.id))).toEqual([]);
    const tooMany = await book(org, { serviceId: service.id, start: at('10:00'), children: 30, adults: 11 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.error.details).toMatchObject({ rule: 'guest_count', minGuests: 5, maxGuests: 40, guests: 41 });
    const tooFew = await call(h, `${pub(org)}/services/${service.id}/quote?start=${encodeURIComponent(at('10:00'))}&children=2&adults=1`);
    expect(tooFew.status).toBe(422);
    expect((await book(org, { serviceId: service.id, start: at('10:00'), children: -1 })).status).toBe(400);
  });
});

describe('the deposit order', () => {
  it('is created with the booking (pending, holding the room); paying it confirms the booking', async () => {
    const { org, service, room, cakeId } = await setup();
    const res = await book(org, { serviceId: service.id, start: at('10:00'), children: 12, adults: 8, addons: [{ addonId: cakeId, quantity: 1 }] });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    // 25,000 + 2 × 1,500 + 3,500 = 31,500; 30 % = 9,450
    expect(res.json.booking).toMatchObject({ status: 'pending', children: 12, adults: 8, priceMinor: 31_500, depositMinor: 9450, balanceMinor: 22_050, depositPaidAt: null });
    expect(res.json.deposit).toMatchObject({ status: 'pending_payment', amountMinor: 9450, currency: 'USD', holdExpiresAt: null });
    expect(res.json.deposit.statusUrl).toMatch(new RegExp(`/${org.slug}/orders/`));
    const order = await orderOf(res.json.deposit.orderId);
    expect(order).toMatchObject({ purpose: 'deposit', bookingId: res.json.booking.id, totalMinor: 9450, fulfilment: 'pickup', paymentProvider: 'manual' });
    expect(res.json.booking.depositOrderId).toBe(order.id);

    // Pending holds the room.
    expect((await book(org, { serviceId: service.id, resourceId: room.id, start: at('11:00'), children: 5 })).status).toBe(409);

    const confirmedBefore = await audits(org, 'booking.confirm');
    const paid = await call(h, `${admin(org)}/orders/${order.id}/pay`, { cookie: org.owner.cookie, body: {} });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    const after = await bookingOf(res.json.booking.id);
    expect(after.status).toBe('confirmed');
    expect(after.depositPaidAt).not.toBeNull();
    // One audit row for the request (order.paid); the booking's confirmation rides on it.
    expect(await audits(org, 'booking.confirm')).toBe(confirmedBefore);

    // Staff record the balance once.
    const balance = await call(h, `${admin(org)}/bookings/${after.id}/balance-paid`, { cookie: org.owner.cookie, body: {} });
    expect(balance.status).toBe(200);
    expect(balance.json.balancePaidAt).not.toBeNull();
    expect((await call(h, `${admin(org)}/bookings/${after.id}/balance-paid`, { cookie: org.owner.cookie, body: {} })).status).toBe(409);
  });

  it('an online deposit paid at once confirms; a declined one releases the room (422)', async () => {
    const { org, service, room } = await setup();
    const declined = await book(org, { serviceId: service.id, resourceId: room.id, start: at('10:00'), children: 10, payment: { provider: 'test', testOutcome: 'decline' } });
    expect(declined.status).toBe(422);
    expect(declined.json.error.details.reason).toBe('payment_declined');
    const paid = await book(org, { serviceId: service.id, resourceId: room.id, start: at('10:00'), children: 10, payment: { provider: 'test', testOutcome: 'succeed' } });
    expect(paid.status, JSON.stringify(paid.json)).toBe(201);
    expect(paid.json.booking.status).toBe('confirmed');
    expect(paid.json.booking.depositPaidAt).not.toBeNull();
    expect(paid.json.deposit.status).toBe('paid');
  });

  it('an online deposit not paid before its hold expires releases the booking through the sweep', async () => {
    const { org, service, room } = await setup();
    const res = await book(org, { serviceId: service.id, resourceId: room.id, start: at('14:00'), children: 10 });
    expect(res.status).toBe(201);
    // An online payment left pending (no capture came back).
    const expires = new Date(Date.parse(NOW) + 15 * 60_000);
    await h.database.db.update(orders).set({ paymentProvider: 'test', holdExpiresAt: expires }).where(eq(orders.id, res.json.deposit.orderId));
    expect(await expireCheckoutHolds(h.database.db, new Date(Date.parse(NOW) + 14 * 60_000), { organizationId: org.id })).toBe(0);
    expect(await expireCheckoutHolds(h.database.db, new Date(Date.parse(NOW) + 16 * 60_000), { organizationId: org.id })).toBe(1);
    const booking = await bookingOf(res.json.booking.id);
    expect(booking).toMatchObject({ status: 'cancelled', cancellationReason: 'deposit not paid in time' });
    expect((await orderOf(res.json.deposit.orderId)).status).toBe('cancelled');
    // The room is free again.
    expect((await book(org, { serviceId: service.id, resourceId: room.id, start: at('14:00'), children: 10 })).status).toBe(201);
  });
});

describe('two parents, one room', () => {
  it('concurrent bookings of the same slot: one wins, the other is refused, and only the winner has a deposit order', async () => {
    const { org, service, room } = await setup();
    const attempts = await Promise.all([1, 2, 3].map(() => book(org, { serviceId: service.id, resourceId: room.id, start: at('13:00'), children: 10 })));
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const deposits = await h.database.db.select().from(orders).where(and(eq(orders.organizationId, org.id), eq(orders.purpose, 'deposit')));
    expect(deposits).toHaveLength(1);
    expect(deposits[0]!.bookingId).toBe(attempts.find((r) => r.status === 201)!.json.booking.id);
  });
});

describe('cancelling a party', () => {
  it('refunds by notice under the policy: 216 h before → 50 % of the paid deposit; the order is refunded', async () => {
    const { org, service } = await setup();
    const res = await book(org, { serviceId: service.id, start: at('10:00'), children: 10, payment: { provider: 'test', testOutcome: 'succeed' } });
    expect(res.status).toBe(201);
    const before = await audits(org, 'booking.cancel');
    const cancelled = await call(h, `${admin(org)}/bookings/${res.json.booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'family emergency' } });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', refundMinor: 3750 }); // 30 % of 25,000 = 7,500; half back
    expect((await orderOf(res.json.deposit.orderId)).status).toBe('refunded');
    expect(await audits(org, 'booking.cancel')).toBe(before + 1);
  });

  it('refunds by the policy the guest booked under, not one the venue set later', async () => {
    const { org, service } = await setup();
    const res = await book(org, { serviceId: service.id, start: at('10:00'), children: 10, payment: { provider: 'test', testOutcome: 'succeed' } });
    expect(res.status).toBe(201);
    const asBooked = [
      { minNoticeHours: 336, refundPercent: 100 },
      { minNoticeHours: 72, refundPercent: 50 },
    ];
    expect(res.json.booking.cancellationPolicy).toEqual(asBooked);
    // The venue stops refunding anything.
    const changed = await call(h, `${admin(org)}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { package: { ...classic, cancellationPolicy: [] } } });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    const cancelled = await call(h, `${admin(org)}/bookings/${res.json.booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'family emergency' } });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', refundMinor: 3750, cancellationPolicy: asBooked });
    expect((await orderOf(res.json.deposit.orderId)).status).toBe('refunded');
    // A booking made after the change carries the new policy.
    const later = await book(org, { serviceId: service.id, start: at('14:00'), children: 10 });
    expect(later.json.booking.cancellationPolicy).toEqual([]);
  });

  it('inside every step refunds nothing and the paid deposit order stays paid; an unpaid one is cancelled', async () => {
    const { org, service } = await setup();
    const soon = at('10:00', '2026-06-03'); // 46 h ahead: below 72 h
    const paid = await book(org, { serviceId: service.id, start: soon, children: 10, payment: { provider: 'test', testOutcome: 'succeed' } });
    const c1 = await call(h, `${admin(org)}/bookings/${paid.json.booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'changed plans' } });
    expect(c1.json).toMatchObject({ status: 'cancelled', refundMinor: 0 });
    expect((await orderOf(paid.json.deposit.orderId)).status).toBe('paid');

    const unpaid = await book(org, { serviceId: service.id, start: at('14:00', '2026-06-03'), children: 10 });
    const c2 = await call(h, `${admin(org)}/bookings/${unpaid.json.booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'changed plans' } });
    expect(c2.json).toMatchObject({ status: 'cancelled', refundMinor: 0 });
    expect((await orderOf(unpaid.json.deposit.orderId)).status).toBe('cancelled');
  });
});

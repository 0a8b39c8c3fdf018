/**
 * The event waitlist (#16 item 3, decision 0020): joining a sold-out ticket type, the offer when
 * seats come back (an order placed for the entry through the checkout's own stock statements),
 * paying it from the entry's link (tickets issued, entry purchased), an offer expiring (the next
 * entry offered), leaving while offered (seats back, offered on), two sweeps at once (one offer),
 * and, on PostgreSQL, an offer racing checkouts for the last seat (never past the capacity).
 * Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, eventWaitlistEntries, events, orders, outbox, stockItems, tickets } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { offerWaitlistSeats } from '@/modules/event-waitlist';
import { expireCheckoutHolds } from '@/modules/orders';
import { call, createOrg, type TestOrg } from './support/factories';
import { usingPostgres } from './support/database';
import { createHarness, type Harness } from './support/harness';
import { addToCart, contact, placeOrder } from './support/shop-fixtures';

const NOW = '2026-06-01T15:00:00Z';
const DAY = 86_400_000;
const MIN = 60_000;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();
const later = (minutes: number) => new Date(Date.parse(NOW) + minutes * MIN);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const base = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
const pub = (org: TestOrg) => `/api/v1/public/orgs/${org.slug}`;
let n = 0;

async function soldOutEvent(org: TestOrg, capacity: number, holdMinutes = 60) {
  n += 1;
  const ev = await call(h, `${base(org)}/ticketed-events`, {
    cookie: org.owner.cookie,
    body: { slug: `night-${n}-${Math.random().toString(36).slice(2, 6)}`, title: 'Science night', startsAt: at(10), endsAt: at(10.1), capacity, status: 'published', waitlistHoldMinutes: holdMinutes },
  });
  if (ev.status !== 201) throw new Error(`event: ${ev.status} ${JSON.stringify(ev.json)}`);
  const type = await call(h, `${base(org)}/ticketed-events/${ev.json.id}/ticket-types`, { cookie: org.owner.cookie, body: { name: 'Adult', priceMinor: 1500 } });
  if (type.status !== 201) throw new Error(`type: ${type.status} ${JSON.stringify(type.json)}`);
  return { id: ev.json.id as string, slug: ev.json.slug as string, typeId: type.json.id as string, holdMinutes };
}

/** A guest buys `quantity` tickets, paid at once with the test provider: the order's id. */
async function buy(org: TestOrg, typeId: string, quantity: number): Promise<string> {
  const added = await addToCart(h, org, typeId, quantity);
  if (added.res.status !== 200) throw new Error(`cart: ${added.res.status} ${JSON.stringify(added.res.json)}`);
  const placed = await placeOrder(h, org, { fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' }, { cart: added.cart });
  if (placed.status !== 201) throw new Error(`checkout: ${placed.status} ${JSON.stringify(placed.json)}`);
  return placed.json.orderId as string;
}

const join = (org: TestOrg, e: { slug: string; typeId: string }, body: Record<string, unknown> = {}) =>
  call(h, `${pub(org)}/events/${e.slug}/waitlist`, { body: { ticketTypeId: e.typeId, quantity: 1, name: 'Wanda Wait', email: `${Math.random().toString(36).slice(2)}@example.test`, locale: 'en', ...body } });

const entry = (org: TestOrg, token: string) => call(h, `${pub(org)}/event-waitlist/${token}`);
const cancelOrder = (org: TestOrg, orderId: string) => call(h, `${base(org)}/orders/${orderId}/cancel`, { cookie: org.owner.cookie, body: {} });

async function pool(eventId: string) {
  const [row] = await h.database.db.select({ s: stockItems }).from(events).innerJoin(stockItems, eq(stockItems.id, events.capacityStockItemId)).where(eq(events.id, eventId));
  return row!.s;
}
const auditCount = async (org: TestOrg, action: string) =>
  (await h.database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, action))))[0]!.n;
const validTickets = async (orderId: string) => (await h.database.db.select({ n: count() }).from(tickets).where(and(eq(tickets.orderId, orderId), eq(tickets.status, 'valid'))))[0]!.n;

describe('joining', () => {
  it('refuses while seats are free, takes a sold-out type, refuses a second live entry of one address', async () => {
    const org = await createOrg(h);
    const e = await soldOutEvent(org, 3);
    const free = await join(org, e, { quantity: 2 });
    expect(free.status).toBe(409);
    expect(free.json.error.details).toMatchObject({ reason: 'tickets_available', available: 3 });
    await buy(org, e.typeId, 2);
    // One seat left: two people do not fit, one does (buy it instead).
    expect((await join(org, e, { quantity: 1 })).json.error.details.reason).toBe('tickets_available');
    const joined = await join(org, e, { quantity: 2, email: 'Wanda@Example.test' });
    expect(joined.status).toBe(201);
    expect(joined.json.entry).toMatchObject({ status: 'waiting', position: 1, quantity: 2, name: 'Wanda Wait', offer: null, ticketType: { id: e.typeId, name: 'Adult' } });
    expect(joined.json.entryUrl).toContain(`/${org.slug}/events/waitlist/${joined.json.entryToken}`);
    expect(JSON.stringify(joined.json.entry)).not.toContain('example.test');
    const dup = await join(org, e, { quantity: 2, email: 'wanda@example.TEST' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.details.reason).toBe('already_waiting');
    expect(await auditCount(org, 'event_waitlist.joined')).toBe(1);
    const mails = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'event_waitlist.joined')));
    expect(mails).toHaveLength(1);

    const shown = await entry(org, joined.json.entryToken);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ status: 'waiting', position: 1 });
    expect((await entry(org, 'x'.repeat(32))).status).toBe(404);
    // Another organization's slug with this token: 404.
    const other = await createOrg(h);
    expect((await entry(other, joined.json.entryToken)).status).toBe(404);

    // Staff see the line; viewers of another organization get 404.
    const list = await call(h, `${base(org)}/ticketed-events/${e.id}/waitlist`, { cookie: org.owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(1);
    expect(list.json.data[0]).toMatchObject({ position: 1, email: 'wanda@example.test', quantity: 2, status: 'waiting', ticketType: 'Adult', offerExpiresAt: null });
    expect((await call(h, `${base(other)}/ticketed-events/${e.id}/waitlist`, { cookie: other.owner.cookie })).status).toBe(404);
    const ev = await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie });
    expect(ev.json).toMatchObject({ waiting: 1, waitlistHoldMinutes: 60 });
  });

  it('a draft event is a 404, a cancelled one 409 sales_closed, bad input 400', async () => {
    const org = await createOrg(h);
    const e = await soldOutEvent(org, 1);
    await buy(org, e.typeId, 1);
    expect((await join(org, e, { quantity: 11 })).status).toBe(400);
    expect((await join(org, e, { email: 'not-an-address' })).status).toBe(400);
    await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { status: 'cancelled' } });
    const closed = await join(org, e);
    expect(closed.status).toBe(409);
    expect(closed.json.error.details.reason).toBe('sales_closed');
    const d = await soldOutEvent(org, 1);
    await call(h, `${base(org)}/ticketed-events/${d.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { status: 'draft' } });
    expect((await join(org, d)).status).toBe(404);
  });
});

describe('offers', () => {
  it('a cancel gives seats back; the sweep offers the oldest fitting entry; paying issues the tickets and closes the entry', async () => {
    const org = await createOrg(h);
    const e = await soldOutEvent(org, 4);
    const first = await buy(org, e.typeId, 2);
    await buy(org, e.typeId, 2);
    const big = await join(org, e, { quantity: 3 });
    const small = await join(org, e, { quantity: 2 });
    expect(big.status).toBe(201);
    expect(small.status).toBe(201);
    // Nothing is free: the sweep offers nothing.
    expect(await offerWaitlistSeats(h.database.db, new Date(NOW), { organizationId: org.id })).toBe(0);
    // The shop cancels an order: two seats back, offered at once (not only at the next sweep).
    // The three-person entry does not fit them, the two-person one does.
    expect((await cancelOrder(org, first)).status).toBe(200);
    expect((await entry(org, big.json.entryToken)).json).toMatchObject({ status: 'waiting', offer: null });
    const offered = await entry(org, small.json.entryToken);
    expect(offered.json).toMatchObject({ status: 'offered', position: 2, offer: { totalMinor: 3000, payOnline: true } });
    expect(Date.parse(offered.json.offer.expiresAt)).toBe(later(60).getTime());
    expect(await pool(e.id)).toMatchObject({ onHand: 4, reserved: 4 });
    expect(await auditCount(org, 'event_waitlist.offered')).toBe(1);
    expect((await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'event_waitlist.offered')))).length).toBe(1);
    // A second sweep finds nothing more to offer.
    expect(await offerWaitlistSeats(h.database.db, new Date(NOW), { organizationId: org.id })).toBe(0);

    const paid = await call(h, `${pub(org)}/event-waitlist/${small.json.entryToken}/pay`, { body: { testOutcome: 'succeed' } });
    expect(paid.status).toBe(200);
    expect(paid.json.status).toBe('purchased');
    const orderId = (await h.database.db.select().from(eventWaitlistEntries).where(and(eq(eventWaitlistEntries.organizationId, org.id), eq(eventWaitlistEntries.status, 'purchased'))))[0]!.orderId!;
    expect(await validTickets(orderId)).toBe(2);
    const [order] = await h.database.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ status: 'paid', fulfilment: 'digital', holdExpiresAt: null });
    const again = await call(h, `${pub(org)}/event-waitlist/${small.json.entryToken}/pay`, { body: { testOutcome: 'succeed' } });
    expect(again.status).toBe(409);
    expect(again.json.error.details.reason).toBe('already_purchased');
    expect(await pool(e.id)).toMatchObject({ onHand: 4, reserved: 4 });
  });

  it('an offer that expires unpaid passes the seats to the next entry', async () => {
    const org = await createOrg(h);
    const e = await soldOutEvent(org, 1, 30);
    const sold = await buy(org, e.typeId, 1);
    const a = await join(org, e);
    const b = await join(org, e);
    await cancelOrder(org, sold);
    expect(await offerWaitlistSeats(h.database.db, new Date(NOW), { organizationId: org.id })).toBe(0);
    expect((await entry(org, a.json.entryToken)).json.status).toBe('offered');
    // Before the end of the hold nothing expires; after it the checkout hold sweep cancels the held order.
    expect(await expireCheckoutHolds(h.database.db, later(29), { organizationId: org.id })).toBe(0);
    expect(await expireCheckoutHolds(h.database.db, later(31), { organizationId: org.id })).toBe(1);
    expect((await entry(org, a.json.entryToken)).json).toMatchObject({ status: 'expired', offer: null, position: null });
    expect(await pool(e.id)).toMatchObject({ reserved: 0 });
    expect(await offerWaitlistSeats(h.database.db, later(31), { organizationId: org.id })).toBe(1);
    expect((await entry(org, b.json.entryToken)).json).toMatchObject({ status: 'offered', position: 1 });
    expect(await pool(e.id)).toMatchObject({ reserved: 1 });
    // The expired entry cannot pay any more.
    const late = await call(h, `${pub(org)}/event-waitlist/${a.json.entryToken}/pay`, { body: {} });
    expect(late.status).toBe(409);
    expect(late.json.error.details.reason).toBe('not_offered');
  });

  it('leaving while offered cancels the held order and offers the seats to the next entry at once', async () => {
    const org = await createOrg(h);
    const e = await soldOutEvent(org, 2);
    const sold = await buy(org, e.typeId, 2);
    const a = await join(org, e, { quantity: 2 });
    const b = await join(org, e, { quantity: 2 });
    await cancelOrder(org, sold);
    expect((await entry(org, a.json.entryToken)).json.status).toBe('offered');
    const before = await auditCount(org, 'event_waitlist.left');
    const left = await call(h, `${pub(org)}/event-waitlist/${a.json.entryToken}`, { method: 'DELETE' });
    expect(left.status).toBe(200);
    expect(left.json).toMatchObject({ status: 'left', offer: null });
    expect(await auditCount(org, 'event_waitlist.left')).toBe(before + 1);
    expect((await entry(org, b.json.entryToken)).json).toMatchObject({ status: 'offered', position: 1 });
    expect(await pool(e.id)).toMatchObject({ onHand: 2, reserved: 2 });
    const cancelled = await h.database.db.select().from(orders).where(and(eq(orders.organizationId, org.id), eq(orders.cancelReason, 'left the waitlist')));
    expect(cancelled).toHaveLength(1);
    // Leaving twice: 409.
    expect((await call(h, `${pub(org)}/event-waitlist/${a.json.entryToken}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('two sweeps at once make one offer', async () => {
    const org = await createOrg(h);
    const e = await soldOutEvent(org, 1);
    await buy(org, e.typeId, 1);
    await join(org, e);
    await join(org, e);
    // A seat more (the capacity raised): nothing offers it until a sweep runs.
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { capacity: 2 } })).status).toBe(200);
    const made = await Promise.all([offerWaitlistSeats(h.database.db, new Date(NOW), { organizationId: org.id }), offerWaitlistSeats(h.database.db, new Date(NOW), { organizationId: org.id })]);
    expect(made[0] + made[1]).toBe(1);
    const offered = await h.database.db.select().from(eventWaitlistEntries).where(and(eq(eventWaitlistEntries.organizationId, org.id), eq(eventWaitlistEntries.status, 'offered')));
    expect(offered).toHaveLength(1);
    expect(await pool(e.id)).toMatchObject({ onHand: 2, reserved: 2 });
  });
});

describe.runIf(usingPostgres)('an offer racing checkouts (PostgreSQL: really parallel)', () => {
  it('the last seat goes once: to a checkout or to the offer, never both', { timeout: 300_000 }, async () => {
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < 5; round++) {
      const org = await createOrg(h);
      const e = await soldOutEvent(org, 5);
      // Twenty carts filled while seats were free, then the event sells out.
      const carts: string[] = [];
      for (let i = 0; i < 20; i++) carts.push((await addToCart(h, org, e.typeId, 1)).cart!);
      for (let i = 0; i < 5; i++) await buy(org, e.typeId, 1);
      expect((await join(org, e)).status).toBe(201);
      // One seat more: the checkouts and the offer sweep race for it.
      expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { capacity: 6 } })).status).toBe(200);
      const [answers, offered] = await Promise.all([
        Promise.all(carts.map((cart) => placeOrder(h, org, { contact: contact(), fulfilment: 'digital' }, { cart }))),
        offerWaitlistSeats(h.database.db, new Date(NOW), { organizationId: org.id }),
      ]);
      const won = answers.filter((a) => a.status === 201).length;
      for (const a of answers) expect([201, 409]).toContain(a.status);
      expect(won + offered).toBe(1);
      const key = offered ? 'offer' : 'checkout';
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      expect(await pool(e.id)).toMatchObject({ onHand: 6, reserved: 6 });
      const [held] = await h.database.db.select({ n: sql<number>`coalesce(sum(units), 0)::int` }).from(sql`stock_reservations`).where(sql`stock_item_id = (select capacity_stock_item_id from events where id = ${e.id})`);
      expect(held!.n).toBe(6);
    }
    console.info('last seat, offer vs 20 checkouts, 5 rounds:', outcomes);
  });
});

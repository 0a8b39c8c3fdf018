/**
 * Events and tickets (#16 item 3): the admin API (CRUD, validation, tenant 404, roles, audit
 * rows), tickets sold through the shop's cart and checkout (sales window, per-type limit and
 * capacity both enforced, digital fulfilment), tickets issued when the order is paid and voided
 * when it is cancelled or refunded (capacity returned), check-in once, and public answers
 * without personal data.
 */
import { and, count, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, events, tickets } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers } from '@/modules/notifications';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { addProduct, addToCart, contact, getCart, placeOrder, stockOf } from './support/shop-fixtures';
import { startSmtp } from './support/smtp';

const NOW = '2026-06-01T15:00:00Z';
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const base = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;

async function newEvent(org: TestOrg, body: Record<string, unknown> = {}) {
  const res = await call(h, `${base(org)}/ticketed-events`, {
    cookie: org.owner.cookie,
    body: { slug: `show-${Math.random().toString(36).slice(2, 8)}`, title: 'Magic show', startsAt: at(10), endsAt: at(10.1), capacity: 10, status: 'published', ...body },
  });
  if (res.status !== 201) throw new Error(`create event: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

async function newType(org: TestOrg, eventId: string, body: Record<string, unknown> = {}) {
  const res = await call(h, `${base(org)}/ticketed-events/${eventId}/ticket-types`, { cookie: org.owner.cookie, body: { name: 'Adult', priceMinor: 1500, ...body } });
  if (res.status !== 201) throw new Error(`create type: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** A fresh guest buys `quantity` tickets of `variantId` with the test provider (paid at once). */
async function buyTickets(org: TestOrg, variantId: string, quantity: number, body: Record<string, unknown> = {}) {
  const added = await addToCart(h, org, variantId, quantity);
  if (added.res.status !== 200) return added.res;
  return placeOrder(h, org, { fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed', ...body }, { cart: added.cart });
}

const auditCount = async (org: TestOrg, action: string) =>
  (await h.database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, action))))[0]!.n;

describe('events admin API', () => {
  it('creates, reads, lists, updates and deletes an event, one audit row each', async () => {
    const org = await createOrg(h);
    const created = await newEvent(org, { translations: { es: { title: 'Show de magia', ageNotes: 'Para todas las edades' } }, status: 'draft' });
    expect(created).toMatchObject({ title: 'Magic show', capacity: 10, status: 'draft', timezone: 'America/Chicago', sold: 0, remaining: 10, ticketTypes: [] });
    expect(await auditCount(org, 'event.created')).toBe(1);

    const got = await call(h, `${base(org)}/ticketed-events/${created.id}`, { cookie: org.owner.cookie });
    expect(got.status).toBe(200);
    expect(got.json.translations.es.title).toBe('Show de magia');

    const list = await call(h, `${base(org)}/ticketed-events?upcoming=true&status=draft`, { cookie: org.owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.data.map((e: { id: string }) => e.id)).toEqual([created.id]);
    expect(list.json.pagination).toMatchObject({ total: 1, page: 1 });
    const past = await call(h, `${base(org)}/ticketed-events?upcoming=false`, { cookie: org.owner.cookie });
    expect(past.json.data).toEqual([]);

    const patched = await call(h, `${base(org)}/ticketed-events/${created.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { title: 'Grand magic show', capacity: 20, status: 'published' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ title: 'Grand magic show', capacity: 20, remaining: 20, status: 'published' });
    expect(await auditCount(org, 'event.updated')).toBe(1);

    const del = await call(h, `${base(org)}/ticketed-events/${created.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(del.status).toBe(204);
    expect(await auditCount(org, 'event.deleted')).toBe(1);
    expect((await call(h, `${base(org)}/ticketed-events/${created.id}`, { cookie: org.owner.cookie })).status).toBe(404);
  });

  it('answers 400 for bad input, never 500', async () => {
    const org = await createOrg(h);
    const bad = [
      { slug: 'Bad Slug', title: 'x', startsAt: at(1), endsAt: at(2), capacity: 5 },
      { slug: 'ok', title: 'x', startsAt: at(2), endsAt: at(1), capacity: 5 },
      { slug: 'ok', title: 'x', startsAt: at(1), endsAt: at(2), capacity: 0 },
      { slug: 'ok', title: 'x', startsAt: at(1), endsAt: at(2), capacity: 5, images: ['http://insecure.example/a.png'] },
      { slug: 'ok', title: 'x', startsAt: at(1), endsAt: at(2), capacity: 5, salesStartAt: at(1), salesEndAt: at(0) },
      { slug: 'ok', title: 'x'.repeat(201), startsAt: at(1), endsAt: at(2), capacity: 5 },
      { slug: 'ok', title: 'x', startsAt: 'tomorrow', endsAt: at(2), capacity: 5 },
      { slug: 'ok', title: 'x', startsAt: at(1), endsAt: at(2), capacity: 5, timezone: 'Mars/Olympus' },
    ];
    for (const body of bad) {
      const res = await call(h, `${base(org)}/ticketed-events`, { cookie: org.owner.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    const e = await newEvent(org);
    const moved = await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { endsAt: at(1) } });
    expect(moved.status).toBe(400);
    const badType = await call(h, `${base(org)}/ticketed-events/${e.id}/ticket-types`, { cookie: org.owner.cookie, body: { name: 'Kid', priceMinor: -1 } });
    expect(badType.status).toBe(400);
    const badCode = await call(h, `${base(org)}/check-in`, { cookie: org.owner.cookie, body: { code: 'nope' } });
    expect(badCode.status).toBe(400);
    const taken = await call(h, `${base(org)}/ticketed-events`, { cookie: org.owner.cookie, body: { slug: e.slug, title: 'Again', startsAt: at(1), endsAt: at(2), capacity: 5 } });
    expect(taken.status).toBe(409);
  });

  it("another organization's event is a 404; roles: staff reads and checks in, cannot manage", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const e = await newEvent(org);
    const t = await newType(org, e.id);
    expect((await call(h, `${base(other)}/ticketed-events/${e.id}`, { cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `${base(other)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: other.owner.cookie, body: { title: 'Mine' } })).status).toBe(404);
    expect((await call(h, `${base(other)}/ticketed-events/${e.id}/ticket-types/${t.id}`, { method: 'DELETE', cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `${base(other)}/ticketed-events/${e.id}/tickets`, { cookie: other.owner.cookie })).status).toBe(404);
    // Not a member at all: 404 as well.
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: other.owner.cookie })).status).toBe(404);

    const staff = await addMember(h, org, 'staff');
    expect((await call(h, `${base(org)}/ticketed-events`, { cookie: staff.cookie })).status).toBe(200);
    const denied = await call(h, `${base(org)}/ticketed-events`, { cookie: staff.cookie, body: { slug: 'nope', title: 'x', startsAt: at(1), endsAt: at(2), capacity: 5 } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.details.permission).toBe('events:manage');
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `${base(org)}/ticketed-events`, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call(h, `${base(org)}/check-in`, { cookie: viewer.cookie, body: { code: 'ABCD-EFGH-JKMN-PQRS-TVWX' } })).status).toBe(403);
    const manager = await addMember(h, org, 'manager');
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: manager.cookie, body: { ageNotes: 'Ages 4+' } })).status).toBe(200);
  });

  it('ticket types: create, update (limit below sold → 409), delete only unsold', async () => {
    const org = await createOrg(h);
    const e = await newEvent(org, { capacity: 8 });
    const adult = await newType(org, e.id, { limit: 5, translations: { es: { name: 'Adulto' } } });
    expect(adult).toMatchObject({ name: 'Adult', limit: 5, remaining: 5, sold: 0, currency: 'USD' });
    expect(await auditCount(org, 'ticket_type.created')).toBe(1);
    const kid = await newType(org, e.id, { name: 'Kid', priceMinor: 900 });
    expect(kid).toMatchObject({ limit: null, remaining: 8 });

    expect((await buyTickets(org, adult.id, 3)).status).toBe(201);
    const lower = await call(h, `${base(org)}/ticketed-events/${e.id}/ticket-types/${adult.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { limit: 2 } });
    expect(lower.status).toBe(409);
    expect(lower.json.error.details.reason).toBe('limit_below_sold');
    const ok = await call(h, `${base(org)}/ticketed-events/${e.id}/ticket-types/${adult.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { limit: 4, priceMinor: 1700 } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ limit: 4, priceMinor: 1700, sold: 3, remaining: 1 });
    expect(await auditCount(org, 'ticket_type.updated')).toBe(1);

    const delSold = await call(h, `${base(org)}/ticketed-events/${e.id}/ticket-types/${adult.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(delSold.status).toBe(409);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}/ticket-types/${kid.id}`, { method: 'DELETE', cookie: org.owner.cookie })).status).toBe(204);
    expect(await auditCount(org, 'ticket_type.deleted')).toBe(1);

    // The event with sales cannot be deleted, nor its capacity go below what is sold.
    const delEvent = await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'DELETE', cookie: org.owner.cookie });
    expect(delEvent.status).toBe(409);
    const shrink = await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { capacity: 2 } });
    expect(shrink.status).toBe(409);
    expect(shrink.json.error.details.reason).toBe('capacity_below_sold');
    const fine = await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { capacity: 3 } });
    expect(fine.status).toBe(200);
    expect(fine.json).toMatchObject({ capacity: 3, sold: 3, remaining: 0 });
  });
});

describe('buying tickets', () => {
  it('enforces the per-type limit and the capacity shared by all types', async () => {
    const org = await createOrg(h);
    const e = await newEvent(org, { capacity: 5 });
    const vip = await newType(org, e.id, { name: 'VIP', priceMinor: 5000, limit: 2 });
    const general = await newType(org, e.id, { name: 'General', priceMinor: 1000 });

    const tooMany = await addToCart(h, org, vip.id, 3);
    expect(tooMany.res.status).toBe(409);
    expect(tooMany.res.json.error.details).toMatchObject({ reason: 'insufficient_stock', available: 2 });
    expect((await buyTickets(org, vip.id, 2)).status).toBe(201);
    expect((await addToCart(h, org, vip.id, 1)).res.json.error.details.reason).toBe('out_of_stock');

    // Three seats left in all: a cart of 2 general + ... the capacity judges both types together.
    const first = await addToCart(h, org, general.id, 3);
    expect(first.res.status).toBe(200);
    const second = await addToCart(h, org, general.id, 3);
    expect(second.res.status).toBe(200);
    expect((await placeOrder(h, org, { fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' }, { cart: first.cart })).status).toBe(201);
    const late = await placeOrder(h, org, { fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' }, { cart: second.cart });
    expect(late.status).toBe(409);
    expect(late.json.error.details.reason).toBe('out_of_stock');

    const got = (await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json;
    expect(got).toMatchObject({ sold: 5, remaining: 0, held: 0 });
    const pool = await stockOf(h, org, (await h.database.db.select().from(events).where(eq(events.id, e.id)))[0]!.capacityStockItemId);
    expect(pool).toMatchObject({ onHand: 5, reserved: 5 });
  });

  it('checks the sales window and the event status at add-to-cart and at checkout', async () => {
    const org = await createOrg(h);
    const notYet = await newEvent(org, { salesStartAt: at(1) });
    const t1 = await newType(org, notYet.id);
    const early = await addToCart(h, org, t1.id, 1);
    expect(early.res.status).toBe(409);
    expect(early.res.json.error.details.reason).toBe('sales_closed');

    const open = await newEvent(org);
    const t2 = await newType(org, open.id);
    const added = await addToCart(h, org, t2.id, 1);
    expect(added.res.status).toBe(200);
    // The organizer closes sales while the ticket sits in the cart.
    await call(h, `${base(org)}/ticketed-events/${open.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { salesEndAt: at(-1), salesStartAt: at(-2) } });
    const cart = await getCart(h, org, { cart: added.cart });
    expect(cart.res.json.lines[0].problems.map((p: { code: string }) => p.code)).toContain('sales_closed');
    const refused = await placeOrder(h, org, { fulfilment: 'digital' }, { cart: added.cart });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.reason).toBe('sales_closed');

    const draft = await newEvent(org, { status: 'draft' });
    const t3 = await newType(org, draft.id);
    expect((await addToCart(h, org, t3.id, 1)).res.status).toBe(404);
  });

  it('a cart of tickets checks out as digital without shop settings; a mixed cart needs pickup or shipping', async () => {
    const org = await createOrg(h);
    const e = await newEvent(org);
    const t = await newType(org, e.id);
    const added = await addToCart(h, org, t.id, 2);
    const cart = await getCart(h, org, { cart: added.cart });
    expect(cart.res.json.fulfilmentOptions.digital).toBe(true);
    expect(cart.res.json.totals.shippingMinor).toBe(0);
    const pickup = await placeOrder(h, org, { fulfilment: 'pickup' }, { cart: added.cart });
    expect(pickup.status).toBe(422);
    const placed = await placeOrder(h, org, { fulfilment: 'digital' }, { cart: added.cart });
    expect(placed.status).toBe(201);
    expect(placed.json.order).toMatchObject({ fulfilment: 'digital', status: 'pending_payment', tickets: [] });

    const shelf = await addProduct(h, org, { variants: [{ sku: 'CAP', priceMinor: 2000, onHand: 5 }] });
    const mixed = await addToCart(h, org, t.id, 1);
    const both = await addToCart(h, org, shelf.variants.CAP!.id, 1, { cart: mixed.cart });
    expect((await getCart(h, org, { cart: both.cart })).res.json.fulfilmentOptions.digital).toBe(false);
    expect((await placeOrder(h, org, { fulfilment: 'digital' }, { cart: both.cart })).status).toBe(422);
    expect((await placeOrder(h, org, { fulfilment: 'pickup' }, { cart: both.cart })).status).toBe(201);
  });
});

describe('tickets follow their order', () => {
  it('issues one ticket per person when paid; cancel and refund void them and give the seats back', async () => {
    const org = await createOrg(h);
    const e = await newEvent(org, { capacity: 4 });
    const t = await newType(org, e.id);

    // Manual payment: no tickets until the shop marks it paid.
    const added = await addToCart(h, org, t.id, 2);
    const placed = await placeOrder(h, org, { fulfilment: 'digital', contact: contact('ana@example.test') }, { cart: added.cart });
    expect(placed.status).toBe(201);
    const orderId = placed.json.orderId;
    const status = () => call(h, `/api/v1/public/orgs/${org.slug}/orders/${placed.json.statusToken}`);
    expect((await status()).json.tickets).toEqual([]);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json).toMatchObject({ sold: 0, held: 2, remaining: 2 });
    const paid = await call(h, `${base(org)}/orders/${orderId}/pay`, { cookie: org.owner.cookie, body: {} });
    expect(paid.status).toBe(200);
    const shown = (await status()).json.tickets;
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ ticketType: 'Adult', status: 'valid', checkedInAt: null, event: { slug: e.slug, title: 'Magic show' } });
    expect(shown[0].code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(shown[0].code).not.toBe(shown[1].code);
    expect(shown[0].qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json).toMatchObject({ sold: 2, held: 0, remaining: 2 });
    const list = await call(h, `${base(org)}/ticketed-events/${e.id}/tickets`, { cookie: org.owner.cookie });
    expect(list.json.data).toHaveLength(2);
    expect(list.json.data[0]).toMatchObject({ holderName: 'Pat Buyer', ticketType: 'Adult', orderNumber: placed.json.order.number, status: 'valid' });

    // Codes are stored hashed and sealed, never in the clear.
    const rows = await h.database.db.select().from(tickets).where(eq(tickets.orderId, orderId));
    expect(JSON.stringify(rows)).not.toContain(shown[0].code.replace(/-/g, ''));

    const cancelled = await call(h, `${base(org)}/orders/${orderId}/cancel`, { cookie: org.owner.cookie, body: {} });
    expect(cancelled.status).toBe(200);
    expect((await status()).json.tickets.map((x: { status: string }) => x.status)).toEqual(['void', 'void']);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json).toMatchObject({ sold: 0, remaining: 4 });
    const voided = await call(h, `${base(org)}/check-in`, { cookie: org.owner.cookie, body: { code: shown[0].code } });
    expect(voided.status).toBe(409);
    expect(voided.json.error.details.reason).toBe('ticket_void');

    // Paid online, then refunded: voided, seats back.
    const bought = await buyTickets(org, t.id, 3);
    expect(bought.status).toBe(201);
    expect(bought.json.order.status).toBe('paid');
    expect(bought.json.order.tickets).toHaveLength(3);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json).toMatchObject({ sold: 3, remaining: 1 });
    const refunded = await call(h, `${base(org)}/orders/${bought.json.orderId}/refund`, { cookie: org.owner.cookie, body: {} });
    expect(refunded.status).toBe(200);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json).toMatchObject({ sold: 0, remaining: 4 });
  });

  it("the paid email carries each ticket's code in the buyer's language and its QR code as an attached PNG", async () => {
    const smtp = await startSmtp();
    const mailer = createMailer(h.database.db, { smtpUrl: smtp.url, from: 'Venue <venue@bookline.test>', timeoutMs: 3000 });
    try {
      const org = await createOrg(h);
      const e = await newEvent(org, { title: 'Noche de ciencia' });
      const t = await newType(org, e.id, { name: 'Niño' });
      const email = `fan-${Date.now()}@venue.bookline.test`;
      const bought = await buyTickets(org, t.id, 2, { contact: contact(email), locale: 'es' });
      expect(bought.status).toBe(201);
      await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' }), mailer), new Date(Date.now() + 60_000), 1000, { organizationId: org.id });
      const paid = smtp.received.find((m) => m.envelopeTo.includes(email) && m.parsed.subject === `Pago recibido del pedido ${bought.json.order.number}`);
      expect(paid).toBeDefined();
      const codes = (bought.json.order.tickets as { code: string }[]).map((x) => x.code);
      for (const code of codes) expect(paid!.parsed.text).toContain(code);
      expect(paid!.parsed.text).toContain('Entrada 1: Niño, Noche de ciencia');
      const pngs = paid!.parsed.attachments.filter((a) => a.contentType === 'image/png');
      expect(pngs).toHaveLength(2);
      // A real PNG (its signature), not base64 text sent as is.
      expect(pngs[0]!.content.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      // The order-placed email has no codes (they come once the order is paid).
      const placedMail = smtp.received.find((m) => m.envelopeTo.includes(email) && m.parsed.subject?.startsWith('Tu pedido'));
      for (const code of codes) expect(placedMail!.parsed.text).not.toContain(code);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('checks a ticket in once: the second scan is a 409 with the time; unknown codes 404; audited', async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const e = await newEvent(org);
    const t = await newType(org, e.id);
    const bought = await buyTickets(org, t.id, 1);
    const code: string = bought.json.order.tickets[0].code;
    const staff = await addMember(h, org, 'staff');

    const first = await call(h, `${base(org)}/check-in`, { cookie: staff.cookie, body: { code: code.toLowerCase().replace(/-/g, ' ') } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ checkedInAt: NOW.replace('Z', '.000Z'), event: { id: e.id }, ticket: { status: 'valid', ticketType: 'Adult' } });
    expect(await auditCount(org, 'ticket.checked_in')).toBe(1);
    const second = await call(h, `${base(org)}/check-in`, { cookie: staff.cookie, body: { code } });
    expect(second.status).toBe(409);
    expect(second.json.error.details).toMatchObject({ reason: 'already_checked_in', checkedInAt: first.json.checkedInAt });
    expect(await auditCount(org, 'ticket.checked_in')).toBe(1);
    expect((await call(h, `${base(org)}/check-in`, { cookie: staff.cookie, body: { code: 'ABCD-EFGH-JKMN-PQRS-TVWX' } })).status).toBe(404);
    // Another organization's staff cannot check in (or learn about) this code.
    expect((await call(h, `${base(other)}/check-in`, { cookie: other.owner.cookie, body: { code } })).status).toBe(404);
    expect((await call(h, `${base(org)}/ticketed-events/${e.id}`, { cookie: org.owner.cookie })).json.checkedIn).toBe(1);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/orders/${bought.json.statusToken}`)).json.tickets[0].checkedInAt).toBe(first.json.checkedInAt);
  });
});

describe('public events', () => {
  it('lists published, not ended events with what is left, in the asked language, cacheable and without personal data', async () => {
    const org = await createOrg(h);
    const e = await newEvent(org, { capacity: 3, translations: { es: { title: 'Show de magia', description: 'Trucos', ageNotes: 'Todas las edades' } }, description: 'Tricks' });
    const t = await newType(org, e.id, { translations: { es: { name: 'Adulto' } } });
    await newEvent(org, { status: 'draft' });
    await newEvent(org, { startsAt: at(-3), endsAt: at(-2.9) });
    await buyTickets(org, t.id, 2, { contact: { email: 'secret-buyer@example.test', name: 'Secret Buyer' } });

    const list = await call(h, `/api/v1/public/orgs/${org.slug}/events?locale=es`);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(list.json.data).toHaveLength(1);
    expect(list.json.data[0]).toMatchObject({ slug: e.slug, title: 'Show de magia', description: 'Trucos', ageNotes: 'Todas las edades', remaining: 1, soldOut: false, sales: 'on_sale', fromPriceMinor: 1500 });
    expect(list.json.locale).toBe('es');

    const one = await call(h, `/api/v1/public/orgs/${org.slug}/events/${e.slug}?locale=en`);
    expect(one.status).toBe(200);
    expect(one.json.title).toBe('Magic show');
    expect(one.json.ticketTypes).toEqual([{ variantId: t.id, name: 'Adult', priceMinor: 1500, currency: 'USD', remaining: 1, soldOut: false }]);
    const text = list.text + one.text;
    for (const pii of ['secret-buyer', 'Secret Buyer', org.owner.email]) expect(text).not.toContain(pii);

    expect((await call(h, `/api/v1/public/orgs/${org.slug}/events/no-such-event`)).status).toBe(404);
    await buyTickets(org, t.id, 1);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/events/${e.slug}`)).json).toMatchObject({ remaining: 0, soldOut: true });
  });

  it('keeps ticket products out of the shop: product list, search and dashboard products', async () => {
    const org = await createOrg(h);
    const e = await newEvent(org, { title: 'Unique zebra party' });
    const t = await newType(org, e.id);
    const shop = await call(h, `/api/v1/public/orgs/${org.slug}/products?q=zebra`);
    expect(shop.status).toBe(200);
    expect(shop.json.data).toEqual([]);
    const all = await call(h, `/api/v1/public/orgs/${org.slug}/products`);
    expect(all.json.data).toEqual([]);
    const dash = await call(h, `${base(org)}/products`, { cookie: org.owner.cookie });
    expect(dash.status).toBe(200);
    expect(dash.json.data).toEqual([]);
    const [row] = await h.database.db.select().from(events).where(eq(events.id, e.id));
    expect((await call(h, `${base(org)}/products/${row!.productId}`, { cookie: org.owner.cookie })).status).toBe(404);
    // The seats are not shelf stock: not in the low-stock list, not adjustable by hand.
    await call(h, `${base(org)}/ticketed-events/${e.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { capacity: 1 } });
    expect((await buyTickets(org, t.id, 1)).status).toBe(201);
    const low = await call(h, `${base(org)}/low-stock`, { cookie: org.owner.cookie });
    expect(low.status).toBe(200);
    expect(low.json.data).toEqual([]);
    const adjust = await call(h, `${base(org)}/stock-items/${row!.capacityStockItemId}/adjustments`, { cookie: org.owner.cookie, body: { delta: 5, reason: 'counted' } });
    expect(adjust.status).toBe(404);
  });
});

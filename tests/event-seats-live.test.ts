/**
 * Live seats on the public event pages (#16 item 3): every change of an event's seats writes one
 * `event.seats_changed` outbox row in its transaction; the realtime publisher turns it into a
 * `seats` event with the event's seats left read at publish time, on the public seats stream
 * (`GET /public/orgs/{slug}/seats/stream`) over real HTTP. On the test database (PGlite, or
 * PostgreSQL under TEST_DATABASE_URL) with LISTEN/NOTIFY.
 *
 * What is proven: buying tickets publishes the new remaining (per type and in all); a cancel
 * publishes the seats coming back; a capacity change publishes too; racing buyers write one row
 * per checkout that took seats and none for the refused; a plain shop order writes and
 * publishes none; a member's booking stream gets no seats events; `?event=` narrows the stream to
 * one event; an unknown organization or event is the 404 envelope before any byte.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { addProduct, addToCart, placeOrder } from './support/shop-fixtures';
import { openSse, serveApp } from './support/sse';

let h: Harness;
let server: Awaited<ReturnType<typeof serveApp>>;
beforeAll(async () => {
  h = await createHarness({ realtime: { publishIntervalMs: 100, hub: { maxStreamsPerAddress: 50, heartbeatMs: 60_000 } } });
  await h.realtime!.start();
  server = await serveApp(h.app);
}, 120_000);
afterAll(async () => {
  h?.realtime?.hub.closeAll();
  await server?.close();
  await h?.close();
});

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const base = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;

async function newEvent(org: TestOrg, body: Record<string, unknown> = {}) {
  const res = await call(h, `${base(org)}/ticketed-events`, {
    cookie: org.owner.cookie,
    body: { slug: `show-${Math.random().toString(36).slice(2, 8)}`, title: 'Magic show', startsAt: at(10), endsAt: at(10.1), capacity: 5, status: 'published', ...body },
  });
  if (res.status !== 201) throw new Error(`create event: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; slug: string };
}

async function newType(org: TestOrg, eventId: string, body: Record<string, unknown> = {}) {
  const res = await call(h, `${base(org)}/ticketed-events/${eventId}/ticket-types`, { cookie: org.owner.cookie, body: { name: 'Adult', priceMinor: 1500, ...body } });
  if (res.status !== 201) throw new Error(`create type: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string };
}

/** A guest checks out `quantity` tickets (manual payment: the seats are held at once). */
async function buyTickets(org: TestOrg, variantId: string, quantity: number) {
  const added = await addToCart(h, org, variantId, quantity);
  expect(added.res.status).toBe(200);
  const placed = await placeOrder(h, org, { fulfilment: 'digital' }, { cart: added.cart });
  expect(placed.status).toBe(201);
  return placed.json as { orderId: string };
}

interface Seats {
  id: string;
  seq: number;
  eventId: string;
  slug: string;
  remaining: number;
  soldOut: boolean;
  ticketTypes: { variantId: string; remaining: number; soldOut: boolean }[];
}

const seatsStream = (org: TestOrg, query = '', headers: Record<string, string> = {}) => openSse(`${server.url}/api/v1/public/orgs/${org.slug}/seats/stream${query}`, headers);
const seatsRows = async (org: TestOrg) => (await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'event.seats_changed')))).length;
const allPublished = async (org: TestOrg) => (await h.database.db.select().from(outbox).where(eq(outbox.organizationId, org.id))).every((r) => r.publishedAt !== null);
/** The setup's own changes (a ticket type created) published: a stream opened now starts after them. */
const settled = (org: TestOrg) => expect.poll(() => allPublished(org), { timeout: 10_000 }).toBe(true);

describe('public seats stream', () => {
  it('a purchase publishes the seats left per type and in all; a cancel publishes them coming back', async () => {
    const org = await createOrg(h);
    const event = await newEvent(org, { capacity: 5 });
    const adult = await newType(org, event.id);
    const child = await newType(org, event.id, { name: 'Child', priceMinor: 900, limit: 2 });
    await settled(org);
    const opened = await seatsStream(org);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    const sse = opened.sse!;
    await sse.until((c) => c.frames.some((f) => f.retry), 5_000, 'the retry frame');

    const before = await seatsRows(org);
    const { orderId } = await buyTickets(org, adult.id, 3);
    // One row for the one event the checkout touched, in the checkout's transaction.
    expect(await seatsRows(org)).toBe(before + 1);
    await sse.until((c) => c.events<Seats>('seats').some((e) => e.eventId === event.id && e.remaining === 2), 10_000, 'the purchase’s seats');
    const bought = sse.events<Seats>('seats').find((e) => e.remaining === 2)!;
    expect(Object.keys(bought).sort()).toEqual(['eventId', 'id', 'remaining', 'seq', 'slug', 'soldOut', 'ticketTypes']);
    expect(bought).toMatchObject({ slug: event.slug, soldOut: false, id: String(bought.seq) });
    expect(bought.ticketTypes).toEqual([
      { variantId: adult.id, remaining: 2, soldOut: false },
      { variantId: child.id, remaining: 2, soldOut: false },
    ]);

    // The last two seats: sold out, per type and in all.
    await buyTickets(org, child.id, 2);
    await sse.until((c) => c.events<Seats>('seats').some((e) => e.soldOut), 10_000, 'sold out');
    expect(sse.events<Seats>('seats').find((e) => e.soldOut)!.ticketTypes.every((t) => t.soldOut && t.remaining === 0)).toBe(true);

    const cancelled = await call(h, `${base(org)}/orders/${orderId}/cancel`, { cookie: org.owner.cookie, body: {} });
    expect(cancelled.status).toBe(200);
    await sse.until((c) => c.events<Seats>('seats').some((e) => e.seq > bought.seq && e.remaining === 3), 10_000, 'the seats coming back');
    const back = sse.events<Seats>('seats').at(-1)!;
    expect(back).toMatchObject({ remaining: 3, soldOut: false });
    // Child's own limit (2) is all sold: it stays sold out while adults have the 3 seats back.
    expect(back.ticketTypes).toEqual([
      { variantId: adult.id, remaining: 3, soldOut: false },
      { variantId: child.id, remaining: 0, soldOut: true },
    ]);
    sse.close();
  });

  it('follows a capacity change; `?event=` narrows the stream to that event', async () => {
    const org = await createOrg(h);
    const one = await newEvent(org, { capacity: 4 });
    const two = await newEvent(org, { capacity: 4 });
    const t1 = await newType(org, one.id);
    const t2 = await newType(org, two.id);
    await settled(org);
    const onlyTwo = await seatsStream(org, `?event=${two.slug}`);
    const all = await seatsStream(org);
    await buyTickets(org, t1.id, 1);
    const grown = await call(h, `${base(org)}/ticketed-events/${two.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { capacity: 9 } });
    expect(grown.status).toBe(200);
    await onlyTwo.sse!.until((c) => c.events<Seats>('seats').some((e) => e.remaining === 9), 10_000, 'the new capacity');
    await all.sse!.until((c) => c.events<Seats>('seats').some((e) => e.eventId === two.id && e.remaining === 9), 10_000, 'the new capacity on the org stream');
    expect(all.sse!.events<Seats>('seats').some((e) => e.eventId === one.id && e.remaining === 3)).toBe(true);
    expect(onlyTwo.sse!.events<Seats>('seats').every((e) => e.eventId === two.id)).toBe(true);
    expect(onlyTwo.sse!.events<Seats>('seats').find((e) => e.remaining === 9)!.ticketTypes).toEqual([{ variantId: t2.id, remaining: 9, soldOut: false }]);
    onlyTwo.sse!.close();
    all.sse!.close();
  });

  it('a plain shop order writes and publishes no seats event; a member’s booking stream never carries seats', async () => {
    const org = await createOrg(h);
    const event = await newEvent(org);
    const type = await newType(org, event.id);
    const shelf = await addProduct(h, org, { variants: [{ sku: `CAP${Date.now()}`, priceMinor: 2000, onHand: 5 }] });
    const sku = Object.keys(shelf.variants)[0]!;
    await settled(org);
    const seats = await seatsStream(org);
    const members = await openSse(`${server.url}/api/v1/orgs/${org.slug}/events`, { cookie: org.owner.cookie });
    expect(members.status).toBe(200);
    await seats.sse!.until((c) => c.frames.some((f) => f.retry), 5_000, 'the retry frame');

    const before = await seatsRows(org);
    const added = await addToCart(h, org, shelf.variants[sku]!.id, 2);
    const placed = await placeOrder(h, org, { fulfilment: 'pickup' }, { cart: added.cart });
    expect(placed.status).toBe(201);
    const cancelled = await call(h, `${base(org)}/orders/${placed.json.orderId}/cancel`, { cookie: org.owner.cookie, body: {} });
    expect(cancelled.status).toBe(200);
    expect(await seatsRows(org)).toBe(before);
    await expect.poll(() => allPublished(org), { timeout: 10_000 }).toBe(true);

    // Then a ticket: the seats stream gets it (so the shop order's absence is not a slow stream).
    await buyTickets(org, type.id, 1);
    await seats.sse!.until((c) => c.events<Seats>('seats').length > 0, 10_000, 'the ticket’s seats');
    expect(seats.sse!.events<Seats>('seats').map((e) => e.remaining)).toEqual([4]);
    await expect.poll(() => allPublished(org), { timeout: 10_000 }).toBe(true);
    // The member stream saw the same batches and passed nothing of them.
    expect(members.sse!.frames.filter((f) => f.event && f.event !== 'booking')).toEqual([]);
    expect(members.sse!.events('booking')).toEqual([]);
    seats.sse!.close();
    members.sse!.close();
  });

  it('racing buyers: one row per checkout that took seats, none for those refused; the last event says sold out', async () => {
    const org = await createOrg(h);
    const event = await newEvent(org, { capacity: 4 });
    const type = await newType(org, event.id);
    await settled(org);
    const sse = (await seatsStream(org, `?event=${event.slug}`)).sse!;
    await sse.until((c) => c.frames.some((f) => f.retry), 5_000, 'the retry frame');
    const carts = await Promise.all(Array.from({ length: 7 }, () => addToCart(h, org, type.id, 1)));
    const before = await seatsRows(org);
    const placed = await Promise.all(carts.map((c) => placeOrder(h, org, { fulfilment: 'digital' }, { cart: c.cart })));
    const won = placed.filter((r) => r.status === 201).length;
    expect(won).toBe(4);
    expect(placed.filter((r) => r.status === 409).length).toBe(3);
    expect(await seatsRows(org)).toBe(before + won);
    await sse.until((c) => c.events<Seats>('seats').some((e) => e.soldOut), 15_000, 'sold out');
    await expect.poll(() => allPublished(org), { timeout: 10_000 }).toBe(true);
    // Figures read at publish time never go back up while seats only sell: the newest is 0.
    const remaining = sse.events<Seats>('seats').map((e) => e.remaining);
    expect(remaining.at(-1)).toBe(0);
    expect([...remaining].sort((a, b) => b - a)).toEqual(remaining);
    sse.close();
  });

  it('refuses before streaming: an unknown organization or event is the 404 envelope, a malformed slug 400', async () => {
    const org = await createOrg(h);
    const draft = await newEvent(org, { status: 'draft' });
    const nobody = await openSse(`${server.url}/api/v1/public/orgs/no-such-org-${Date.now()}/seats/stream`);
    expect(nobody.status).toBe(404);
    expect(nobody.json.error.code).toBe('NOT_FOUND');
    const missing = await seatsStream(org, '?event=no-such-event');
    expect(missing.status).toBe(404);
    const hidden = await seatsStream(org, `?event=${draft.slug}`);
    expect(hidden.status).toBe(404);
    const malformed = await seatsStream(org, `?event=${encodeURIComponent("x'; drop table events; --")}`);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('VALIDATION');
  });

  it('resumes after Last-Event-ID with the missed change', async () => {
    const org = await createOrg(h);
    const event = await newEvent(org, { capacity: 6 });
    const type = await newType(org, event.id);
    await settled(org);
    const first = await seatsStream(org);
    await buyTickets(org, type.id, 1);
    await first.sse!.until((c) => c.events<Seats>('seats').some((e) => e.remaining === 5), 10_000, 'the first purchase');
    const lastId = first.sse!.events<Seats>('seats').find((e) => e.remaining === 5)!.id;
    first.sse!.close();
    await buyTickets(org, type.id, 2);
    await expect.poll(() => allPublished(org), { timeout: 10_000 }).toBe(true);
    const resumed = await seatsStream(org, '', { 'last-event-id': lastId });
    await resumed.sse!.until((c) => c.events<Seats>('seats').some((e) => e.remaining === 3), 10_000, 'the missed purchase');
    expect(resumed.sse!.events<Seats>('seats').map((e) => e.remaining)).toEqual([3]);
    resumed.sse!.close();
  });
});

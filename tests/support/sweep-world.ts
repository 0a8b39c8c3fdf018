/**
 * The shared world of the route-wide sweeps and the table that classifies every route.
 *
 * Org A holds the data (catalog, a guest booking with distinctive personal data, members,
 * an invitation, an override, a blackout); org B is another customer of the platform; a
 * viewer and a staff member belong to A. `markers` are strings only A's members may ever see.
 *
 * `routeTable` names every route of the Hono app by "METHOD pattern". The sweeps enumerate
 * the app's routes and fail on any route missing here, so a new route cannot go unswept:
 * add it with its access class and, for a mutation, an example request that succeeds and the
 * audit action it writes.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { mailMessages, outbox as outboxTable, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers } from '@/modules/notifications';
import { addMember, call, createOrg, signUp, type TestOrg, type TestUser, uniq } from './factories';
import { createHarness, type Harness } from './harness';
import { bookableSetup } from './scheduling';
import { addProduct, addToCart, cartCookie } from './shop-fixtures';
import { orders as ordersTable, payments as paymentsTable } from '@/db/schema';
import { testWebhookSignature } from '@/modules/orders';
import { offerWaitlistSeats } from '@/modules/event-waitlist';
import { forgetCachedSessions } from '@/modules/identity';

// Monday 2026-06-01 07:00 in Chicago; the booking slots below are all after it.
export const SWEEP_NOW = '2026-06-01T12:00:00Z';
// A month earlier: bookings made then have started by SWEEP_NOW (start, complete, no-show need that).
const SWEEP_PAST = '2026-05-01T12:00:00Z';

export interface World {
  h: Harness;
  a: TestOrg;
  b: TestOrg;
  viewer: TestUser & { memberId: string };
  staff: TestUser & { memberId: string };
  service: { id: string; slug: string };
  resources: { id: string }[];
  booking: { id: string; token: string; customerId: string };
  bBooking: { id: string; token: string };
  invitation: { id: string; email: string };
  overrideId: string;
  blackoutId: string;
  /** One of A's owner's notifications (from the A booking). */
  notificationId: string;
  /** A webhook endpoint of A (its URL is on loopback, on a port where nothing listens). */
  endpointId: string;
  /** A message the mail catcher kept for A (the booking's confirmation). */
  mailId: string;
  /** A calendar feed of A's first resource (it holds A's booking) and one of B's: id and `<token>.ics`. */
  feed: { id: string; file: string };
  bFeed: { id: string; file: string };
  /** A member tier of A that A's staff member holds. */
  tierId: string;
  /** A booking rule of A (a warning that never trips) and an approval a booking of A waits for. */
  ruleId: string;
  approvalId: string;
  /** A waitlist entry of A's owner, waiting for a taken time of A's first resource. */
  waitlistEntryId: string;
  /** A recurring series of A (two weekly occurrences booked by A's owner). */
  seriesId: string;
  /** An add-on of A's service. */
  addonId: string;
  /** The shop's catalog in A: a category, an active product (by id and slug), its variant and that variant's stock item. */
  /** A's shop for orders: a variant with plenty of stock to put in carts, a guest's order (id and status-link token) and a promo code. */
  shop: { categoryId: string; productId: string; productSlug: string; variantId: string; stockItemId: string; cartVariantId: string; orderId: string; orderToken: string; orderLineId: string; promoCodeId: string };
  /** A's events (modules/events): a published event with a ticket type, and a paid guest order's ticket code. */
  events: { eventId: string; eventSlug: string; ticketTypeId: string; ticketCode: string; entryToken: string };
  /** Strings private to org A: its customers' and members' personal data and its booking keys. */
  markers: string[];
  /** A free one-hour slot in A (Mon–Fri 09:00–17:00 Chicago), never handed out twice. */
  slot(): string;
  /** The same app and database a month before SWEEP_NOW, to make bookings that have started by now. */
  past: Harness;
  /** A free slot in A between SWEEP_PAST and SWEEP_NOW, never handed out twice. */
  pastSlot(): string;
  /** A date no other call of this world uses (for date overrides and blackouts). */
  freshDate(): string;
}

function slotGenerator(startDay: string, hours = [9, 10, 11, 12, 13, 14, 15, 16]) {
  const day = new Date(`${startDay}T00:00:00Z`);
  let i = 0;
  return () => {
    for (;;) {
      const weekday = day.getUTCDay();
      if (weekday !== 0 && weekday !== 6 && i < hours.length) {
        const hh = String(hours[i++]).padStart(2, '0');
        return `${day.toISOString().slice(0, 10)}T${hh}:00:00-05:00`;
      }
      i = 0;
      day.setUTCDate(day.getUTCDate() + 1);
    }
  };
}

/**
 * Start times for weekly two-occurrence series: Mondays (Chicago, UTC−5 in summer), 09:00–16:00,
 * then the Monday two weeks on, so a series' second week is never handed out. Far from `slot()`'s
 * days, so series never collide with the other examples.
 */
function seriesSlotGenerator(startMonday: string) {
  const day = new Date(`${startMonday}T00:00:00Z`);
  let hour = 9;
  return () => {
    if (hour > 16) {
      hour = 9;
      day.setUTCDate(day.getUTCDate() + 14);
    }
    return `${day.toISOString().slice(0, 10)}T${String(hour++).padStart(2, '0')}:00:00-05:00`;
  };
}
const seriesSlot = seriesSlotGenerator('2026-08-03');

function dateGenerator(startDay: string) {
  const day = new Date(`${startDay}T00:00:00Z`);
  return () => {
    day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString().slice(0, 10);
  };
}

async function ok<T = any>(res: Promise<{ status: number; json: any }>, status: number, what: string): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json as T;
}

const serviceSettings = { durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, cancellationNoticeMinutes: 60, maxAdvanceDays: 365 };

export async function createWorld(opts: { harness?: Harness } = {}): Promise<World> {
  // Webhook endpoints point at a closed loopback port: test events fail at once, never leave the machine.
  const h = opts.harness ?? (await createHarness({ clock: fixedClock(SWEEP_NOW), metricsToken: SWEEP_METRICS_TOKEN, webhooks: { allowPrivate: true, timeoutMs: 1000 }, realtime: { publish: false } }));
  const a = await createOrg(h);
  const b = await createOrg(h);
  const viewer = await addMember(h, a, 'viewer');
  const staff = await addMember(h, a, 'staff');
  const { service, resources } = await bookableSetup(h, a, { staff: 2, service: serviceSettings });
  const bSetup = await bookableSetup(h, b, { service: serviceSettings });
  const slot = slotGenerator('2026-06-02');
  const pastSlot = slotGenerator('2026-05-04');
  const past = await createHarness({ database: h.database, clock: fixedClock(SWEEP_PAST) });
  const freshDate = dateGenerator('2027-01-01');

  const tag = randomBytes(4).toString('hex');
  const customer = { name: `Piimarker Quixote ${tag}`, email: `piimarker-${tag}@example.test`, phone: `+1 555 01${tag.replace(/\D/g, '0').slice(0, 4)}` };
  const booked = await ok(call(h, `/api/v1/public/orgs/${a.slug}/bookings`, { body: { serviceId: service.id, start: slot(), customer, message: `private note ${tag}` } }), 201, 'A booking');
  const bBooked = await ok(
    call(h, `/api/v1/public/orgs/${b.slug}/bookings`, { body: { serviceId: bSetup.service.id, start: '2026-06-02T09:00:00-05:00', customer: { name: 'B Guest', email: `b-guest-${tag}@example.test` } } }),
    201,
    'B booking',
  );
  const inviteEmail = `invitee-${tag}@example.test`;
  const invite = await ok(call(h, `/api/v1/orgs/${a.slug}/invitations`, { cookie: a.owner.cookie, body: { email: inviteEmail, role: 'staff' } }), 201, 'invitation');
  const override = await ok(call(h, `/api/v1/orgs/${a.slug}/date-overrides`, { cookie: a.owner.cookie, body: { date: freshDate(), ranges: [] } }), 201, 'override');
  const day = freshDate();
  const blackout = await ok(
    call(h, `/api/v1/orgs/${a.slug}/blackouts`, { cookie: a.owner.cookie, body: { startsAt: `${day}T10:00:00Z`, endsAt: `${day}T12:00:00Z`, reason: `closed ${tag}` } }),
    201,
    'blackout',
  );

  const endpointUrl = `http://127.0.0.1:9/hooks-${tag}`;
  const endpoint = await ok(call(h, `/api/v1/orgs/${a.slug}/webhooks`, { cookie: a.owner.cookie, body: { url: endpointUrl, eventTypes: ['booking.created'] } }), 201, 'webhook endpoint');

  const feedFile = (url: string) => new URL(url).pathname.split('/').pop()!;
  const aFeed = await ok(call(h, `/api/v1/orgs/${a.slug}/feeds`, { cookie: a.owner.cookie, body: { kind: 'resource', resourceId: booked.booking.resourceId } }), 201, 'A feed');
  const bFeed = await ok(call(h, `/api/v1/orgs/${b.slug}/feeds`, { cookie: b.owner.cookie, body: { kind: 'resource', resourceId: bBooked.booking.resourceId } }), 201, 'B feed');

  const tier = await ok(call(h, `/api/v1/orgs/${a.slug}/tiers`, { cookie: a.owner.cookie, body: { name: `Gold ${tag}` } }), 201, 'tier');
  await ok(call(h, `/api/v1/orgs/${a.slug}/members/${staff.memberId}/tier`, { method: 'PUT', cookie: a.owner.cookie, body: { tierId: tier.id } }), 200, 'tier assignment');

  const booking = { id: booked.booking.id as string, token: booked.manageToken as string, customerId: booked.booking.customerId as string };
  if (!booking.customerId || !booking.token) throw new Error(`unexpected booking shape: ${JSON.stringify(booked)}`);
  await deliverOwn(h, a.id);
  // A's messages so far (the booking's emails, the invitation) went to the mail catcher.
  const [mail] = await h.database.db.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.organizationId, a.id)).limit(1);
  if (!mail) throw new Error('no caught mail for A');
  const inbox = await ok(call(h, `/api/v1/orgs/${a.slug}/notifications`, { cookie: a.owner.cookie }), 200, 'notifications');
  const notificationId = (inbox.data as { id: string; entityId: string }[]).find((n) => n.entityId === booking.id)?.id;
  if (!notificationId) throw new Error(`no notification for A's booking: ${JSON.stringify(inbox)}`);
  const world: World = {
    ruleId: '',
    approvalId: '',
    waitlistEntryId: '',
    seriesId: '',
    addonId: '',
    shop: { categoryId: '', productId: '', productSlug: '', variantId: '', stockItemId: '', cartVariantId: '', orderId: '', orderToken: '', orderLineId: '', promoCodeId: '' },
    events: { eventId: '', eventSlug: '', ticketTypeId: '', ticketCode: '', entryToken: '' },
    h,
    a,
    b,
    viewer,
    staff,
    service,
    resources,
    booking,
    bBooking: { id: bBooked.booking.id, token: bBooked.manageToken },
    invitation: { id: invite.id, email: inviteEmail },
    overrideId: override.id,
    blackoutId: blackout.id,
    notificationId,
    endpointId: endpoint.id,
    mailId: mail.id,
    feed: { id: aFeed.id, file: feedFile(aFeed.url) },
    bFeed: { id: bFeed.id, file: feedFile(bFeed.url) },
    tierId: tier.id,
    markers: [customer.email, customer.name, `private note ${tag}`, booking.id, booking.token, booking.customerId, a.owner.email, viewer.email, staff.email, inviteEmail, invite.id, endpointUrl, endpoint.secret, feedFile(aFeed.url)],
    slot,
    past,
    pastSlot,
    freshDate,
  };
  world.ruleId = (await newRule(world)).id;
  world.approvalId = await pendingApproval(world);
  world.waitlistEntryId = (await waitingEntry(world)).entryId;
  world.seriesId = (await newSeries(world)).id;
  world.addonId = (await newAddon(world)).id;
  const shopCategory = await newProductCategory(world);
  const shopProduct = await newProduct(world, { categoryId: shopCategory.id, status: 'active' });
  const shopVariant = await newVariant(world, shopProduct.id);
  world.shop = { ...(await shopWorld(world, tag)), categoryId: shopCategory.id, productId: shopProduct.id, productSlug: shopProduct.slug, variantId: shopVariant.id, stockItemId: shopVariant.stockItem.id };
  const event = await newEvent(world);
  const ticketType = await newTicketType(world, event.id);
  world.events = { eventId: event.id, eventSlug: event.slug, ticketTypeId: ticketType.id, ticketCode: await paidTicket(world, ticketType.id), entryToken: (await eventWaitlistEntry(world)).token };
  return world;
}

/** Values for path params, by name: real rows of org A. */
export function paramValues(w: World): Record<string, string> {
  return {
    slug: w.a.slug,
    serviceId: w.service.id,
    idOrSlug: w.service.slug,
    resourceId: w.resources[0]!.id,
    bookingId: w.booking.id,
    customerId: w.booking.customerId,
    memberId: w.staff.memberId,
    invitationId: w.invitation.id,
    overrideId: w.overrideId,
    blackoutId: w.blackoutId,
    notificationId: w.notificationId,
    endpointId: w.endpointId,
    mailId: w.mailId,
    token: w.booking.token,
    feedId: w.feed.id,
    feedFile: w.feed.file,
    tierId: w.tierId,
    ruleId: w.ruleId,
    approvalId: w.approvalId,
    entryId: w.waitlistEntryId,
    seriesId: w.seriesId,
    addonId: w.addonId,
    categoryId: w.shop.categoryId,
    productId: w.shop.productId,
    productSlug: w.shop.productSlug,
    variantId: w.shop.variantId,
    stockItemId: w.shop.stockItemId,
    orderId: w.shop.orderId,
    orderToken: w.shop.orderToken,
    orderLineId: w.shop.orderLineId,
    promoCodeId: w.shop.promoCodeId,
    eventId: w.events.eventId,
    eventSlug: w.events.eventSlug,
    ticketTypeId: w.events.ticketTypeId,
    entryToken: w.events.entryToken,
    action: 'cancel',
  };
}

/** Percent-encodes any string, lone surrogates included (they become U+FFFD, as a browser sends them). */
export const encodeParam = (value: string) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

/**
 * Fills a Hono path pattern: named params from `values` (encoded unless `raw`), a constrained
 * param with its first alternative.
 */
export function fillPath(pattern: string, values: Record<string, string>, opts: { raw?: boolean } = {}): string {
  return pattern.replace(/:([A-Za-z]+)(\{([^}]*)\})?/g, (_m, name: string, _c, alternatives: string | undefined) => {
    if (alternatives) return alternatives.split('|')[0]!;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return opts.raw ? value : encodeParam(value);
  });
}

// ─── The route table ────────────────────────────────────────────────────────────────────────

/** The world's app serves metrics behind this token (the operator's route class). */
export const SWEEP_METRICS_TOKEN = 'sweep-metrics-token-0123456789';

/**
 * system: no data, anyone. operator: only with the metrics bearer token (no session grants it). public: anonymous by design; must never show personal data.
 * token: a guest's manage link; the token is the only key. feed: a calendar feed's secret URL,
 * the only key too. session: any signed-in user, no tenant. tenant: members of the
 * organization in the path, permission-checked.
 */
export type Access = 'system' | 'operator' | 'public' | 'token' | 'feed' | 'session' | 'tenant';

export interface Example {
  /** Defaults to the table key's method. */
  method?: string;
  path: string;
  body?: unknown;
  /** Who makes the call that succeeds: A's owner unless said (null = anonymous guest). */
  as?: TestUser | null;
  /** A Cookie header the call that succeeds sends instead (a guest's cart cookie). */
  cookie?: string;
  /** Headers the call that succeeds sends (a payment webhook's signature). */
  headers?: Record<string, string>;
  status: number;
  /**
   * The audit row the call must write; null for a call that by design writes none: the booking
   * page's funnel steps are counts only, and an audit row (address, user agent) per visitor's
   * step would be the per-visitor record the funnel must not keep (modules/analytics).
   */
  audit: { organizationId: string; action: string; actor: 'user' | 'guest' | 'system'; userId?: string } | null;
}

export interface RouteSpec {
  access: Access;
  /** A query string a read needs to succeed (e.g. availability's service and dates). */
  query?: (w: World) => string;
  /**
   * What A's viewer gets: on a read 200 unless it needs more than the viewer's rights; on a
   * mutation 403, unless it is on the member's own things (their notifications and
   * preferences): 200 for themself, 404 for another member's row.
   */
  viewer?: 200 | 403 | 404;
  /** For mutations: builds fresh rows in A and the request that changes them. */
  example?: (w: World) => Promise<Example | Example[]>;
  /** A read that writes one audit row when it succeeds (an export): the action it records. */
  audits?: string;
}

const v1 = (w: World) => `/api/v1/orgs/${w.a.slug}`;

async function staffBooking(w: World, extra: Record<string, unknown> = {}, opts: { started?: boolean } = {}) {
  const customer = { name: `Cust ${uniq()}`, email: `${uniq('cust')}@example.test` };
  // A booking that has started by SWEEP_NOW is made a month earlier, for a slot in between.
  const body = { serviceId: w.service.id, start: opts.started ? w.pastSlot() : w.slot(), customer, ...extra };
  const json = await ok(call(opts.started ? w.past : w.h, `${v1(w)}/bookings`, { cookie: w.a.owner.cookie, body }), 201, 'staff booking');
  return json.booking as { id: string; customerId: string; status: string };
}

async function guestBooking(w: World) {
  const body = { serviceId: w.service.id, start: w.slot(), customer: { name: 'Guest Sweep', email: `${uniq('guest')}@example.test` } };
  return ok<{ booking: { id: string }; manageToken: string }>(call(w.h, `/api/v1/public/orgs/${w.a.slug}/bookings`, { body }), 201, 'guest booking');
}

/** Delivers A's outbox: its bookings become the team's notifications, its emails go to the mail catcher. */
async function deliverOwn(h: Harness, organizationId: string, laterMs = 0) {
  const catcher = createMailer(h.database.db, { from: 'Bookline <no-reply@bookline.test>' });
  await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' }), catcher), new Date(Date.parse(SWEEP_NOW) + 60_000 + laterMs), 1000, { organizationId });
}

/**
 * A fresh guest booking in A, delivered: a new unread notification for A's owner. On a shared
 * PostgreSQL database under load a first delivery can fail (it is retried after a backoff, as
 * in production): deliver again, past the backoff, before giving up — and then say what the
 * booking's messages hold.
 */
async function freshNotification(w: World): Promise<string> {
  const { booking } = await guestBooking(w);
  for (let attempt = 0; attempt < 4; attempt++) {
    await deliverOwn(w.h, w.a.id, attempt * 3_600_000);
    const inbox = await ok(call(w.h, `${v1(w)}/notifications?unread=true&pageSize=100`, { cookie: w.a.owner.cookie }), 200, 'notifications');
    const id = (inbox.data as { id: string; entityId: string }[]).find((n) => n.entityId === booking.id)?.id;
    if (id) return id;
  }
  const messages = await w.h.database.db
    .select({ topic: outboxTable.topic, status: outboxTable.status, attempts: outboxTable.attempts, lastError: outboxTable.lastError, payload: outboxTable.payload })
    .from(outboxTable)
    .where(eq(outboxTable.organizationId, w.a.id));
  const mine = messages.filter((m) => (m.payload as { bookingId?: string }).bookingId === booking.id);
  throw new Error(`no notification for ${booking.id}; its messages: ${JSON.stringify(mine.map(({ payload: _p, ...m }) => m))}`);
}

async function transition(w: World, id: string, action: string) {
  await ok(call(w.h, `${v1(w)}/bookings/${id}/${action}`, { cookie: w.a.owner.cookie, body: {} }), 200, action);
}

/** A taken time on A's first resource (a staff booking) and A's owner waiting for it. */
async function waitingEntry(w: World): Promise<{ entryId: string; bookingId: string }> {
  const resourceId = w.resources[0]!.id;
  const start = w.slot();
  // A's guest again: no new customer (the sweep's customer page shows A's marked guest on page one).
  const booked = await ok(call(w.h, `${v1(w)}/bookings`, { cookie: w.a.owner.cookie, body: { serviceId: w.service.id, resourceId, start, customerId: w.booking.customerId } }), 201, 'taken time');
  const entry = await ok(call(w.h, `${v1(w)}/waitlist`, { cookie: w.a.owner.cookie, body: { serviceId: w.service.id, resourceId, start } }), 201, 'waitlist entry');
  return { entryId: entry.id, bookingId: booked.booking.id };
}

/** A waitlist entry of A's owner holding a hold: the taken time was cancelled and offered to it. */
async function heldEntry(w: World): Promise<string> {
  const { entryId, bookingId } = await waitingEntry(w);
  await ok(call(w.h, `${v1(w)}/bookings/${bookingId}/cancel`, { cookie: w.a.owner.cookie, body: { reason: 'freed for the waitlist' } }), 200, 'cancel');
  return entryId;
}

const asOwner = (w: World, action: string) => ({ organizationId: w.a.id, action, actor: 'user' as const, userId: w.a.owner.id });

async function newAddon(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/services/${w.service.id}/addons`, { cookie: w.a.owner.cookie, body: { name: `Extra ${uniq()}`, priceMinor: 500 } }), 201, 'add-on');
}
/** A party package on A's first resource and a staff booking of it: pending, with a deposit and a balance. */
async function packageBooking(w: World) {
  const pkg = { includedChildren: 10, includedAdults: 5, extraChildMinor: 1000, extraAdultMinor: 500, minGuests: 1, maxGuests: 40, depositType: 'percent', depositValue: 30 };
  const svc = await ok<{ id: string }>(
    call(w.h, `${v1(w)}/services`, { cookie: w.a.owner.cookie, body: { name: `Party ${uniq()}`, durationMinutes: 60, priceMinor: 20000, resourceIds: [w.resources[0]!.id], package: pkg } }),
    201,
    'package service',
  );
  const body = { serviceId: svc.id, resourceId: w.resources[0]!.id, start: w.slot(), customer: { name: `Zed Parent${uniq()}`, email: `${uniq('parent')}@example.test` }, children: 12, adults: 4 };
  const json = await ok(call(w.h, `${v1(w)}/bookings`, { cookie: w.a.owner.cookie, body }), 201, 'package booking');
  return json.booking as { id: string; status: string; balanceMinor: number };
}
async function newService(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/services`, { cookie: w.a.owner.cookie, body: { name: `Svc ${uniq()}`, durationMinutes: 30 } }), 201, 'service');
}
async function newEndpoint(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/webhooks`, { cookie: w.a.owner.cookie, body: { url: `http://127.0.0.1:9/${uniq()}`, eventTypes: ['booking.created'] } }), 201, 'webhook endpoint');
}
async function newResourceFeed(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/feeds`, { cookie: w.a.owner.cookie, body: { kind: 'resource', resourceId: w.resources[0]!.id } }), 201, 'feed');
}
async function newProductCategory(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/product-categories`, { cookie: w.a.owner.cookie, body: { name: `Category ${uniq()}`, slug: uniq('cat-') } }), 201, 'product category');
}
async function newProduct(w: World, extra: Record<string, unknown> = {}) {
  return ok<{ id: string; slug: string }>(call(w.h, `${v1(w)}/products`, { cookie: w.a.owner.cookie, body: { title: `Product ${uniq()}`, slug: uniq('prod-'), ...extra } }), 201, 'product');
}
async function newVariant(w: World, productId: string) {
  return ok<{ id: string; stockItem: { id: string } }>(
    call(w.h, `${v1(w)}/products/${productId}/variants`, { cookie: w.a.owner.cookie, body: { sku: uniq('SKU-'), title: 'Default', priceMinor: 1200, stock: { onHand: 10 } } }),
    201,
    'variant',
  );
}
async function newTier(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/tiers`, { cookie: w.a.owner.cookie, body: { name: `Tier ${uniq()}` } }), 201, 'tier');
}
async function newRule(w: World) {
  return ok<{ id: string }>(
    call(w.h, `${v1(w)}/rules`, { cookie: w.a.owner.cookie, body: { name: `Rule ${uniq()}`, kind: 'duration', params: { maxMinutes: 600 }, outcome: 'warn' } }),
    201,
    'rule',
  );
}
/** A's shop: a product with plenty of stock, a guest's order whose buyer is a marker, a promo code. */
async function shopWorld(w: World, tag: string): Promise<Pick<World['shop'], 'cartVariantId' | 'orderId' | 'orderToken' | 'orderLineId' | 'promoCodeId'>> {
  const product = await addProduct(w.h, w.a, { title: `Sweep shampoo ${tag}`, variants: [{ sku: `SWEEP-${tag}`.toUpperCase(), priceMinor: 1200, onHand: 10_000 }] });
  const variantId = Object.values(product.variants)[0]!.id;
  const buyer = `piimarker-buyer-${tag}@example.test`;
  w.markers.push(buyer);
  const { cart } = await addToCart(w.h, w.a, variantId, 1);
  const placed = await ok(call(w.h, `/api/v1/public/orgs/${w.a.slug}/checkout`, { cookie: cart, body: { contact: { email: buyer, name: 'Sweep Buyer' }, fulfilment: 'pickup' } }), 201, 'order');
  const promo = await newPromoCode(w);
  const lines = await ok<{ data: { orderLineId: string }[] }>(call(w.h, `/api/v1/public/orgs/${w.a.slug}/orders/${placed.statusToken}/reviews`), 200, 'order lines');
  return { cartVariantId: variantId, orderId: placed.orderId, orderToken: placed.statusToken, orderLineId: lines.data[0]!.orderLineId, promoCodeId: promo.id };
}
/** A published event of A, on sale (it starts a month after SWEEP_NOW), with room for every example's tickets. */
async function newEvent(w: World) {
  const starts = new Date(Date.parse(SWEEP_NOW) + 30 * 86_400_000);
  const body = { slug: uniq('event-'), title: `Sweep party ${uniq()}`, startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 7_200_000).toISOString(), capacity: 1000, status: 'published' };
  return ok<{ id: string; slug: string }>(call(w.h, `${v1(w)}/ticketed-events`, { cookie: w.a.owner.cookie, body }), 201, 'event');
}
async function newTicketType(w: World, eventId: string) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/ticketed-events/${eventId}/ticket-types`, { cookie: w.a.owner.cookie, body: { name: `Adult ${uniq()}`, priceMinor: 1500 } }), 201, 'ticket type');
}
/** A guest buys one ticket of the type, paid at once (the test provider): its code. */
async function paidTicket(w: World, ticketTypeId: string): Promise<string> {
  const res = await call(w.h, `/api/v1/public/orgs/${w.a.slug}/cart/lines`, { body: { variantId: ticketTypeId, quantity: 1 } });
  if (res.status !== 200) throw new Error(`ticket cart: ${res.status} ${JSON.stringify(res.json)}`);
  const body = { contact: { email: `${uniq('fan')}@example.test`, name: 'Ticket Fan' }, fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' };
  const placed = await ok<{ order: { tickets: { code: string }[] } }>(call(w.h, `/api/v1/public/orgs/${w.a.slug}/checkout`, { cookie: cartCookie(res.headers), body }), 201, 'ticket order');
  return placed.order.tickets[0]!.code;
}
/** A sold-out event of A (one seat, bought) with a guest waiting for it: the event, its type, the seat's order and the entry's link. */
async function eventWaitlistEntry(w: World): Promise<{ eventSlug: string; ticketTypeId: string; token: string; soldOrderId: string }> {
  const starts = new Date(Date.parse(SWEEP_NOW) + 30 * 86_400_000);
  const body = { slug: uniq('full-'), title: `Sold-out night ${uniq()}`, startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 7_200_000).toISOString(), capacity: 1, status: 'published' };
  const event = await ok<{ id: string; slug: string }>(call(w.h, `${v1(w)}/ticketed-events`, { cookie: w.a.owner.cookie, body }), 201, 'event');
  const type = await newTicketType(w, event.id);
  const res = await call(w.h, `/api/v1/public/orgs/${w.a.slug}/cart/lines`, { body: { variantId: type.id, quantity: 1 } });
  if (res.status !== 200) throw new Error(`ticket cart: ${res.status} ${JSON.stringify(res.json)}`);
  const checkout = { contact: { email: `${uniq('fan')}@example.test`, name: 'Ticket Fan' }, fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' };
  const sold = await ok<{ orderId: string }>(call(w.h, `/api/v1/public/orgs/${w.a.slug}/checkout`, { cookie: cartCookie(res.headers), body: checkout }), 201, 'ticket order');
  const joined = await ok<{ entryToken: string }>(
    call(w.h, `/api/v1/public/orgs/${w.a.slug}/events/${event.slug}/waitlist`, { body: { ticketTypeId: type.id, quantity: 1, name: 'Wait Listed', email: `${uniq('waiter')}@example.test` } }),
    201,
    'waitlist entry',
  );
  return { eventSlug: event.slug, ticketTypeId: type.id, token: joined.entryToken, soldOrderId: sold.orderId };
}
/** A waitlist entry of A offered the seat its event's cancelled order gave back: its link. */
async function offeredEventWaitlistEntry(w: World): Promise<string> {
  const e = await eventWaitlistEntry(w);
  await ok(call(w.h, `${v1(w)}/orders/${e.soldOrderId}/cancel`, { cookie: w.a.owner.cookie, body: {} }), 200, 'cancelled ticket order');
  await offerWaitlistSeats(w.h.database.db, new Date(SWEEP_NOW), { organizationId: w.a.id });
  return e.token;
}
/** A guest's order of A that the owner has paid and fulfilled: its status link and its line, ready for a review. */
async function receivedShopOrder(w: World): Promise<{ token: string; lineId: string }> {
  const { cookie } = await guestCart(w);
  const placed = await ok<{ orderId: string; statusToken: string }>(
    call(w.h, `/api/v1/public/orgs/${w.a.slug}/checkout`, { cookie, body: { contact: { email: `${uniq('buyer')}@example.test`, name: 'Guest Buyer' }, fulfilment: 'pickup' } }),
    201,
    'order',
  );
  for (const action of ['pay', 'fulfil']) await ok(call(w.h, `${v1(w)}/orders/${placed.orderId}/${action}`, { cookie: w.a.owner.cookie, body: {} }), 200, action);
  const lines = await ok<{ data: { orderLineId: string }[] }>(call(w.h, `/api/v1/public/orgs/${w.a.slug}/orders/${placed.statusToken}/reviews`), 200, 'order lines');
  return { token: placed.statusToken, lineId: lines.data[0]!.orderLineId };
}
async function newPromoCode(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/promo-codes`, { cookie: w.a.owner.cookie, body: { code: uniq('SWEEP'), kind: 'fixed', value: 100 } }), 201, 'promo code');
}
/** A guest's fresh cart in A with one line: its cookie and the line. */
async function guestCart(w: World): Promise<{ cookie: string; lineId: string }> {
  const res = await call(w.h, `/api/v1/public/orgs/${w.a.slug}/cart/lines`, { body: { variantId: w.shop.cartVariantId, quantity: 1 } });
  if (res.status !== 200) throw new Error(`guest cart: ${res.status} ${JSON.stringify(res.json)}`);
  return { cookie: cartCookie(res.headers)!, lineId: res.json.lines[0].id };
}
/** A fresh guest order of A (manual payment: pending). */
async function shopOrder(w: World): Promise<string> {
  const { cookie } = await guestCart(w);
  const placed = await ok(call(w.h, `/api/v1/public/orgs/${w.a.slug}/checkout`, { cookie, body: { contact: { email: `${uniq('buyer')}@example.test`, name: 'Guest Buyer' }, fulfilment: 'pickup' } }), 201, 'order');
  return placed.orderId;
}
const asGuest = (w: World, action: string) => ({ organizationId: w.a.id, action, actor: 'guest' as const });

/**
 * A booking in A waiting for one approval: a rule on A's second resource that asks for approval
 * of every booking (owners included), deleted again at once so A's other examples stay as they were.
 */
async function pendingApproval(w: World): Promise<string> {
  const resourceId = w.resources[1]!.id;
  const cookie = w.a.owner.cookie;
  const rule = await ok<{ id: string }>(
    call(w.h, `${v1(w)}/rules`, {
      cookie,
      body: { name: `Sweep ${uniq()}`, kind: 'duration', params: { maxMinutes: 1 }, scope: 'resource', resourceId, outcome: 'approval', adminsExempt: false },
    }),
    201,
    'approval rule',
  );
  let bookingId: string;
  try {
    const body = { serviceId: w.service.id, resourceId, start: w.slot(), customer: { name: `Cust ${uniq()}`, email: `${uniq('cust')}@example.test` } };
    bookingId = ((await ok(call(w.h, `${v1(w)}/bookings`, { cookie, body }), 201, 'booking needing approval')).booking as { id: string }).id;
  } finally {
    await call(w.h, `${v1(w)}/rules/${rule.id}`, { cookie, method: 'DELETE' });
  }
  const queue = await ok(call(w.h, `${v1(w)}/approvals?pageSize=100`, { cookie }), 200, 'approvals');
  const id = (queue.data as { id: string; bookingId: string }[]).find((a) => a.bookingId === bookingId)?.id;
  if (!id) throw new Error(`no approval for ${bookingId}`);
  return id;
}
/** A weekly series of two occurrences in A, at two fresh slots a week apart, on A's first resource. */
async function newSeries(w: World): Promise<{ id: string; bookingIds: string[] }> {
  const start = seriesSlot();
  const customer = { name: `Series ${uniq()}`, email: `${uniq('series')}@example.test` };
  const body = { serviceId: w.service.id, resourceId: w.resources[0]!.id, start, customer, repeat: { freq: 'weekly', count: 2 }, mode: 'skip_conflicts' };
  const json = await ok(call(w.h, `${v1(w)}/bookings/series`, { cookie: w.a.owner.cookie, body }), 201, 'series');
  return { id: json.series.id, bookingIds: (json.bookings as { id: string }[]).map((b) => b.id) };
}
/** A completed guest booking of A (booked a month before SWEEP_NOW, started and completed since) and its manage token. */
// Customers named Z…: the sweep finds its marked guest on the customers list's first page (by name).
async function completedGuestBooking(w: World): Promise<{ id: string; token: string; email: string }> {
  const email = `${uniq('reviewer')}@example.test`;
  const body = { serviceId: w.service.id, start: w.pastSlot(), customer: { name: `Zed Reviewer${uniq()}`, email } };
  const json = await ok<{ booking: { id: string }; manageToken: string }>(call(w.past, `/api/v1/public/orgs/${w.a.slug}/bookings`, { body }), 201, 'past guest booking');
  await transition(w, json.booking.id, 'start');
  await transition(w, json.booking.id, 'complete');
  return { id: json.booking.id, token: json.manageToken, email };
}
/** A pending review of A (a guest's, on a completed booking); `approved` approves it too. */
async function newReview(w: World, opts: { approved?: boolean } = {}): Promise<string> {
  const { token } = await completedGuestBooking(w);
  const review = await ok<{ id: string }>(call(w.h, `/api/v1/public/bookings/${token}/review`, { body: { rating: 4, body: 'Sweep review' } }), 201, 'review');
  if (opts.approved) await ok(call(w.h, `${v1(w)}/reviews/${review.id}/approve`, { cookie: w.a.owner.cookie, body: {} }), 200, 'approve');
  return review.id;
}
async function newResource(w: World) {
  return ok<{ id: string }>(call(w.h, `${v1(w)}/resources`, { cookie: w.a.owner.cookie, body: { kind: 'room', name: `Room ${uniq()}` } }), 201, 'resource');
}

/** A lifecycle route's example: a booking in a state that allows the action (begun: started by SWEEP_NOW). */
function transitionExample(action: string, from: 'pending' | 'confirmed' | 'begun' | 'started', body: unknown, audit: string): RouteSpec {
  return {
    access: 'tenant',
    example: async (w) => {
      let id: string;
      if (from === 'pending' || from === 'confirmed') id = (await staffBooking(w, { status: from })).id;
      else {
        // Starting, completing and no-shows follow time: these bookings have begun by SWEEP_NOW.
        id = (await staffBooking(w, { status: 'confirmed' }, { started: true })).id;
        if (from === 'started') await transition(w, id, 'start');
      }
      return { path: `${v1(w)}/bookings/${id}/${action}`, body, status: 200, audit: asOwner(w, audit) };
    },
  };
}

export const routeTable: Record<string, RouteSpec> = {
  'GET /api/v1/health': { access: 'system' },
  'GET /api/v1/ready': { access: 'system' },
  'GET /api/v1/metrics': { access: 'operator' },
  'GET /api/v1/openapi.json': { access: 'system' },

  'GET /api/v1/public/orgs/:slug': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/challenge': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/services': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/services/:idOrSlug': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/services/:serviceId/quote': { access: 'public', query: () => '?start=2026-06-02T09:00:00-05:00' },
  'GET /api/v1/public/orgs/:slug/hours': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/availability': { access: 'public', query: (w) => `?serviceId=${w.service.id}&from=2026-06-02&to=2026-06-05` },
  'POST /api/v1/public/orgs/:slug/bookings': {
    access: 'public',
    example: async (w) => ({
      path: `/api/v1/public/orgs/${w.a.slug}/bookings`,
      body: { serviceId: w.service.id, start: w.slot(), customer: { name: 'Walk In', email: `${uniq('walkin')}@example.test` } },
      as: null,
      status: 201,
      audit: { organizationId: w.a.id, action: 'booking.created', actor: 'guest' },
    }),
  },
  // The booking page's funnel steps: counts only, anonymous, no audit row (see Example.audit).
  'POST /api/v1/public/orgs/:slug/funnel': {
    access: 'public',
    example: async (w) => ({ path: `/api/v1/public/orgs/${w.a.slug}/funnel`, body: { serviceId: w.service.id, step: 'service_viewed' }, as: null, status: 204, audit: null }),
  },
  'GET /api/v1/public/bookings/:token': { access: 'token' },
  'POST /api/v1/public/bookings/:token/cancel': {
    access: 'token',
    example: async (w) => {
      const { manageToken } = await guestBooking(w);
      return { path: `/api/v1/public/bookings/${manageToken}/cancel`, body: { reason: 'plans changed' }, as: null, status: 200, audit: { organizationId: w.a.id, action: 'booking.cancel', actor: 'guest' } };
    },
  },
  'POST /api/v1/public/bookings/:token/reschedule': {
    access: 'token',
    example: async (w) => {
      const { manageToken } = await guestBooking(w);
      return { path: `/api/v1/public/bookings/${manageToken}/reschedule`, body: { start: w.slot() }, as: null, status: 200, audit: { organizationId: w.a.id, action: 'booking.rescheduled', actor: 'guest' } };
    },
  },

  'GET /api/v1/me': { access: 'session' },
  'GET /api/v1/me/security-events': { access: 'session' },
  'POST /api/v1/orgs': {
    access: 'session',
    example: async (w) => {
      const slug = uniq('org-');
      return {
        path: '/api/v1/orgs',
        body: { name: `Org ${slug}`, slug, timezone: 'America/Chicago', currency: 'USD' },
        status: 201,
        // The new organization's id is known only from the answer; the sweep fills it in.
        audit: { organizationId: '(created)', action: 'organization.created', actor: 'user', userId: w.a.owner.id },
      };
    },
  },
  'POST /api/v1/invitations/accept': {
    access: 'session',
    example: async (w) => {
      const invitee = await signUp(w.h);
      const invite = await ok(call(w.h, `${v1(w)}/invitations`, { cookie: w.a.owner.cookie, body: { email: invitee.email, role: 'viewer' } }), 201, 'invite');
      const token = new URL(invite.acceptUrl).searchParams.get('token');
      return { path: '/api/v1/invitations/accept', body: { token }, as: invitee, status: 200, audit: { organizationId: w.a.id, action: 'invitation.accepted', actor: 'user', userId: invitee.id } };
    },
  },

  'GET /api/v1/orgs/:slug': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug': {
    access: 'tenant',
    example: async (w) => ({ path: v1(w), body: { description: `About us ${uniq()}` }, status: 200, audit: asOwner(w, 'organization.updated') }),
  },
  'GET /api/v1/orgs/:slug/notifications': { access: 'tenant' },
  'GET /api/v1/orgs/:slug/notifications/unread-count': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/notifications/:notificationId/read': {
    access: 'tenant',
    viewer: 404,
    example: async (w) => ({ path: `${v1(w)}/notifications/${await freshNotification(w)}/read`, status: 200, audit: asOwner(w, 'notification.read') }),
  },
  'POST /api/v1/orgs/:slug/notifications/read-all': {
    access: 'tenant',
    viewer: 200,
    example: async (w) => {
      await freshNotification(w);
      return { path: `${v1(w)}/notifications/read-all`, status: 200, audit: asOwner(w, 'notification.read_all') };
    },
  },
  'GET /api/v1/orgs/:slug/notification-settings': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/notification-settings': {
    access: 'tenant',
    viewer: 200,
    example: async (w) => ({ path: `${v1(w)}/notification-settings`, body: { emailCancellations: false }, status: 200, audit: asOwner(w, 'notification_settings.updated') }),
  },
  'GET /api/v1/orgs/:slug/members': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/members/:memberId': {
    access: 'tenant',
    example: async (w) => {
      const m = await addMember(w.h, w.a, 'staff');
      return { path: `${v1(w)}/members/${m.memberId}`, body: { role: 'manager' }, status: 200, audit: asOwner(w, 'member.role_changed') };
    },
  },
  'DELETE /api/v1/orgs/:slug/members/:memberId': {
    access: 'tenant',
    example: async (w) => {
      const m = await addMember(w.h, w.a, 'staff');
      return { path: `${v1(w)}/members/${m.memberId}`, status: 204, audit: asOwner(w, 'member.removed') };
    },
  },
  // Member tiers: everyone with members:read lists them; owners and admins manage and assign them.
  'GET /api/v1/orgs/:slug/tiers': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/tiers': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/tiers`, body: { name: `Silver ${uniq()}` }, status: 201, audit: asOwner(w, 'member_tier.created') }),
  },
  'PATCH /api/v1/orgs/:slug/tiers/:tierId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/tiers/${(await newTier(w)).id}`, body: { name: `Platinum ${uniq()}` }, status: 200, audit: asOwner(w, 'member_tier.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/tiers/:tierId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/tiers/${(await newTier(w)).id}`, status: 204, audit: asOwner(w, 'member_tier.deleted') }),
  },
  'PUT /api/v1/orgs/:slug/members/:memberId/tier': {
    access: 'tenant',
    example: async (w) => {
      const m = await addMember(w.h, w.a, 'member');
      return { path: `${v1(w)}/members/${m.memberId}/tier`, body: { tierId: w.tierId }, status: 200, audit: asOwner(w, 'member.tier_assigned') };
    },
  },
  // Booking rules and who may book: owners and admins. The dry run writes nothing (no audit row).
  'GET /api/v1/orgs/:slug/rules': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/rules': {
    access: 'tenant',
    example: async (w) => ({
      path: `${v1(w)}/rules`,
      body: { name: `Lead ${uniq()}`, kind: 'lead_time', params: { action: 'cancel', minHours: 1 }, outcome: 'warn' },
      status: 201,
      audit: asOwner(w, 'booking_rule.created'),
    }),
  },
  'PATCH /api/v1/orgs/:slug/rules/:ruleId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/rules/${(await newRule(w)).id}`, body: { active: false }, status: 200, audit: asOwner(w, 'booking_rule.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/rules/:ruleId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/rules/${(await newRule(w)).id}`, status: 204, audit: asOwner(w, 'booking_rule.deleted') }),
  },
  'GET /api/v1/orgs/:slug/rules/:ruleId/preview': {
    access: 'tenant',
    viewer: 403,
    example: async (w) => ({ method: 'GET', path: `${v1(w)}/rules/${(await newRule(w)).id}/preview?days=7`, status: 200, audit: null }),
  },
  'GET /api/v1/orgs/:slug/booking-access': { access: 'tenant', viewer: 403 },
  'PUT /api/v1/orgs/:slug/booking-access': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/booking-access`, body: { bookingAccess: 'anyone' }, status: 200, audit: asOwner(w, 'organization.booking_access_updated') }),
  },
  'POST /api/v1/orgs/:slug/bookings/check': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/bookings/check`, body: { serviceId: w.service.id, resourceId: w.resources[0]!.id, start: w.slot() }, status: 200, audit: null }),
  },
  'GET /api/v1/orgs/:slug/approvals': { access: 'tenant', viewer: 403 },
  // Reviews: guests write through the manage link, signed-in customers for their own bookings;
  // reviews:moderate (owners, admins, managers) moderates; anyone reads the approved ones.
  'GET /api/v1/public/bookings/:token/review': { access: 'token' },
  'POST /api/v1/public/bookings/:token/review': {
    access: 'token',
    example: async (w) => {
      const { token } = await completedGuestBooking(w);
      return { path: `/api/v1/public/bookings/${token}/review`, body: { rating: 5, title: 'Spotless', body: 'Like new.' }, as: null, status: 201, audit: { organizationId: w.a.id, action: 'review.submitted', actor: 'guest' } };
    },
  },
  'POST /api/v1/me/bookings/:bookingId/review': {
    access: 'session',
    example: async (w) => {
      const customer = await signUp(w.h);
      // Ownership by email needs the email confirmed.
      await w.h.database.db.update(users).set({ emailVerified: true }).where(eq(users.id, customer.id));
      forgetCachedSessions(w.h.auth, customer.id); // written past Better Auth: its cached sessions go
      const body = { serviceId: w.service.id, start: w.pastSlot(), customer: { name: `Zed Own${uniq()}`, email: customer.email } };
      const booked = await ok<{ booking: { id: string } }>(call(w.past, `/api/v1/public/orgs/${w.a.slug}/bookings`, { body }), 201, 'own booking');
      await transition(w, booked.booking.id, 'start');
      await transition(w, booked.booking.id, 'complete');
      return { path: `/api/v1/me/bookings/${booked.booking.id}/review`, body: { rating: 4, body: 'Good work.' }, as: customer, status: 201, audit: { organizationId: w.a.id, action: 'review.submitted', actor: 'user', userId: customer.id } };
    },
  },
  'GET /api/v1/public/orgs/:slug/services/:serviceId/reviews': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/products/:productId/reviews': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/reviews/featured': { access: 'public' },
  'GET /api/v1/orgs/:slug/reviews': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/reviews/:reviewId/approve': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/reviews/${await newReview(w)}/approve`, status: 200, audit: asOwner(w, 'review.approved') }),
  },
  'POST /api/v1/orgs/:slug/reviews/:reviewId/reject': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/reviews/${await newReview(w)}/reject`, body: { reason: 'Off topic' }, status: 200, audit: asOwner(w, 'review.rejected') }),
  },
  'PUT /api/v1/orgs/:slug/reviews/:reviewId/featured': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/reviews/${await newReview(w, { approved: true })}/featured`, body: { featured: true }, status: 200, audit: asOwner(w, 'review.featured') }),
  },
  // The waitlist: members join for themselves, list (their own; staff everyone's), leave, book a hold.
  'GET /api/v1/orgs/:slug/waitlist': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/waitlist': {
    access: 'tenant',
    example: async (w) => {
      const resourceId = w.resources[0]!.id;
      const start = w.slot();
      await ok(call(w.h, `${v1(w)}/bookings`, { cookie: w.a.owner.cookie, body: { serviceId: w.service.id, resourceId, start, customerId: w.booking.customerId } }), 201, 'taken time');
      return { path: `${v1(w)}/waitlist`, body: { serviceId: w.service.id, resourceId, start }, status: 201, audit: asOwner(w, 'waitlist.joined') };
    },
  },
  'DELETE /api/v1/orgs/:slug/waitlist/:entryId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/waitlist/${(await waitingEntry(w)).entryId}`, status: 200, audit: asOwner(w, 'waitlist.left') }),
  },
  'POST /api/v1/orgs/:slug/waitlist/:entryId/claim': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/waitlist/${await heldEntry(w)}/claim`, status: 200, audit: asOwner(w, 'waitlist.claimed') }),
  },
  'POST /api/v1/orgs/:slug/approvals/:approvalId/approve': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/approvals/${await pendingApproval(w)}/approve`, body: {}, status: 200, audit: asOwner(w, 'booking_approval.approved') }),
  },
  'POST /api/v1/orgs/:slug/approvals/:approvalId/reject': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/approvals/${await pendingApproval(w)}/reject`, body: { comment: 'Not this week' }, status: 200, audit: asOwner(w, 'booking_approval.rejected') }),
  },
  // The shop (modules/orders). Guests' carts are keyed by their cookie; a guest's change is audited as the guest's.
  'GET /api/v1/public/orgs/:slug/cart': { access: 'public' },
  'POST /api/v1/public/orgs/:slug/cart/lines': {
    access: 'public',
    example: async (w) => ({ path: `/api/v1/public/orgs/${w.a.slug}/cart/lines`, body: { variantId: w.shop.cartVariantId, quantity: 2 }, as: null, status: 200, audit: asGuest(w, 'cart.line_added') }),
  },
  'PATCH /api/v1/public/orgs/:slug/cart/lines/:lineId': {
    access: 'public',
    example: async (w) => {
      const { cookie, lineId } = await guestCart(w);
      return { path: `/api/v1/public/orgs/${w.a.slug}/cart/lines/${lineId}`, body: { quantity: 3 }, as: null, cookie, status: 200, audit: asGuest(w, 'cart.line_updated') };
    },
  },
  'DELETE /api/v1/public/orgs/:slug/cart/lines/:lineId': {
    access: 'public',
    example: async (w) => {
      const { cookie, lineId } = await guestCart(w);
      return { path: `/api/v1/public/orgs/${w.a.slug}/cart/lines/${lineId}`, as: null, cookie, status: 200, audit: asGuest(w, 'cart.line_removed') };
    },
  },
  'POST /api/v1/public/orgs/:slug/checkout': {
    access: 'public',
    example: async (w) => {
      const { cookie } = await guestCart(w);
      return { path: `/api/v1/public/orgs/${w.a.slug}/checkout`, body: { contact: { email: `${uniq('buyer')}@example.test`, name: 'Guest Buyer' }, fulfilment: 'pickup' }, as: null, cookie, status: 201, audit: asGuest(w, 'order.placed') };
    },
  },
  // A payment provider's signed event (the test provider's): the system acts on the order.
  'POST /api/v1/public/payments/:provider/webhook': {
    access: 'public',
    example: async (w) => {
      const orderId = await shopOrder(w);
      const providerRef = uniq('test_ref');
      // As if the buyer had chosen the test provider and its capture comes by webhook.
      await w.h.database.db.update(ordersTable).set({ paymentProvider: 'test' }).where(eq(ordersTable.id, orderId));
      await w.h.database.db.update(paymentsTable).set({ provider: 'test', providerRef }).where(eq(paymentsTable.orderId, orderId));
      const body = { providerRef, type: 'captured' };
      return { path: '/api/v1/public/payments/test/webhook', body, as: null, headers: { 'x-test-signature': testWebhookSignature(JSON.stringify(body)) }, status: 200, audit: { organizationId: w.a.id, action: 'order.paid', actor: 'system' } };
    },
  },
  // The secret status link: the buyer's own order, without their email, phone or address.
  'GET /api/v1/public/orgs/:slug/orders/:orderToken': { access: 'public' },
  // Product reviews through the order's status link (a line of a fulfilled or delivered order).
  'GET /api/v1/public/orgs/:slug/orders/:orderToken/reviews': { access: 'public' },
  'POST /api/v1/public/orgs/:slug/orders/:orderToken/lines/:orderLineId/review': {
    access: 'public',
    example: async (w) => {
      const { token, lineId } = await receivedShopOrder(w);
      return { path: `/api/v1/public/orgs/${w.a.slug}/orders/${token}/lines/${lineId}/review`, body: { rating: 4, body: 'Works well.' }, as: null, status: 201, audit: asGuest(w, 'review.submitted') };
    },
  },
  // Orders carry buyers' contact data: orders:read (not viewers).
  'GET /api/v1/orgs/:slug/orders': { access: 'tenant', viewer: 403 },
  'GET /api/v1/orgs/:slug/order-stats': { access: 'tenant', viewer: 403, query: () => '?from=2026-06-01&to=2026-06-30' },
  'GET /api/v1/orgs/:slug/orders/:orderId': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/orders/:orderId/:action': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/orders/${await shopOrder(w)}/pay`, body: {}, status: 200, audit: asOwner(w, 'order.paid') }),
  },
  'GET /api/v1/orgs/:slug/promo-codes': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/promo-codes': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/promo-codes`, body: { code: uniq('NEW'), kind: 'percentage', value: 1000, usageLimit: 10 }, status: 201, audit: asOwner(w, 'promo_code.created') }),
  },
  'GET /api/v1/orgs/:slug/promo-codes/:promoCodeId': { access: 'tenant', viewer: 403 },
  'PATCH /api/v1/orgs/:slug/promo-codes/:promoCodeId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/promo-codes/${(await newPromoCode(w)).id}`, body: { description: `Spring ${uniq()}` }, status: 200, audit: asOwner(w, 'promo_code.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/promo-codes/:promoCodeId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/promo-codes/${(await newPromoCode(w)).id}`, status: 204, audit: asOwner(w, 'promo_code.deleted') }),
  },
  // Events and tickets (modules/events): viewers hold no events:read (ticket lists name their holders).
  'GET /api/v1/public/orgs/:slug/events': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/events/:eventSlug': { access: 'public' },
  'GET /api/v1/orgs/:slug/ticketed-events': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/ticketed-events': {
    access: 'tenant',
    example: async (w) => ({
      path: `${v1(w)}/ticketed-events`,
      body: { slug: uniq('party-'), title: 'Party', startsAt: '2026-07-01T17:00:00Z', endsAt: '2026-07-01T19:00:00Z', capacity: 20 },
      status: 201,
      audit: asOwner(w, 'event.created'),
    }),
  },
  'GET /api/v1/orgs/:slug/ticketed-events/:eventId': { access: 'tenant', viewer: 403 },
  'PATCH /api/v1/orgs/:slug/ticketed-events/:eventId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/ticketed-events/${(await newEvent(w)).id}`, body: { ageNotes: `Ages ${uniq()}` }, status: 200, audit: asOwner(w, 'event.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/ticketed-events/:eventId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/ticketed-events/${(await newEvent(w)).id}`, status: 204, audit: asOwner(w, 'event.deleted') }),
  },
  'POST /api/v1/orgs/:slug/ticketed-events/:eventId/ticket-types': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/ticketed-events/${w.events.eventId}/ticket-types`, body: { name: 'Kid', priceMinor: 900, limit: 10 }, status: 201, audit: asOwner(w, 'ticket_type.created') }),
  },
  'PATCH /api/v1/orgs/:slug/ticketed-events/:eventId/ticket-types/:ticketTypeId': {
    access: 'tenant',
    example: async (w) => {
      const event = await newEvent(w);
      return { path: `${v1(w)}/ticketed-events/${event.id}/ticket-types/${(await newTicketType(w, event.id)).id}`, body: { priceMinor: 1800 }, status: 200, audit: asOwner(w, 'ticket_type.updated') };
    },
  },
  'DELETE /api/v1/orgs/:slug/ticketed-events/:eventId/ticket-types/:ticketTypeId': {
    access: 'tenant',
    example: async (w) => {
      const event = await newEvent(w);
      return { path: `${v1(w)}/ticketed-events/${event.id}/ticket-types/${(await newTicketType(w, event.id)).id}`, status: 204, audit: asOwner(w, 'ticket_type.deleted') };
    },
  },
  'GET /api/v1/orgs/:slug/ticketed-events/:eventId/tickets': { access: 'tenant', viewer: 403 },
  // The event waitlist (modules/event-waitlist): the line names people (events:read, not viewers);
  // the public side is the join form and the entry's secret link (its own data only).
  'GET /api/v1/orgs/:slug/ticketed-events/:eventId/waitlist': { access: 'tenant', viewer: 403 },
  'POST /api/v1/public/orgs/:slug/events/:eventSlug/waitlist': {
    access: 'public',
    example: async (w) => {
      const e = await eventWaitlistEntry(w);
      const body = { ticketTypeId: e.ticketTypeId, quantity: 1, name: 'Second Waiter', email: `${uniq('waiter')}@example.test` };
      return { path: `/api/v1/public/orgs/${w.a.slug}/events/${e.eventSlug}/waitlist`, body, as: null, status: 201, audit: asGuest(w, 'event_waitlist.joined') };
    },
  },
  'GET /api/v1/public/orgs/:slug/event-waitlist/:entryToken': { access: 'public' },
  'POST /api/v1/public/orgs/:slug/event-waitlist/:entryToken/pay': {
    access: 'public',
    example: async (w) => ({ path: `/api/v1/public/orgs/${w.a.slug}/event-waitlist/${await offeredEventWaitlistEntry(w)}/pay`, body: { testOutcome: 'succeed' }, as: null, status: 200, audit: asGuest(w, 'order.paid') }),
  },
  'DELETE /api/v1/public/orgs/:slug/event-waitlist/:entryToken': {
    access: 'public',
    example: async (w) => ({ path: `/api/v1/public/orgs/${w.a.slug}/event-waitlist/${(await eventWaitlistEntry(w)).token}`, as: null, status: 200, audit: asGuest(w, 'event_waitlist.left') }),
  },
  'POST /api/v1/orgs/:slug/check-in': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/check-in`, body: { code: await paidTicket(w, w.events.ticketTypeId) }, status: 200, audit: asOwner(w, 'ticket.checked_in') }),
  },
  'GET /api/v1/orgs/:slug/shop-settings': { access: 'tenant', viewer: 403 },
  'PATCH /api/v1/orgs/:slug/shop-settings': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/shop-settings`, body: { checkoutHoldMinutes: 20 }, status: 200, audit: asOwner(w, 'organization.shop_settings_updated') }),
  },
  // Pending invitations carry invitees' emails: members:manage only.
  'GET /api/v1/orgs/:slug/invitations': { access: 'tenant', viewer: 403 },
  'GET /api/v1/orgs/:slug/mail': { access: 'tenant', viewer: 403 },
  'GET /api/v1/orgs/:slug/mail/:mailId': { access: 'tenant', viewer: 403 },
  'GET /api/v1/orgs/:slug/mail-deliveries': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/invitations': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/invitations`, body: { email: `${uniq('inv')}@example.test`, role: 'staff' }, status: 201, audit: asOwner(w, 'invitation.created') }),
  },
  'DELETE /api/v1/orgs/:slug/invitations/:invitationId': {
    access: 'tenant',
    example: async (w) => {
      const inv = await ok(call(w.h, `${v1(w)}/invitations`, { cookie: w.a.owner.cookie, body: { email: `${uniq('inv')}@example.test`, role: 'staff' } }), 201, 'invite');
      return { path: `${v1(w)}/invitations/${inv.id}`, status: 204, audit: asOwner(w, 'invitation.revoked') };
    },
  },

  'GET /api/v1/orgs/:slug/services': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/services': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/services`, body: { name: `Svc ${uniq()}`, durationMinutes: 45 }, status: 201, audit: asOwner(w, 'service.created') }),
  },
  'GET /api/v1/orgs/:slug/services/:serviceId': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/services/:serviceId': {
    access: 'tenant',
    example: async (w) => {
      const s = await newService(w);
      return { path: `${v1(w)}/services/${s.id}`, body: { description: `Now with ${uniq()}` }, status: 200, audit: asOwner(w, 'service.updated') };
    },
  },
  'POST /api/v1/orgs/:slug/services/:serviceId/archive': {
    access: 'tenant',
    example: async (w) => {
      const s = await newService(w);
      return { path: `${v1(w)}/services/${s.id}/archive`, status: 200, audit: asOwner(w, 'service.archived') };
    },
  },
  'GET /api/v1/orgs/:slug/services/:serviceId/addons': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/services/:serviceId/addons': {
    access: 'tenant',
    example: async (w) => ({
      path: `${v1(w)}/services/${w.service.id}/addons`,
      body: { name: `Cake ${uniq()}`, priceMinor: 2500, pricing: 'per_booking' },
      status: 201,
      audit: asOwner(w, 'service_addon.created'),
    }),
  },
  'PATCH /api/v1/orgs/:slug/services/:serviceId/addons/:addonId': {
    access: 'tenant',
    example: async (w) => {
      const a = await newAddon(w);
      return { path: `${v1(w)}/services/${w.service.id}/addons/${a.id}`, body: { priceMinor: 700 }, status: 200, audit: asOwner(w, 'service_addon.updated') };
    },
  },
  'DELETE /api/v1/orgs/:slug/services/:serviceId/addons/:addonId': {
    access: 'tenant',
    example: async (w) => {
      const a = await newAddon(w);
      return { path: `${v1(w)}/services/${w.service.id}/addons/${a.id}`, status: 204, audit: asOwner(w, 'service_addon.deleted') };
    },
  },
  'GET /api/v1/orgs/:slug/resources': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/resources': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/resources`, body: { kind: 'staff', name: `Pat ${uniq()}` }, status: 201, audit: asOwner(w, 'resource.created') }),
  },
  'GET /api/v1/orgs/:slug/resources/:resourceId': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/resources/:resourceId': {
    access: 'tenant',
    example: async (w) => {
      const r = await newResource(w);
      return { path: `${v1(w)}/resources/${r.id}`, body: { name: `Renamed ${uniq()}` }, status: 200, audit: asOwner(w, 'resource.updated') };
    },
  },
  'POST /api/v1/orgs/:slug/resources/:resourceId/archive': {
    access: 'tenant',
    example: async (w) => {
      const r = await newResource(w);
      return { path: `${v1(w)}/resources/${r.id}/archive`, status: 200, audit: asOwner(w, 'resource.archived') };
    },
  },
  'GET /api/v1/orgs/:slug/resources/:resourceId/hours': { access: 'tenant' },
  'PUT /api/v1/orgs/:slug/resources/:resourceId/hours': {
    access: 'tenant',
    example: async (w) => {
      const r = await newResource(w);
      return { path: `${v1(w)}/resources/${r.id}/hours`, body: { weekly: [{ weekday: 6, ranges: [{ start: '10:00', end: '14:00' }] }] }, status: 200, audit: asOwner(w, 'resource.hours_updated') };
    },
  },
  'GET /api/v1/orgs/:slug/business-hours': { access: 'tenant' },
  'PUT /api/v1/orgs/:slug/business-hours': {
    access: 'tenant',
    // The same Mon–Fri hours the world books in: a replacement that keeps every slot open.
    example: async (w) => ({
      path: `${v1(w)}/business-hours`,
      body: { weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })) },
      status: 200,
      audit: asOwner(w, 'business_hours.updated'),
    }),
  },
  'GET /api/v1/orgs/:slug/date-overrides': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/date-overrides': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/date-overrides`, body: { date: w.freshDate(), ranges: [{ start: '10:00', end: '12:00' }] }, status: 201, audit: asOwner(w, 'date_override.created') }),
  },
  'DELETE /api/v1/orgs/:slug/date-overrides/:overrideId': {
    access: 'tenant',
    example: async (w) => {
      const o = await ok(call(w.h, `${v1(w)}/date-overrides`, { cookie: w.a.owner.cookie, body: { date: w.freshDate(), ranges: [] } }), 201, 'override');
      return { path: `${v1(w)}/date-overrides/${o.id}`, status: 204, audit: asOwner(w, 'date_override.deleted') };
    },
  },
  'GET /api/v1/orgs/:slug/blackouts': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/blackouts': {
    access: 'tenant',
    example: async (w) => {
      const day = w.freshDate();
      return { path: `${v1(w)}/blackouts`, body: { startsAt: `${day}T10:00:00Z`, endsAt: `${day}T11:00:00Z` }, status: 201, audit: asOwner(w, 'blackout.created') };
    },
  },
  'DELETE /api/v1/orgs/:slug/blackouts/:blackoutId': {
    access: 'tenant',
    example: async (w) => {
      const day = w.freshDate();
      const b = await ok(call(w.h, `${v1(w)}/blackouts`, { cookie: w.a.owner.cookie, body: { startsAt: `${day}T10:00:00Z`, endsAt: `${day}T11:00:00Z` } }), 201, 'blackout');
      return { path: `${v1(w)}/blackouts/${b.id}`, status: 204, audit: asOwner(w, 'blackout.deleted') };
    },
  },

  // Webhook endpoints and their delivery logs: owners and admins only (URLs and secrets).
  'GET /api/v1/orgs/:slug/webhooks': { access: 'tenant', viewer: 403 },
  'POST /api/v1/orgs/:slug/webhooks': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/webhooks`, body: { url: `http://127.0.0.1:9/${uniq()}`, eventTypes: ['booking.created', 'customer.created'] }, status: 201, audit: asOwner(w, 'webhook_endpoint.created') }),
  },
  'GET /api/v1/orgs/:slug/webhooks/:endpointId': { access: 'tenant', viewer: 403 },
  'PATCH /api/v1/orgs/:slug/webhooks/:endpointId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/webhooks/${(await newEndpoint(w)).id}`, body: { description: `CRM ${uniq()}` }, status: 200, audit: asOwner(w, 'webhook_endpoint.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/webhooks/:endpointId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/webhooks/${(await newEndpoint(w)).id}`, status: 204, audit: asOwner(w, 'webhook_endpoint.deleted') }),
  },
  'POST /api/v1/orgs/:slug/webhooks/:endpointId/rotate-secret': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/webhooks/${(await newEndpoint(w)).id}/rotate-secret`, body: { graceHours: 2 }, status: 200, audit: asOwner(w, 'webhook_endpoint.secret_rotated') }),
  },
  'POST /api/v1/orgs/:slug/webhooks/:endpointId/test': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/webhooks/${w.endpointId}/test`, status: 200, audit: asOwner(w, 'webhook_endpoint.test_sent') }),
  },
  'GET /api/v1/orgs/:slug/webhooks/:endpointId/deliveries': { access: 'tenant', viewer: 403 },

  // Calendar feeds: everyone lists and makes their own; resource feeds need feeds:manage.
  'GET /api/v1/feeds/:feedFile': { access: 'feed' },
  'GET /api/v1/orgs/:slug/feeds': { access: 'tenant' },
  // Live streams (Server-Sent Events): refusals are the envelope; the answer's first frame is read.
  'GET /api/v1/orgs/:slug/events': { access: 'tenant' },
  'GET /api/v1/public/orgs/:slug/availability/stream': { access: 'public', query: (w) => `?serviceId=${w.service.id}` },
  'GET /api/v1/public/orgs/:slug/seats/stream': { access: 'public', query: (w) => `?event=${w.events.eventSlug}` },

  // The shop's catalog (modules/products): catalog:read reads, owners and admins write.
  'GET /api/v1/public/orgs/:slug/products': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/product-suggestions': { access: 'public', query: () => '?q=prod' },
  'GET /api/v1/public/orgs/:slug/products/:productSlug': { access: 'public' },
  'GET /api/v1/public/orgs/:slug/product-categories': { access: 'public' },
  'GET /api/v1/orgs/:slug/product-categories': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/product-categories': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/product-categories`, body: { name: `Cat ${uniq()}`, slug: uniq('cat-') }, status: 201, audit: asOwner(w, 'product_category.created') }),
  },
  'PATCH /api/v1/orgs/:slug/product-categories/:categoryId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/product-categories/${(await newProductCategory(w)).id}`, body: { name: `Renamed ${uniq()}` }, status: 200, audit: asOwner(w, 'product_category.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/product-categories/:categoryId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/product-categories/${(await newProductCategory(w)).id}`, status: 204, audit: asOwner(w, 'product_category.deleted') }),
  },
  'GET /api/v1/orgs/:slug/products': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/products': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/products`, body: { title: `Product ${uniq()}`, slug: uniq('prod-') }, status: 201, audit: asOwner(w, 'product.created') }),
  },
  'GET /api/v1/orgs/:slug/products/:productId': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/products/:productId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/products/${(await newProduct(w)).id}`, body: { featured: true }, status: 200, audit: asOwner(w, 'product.updated') }),
  },
  'DELETE /api/v1/orgs/:slug/products/:productId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/products/${(await newProduct(w)).id}`, status: 204, audit: asOwner(w, 'product.deleted') }),
  },
  'POST /api/v1/orgs/:slug/products/:productId/variants': {
    access: 'tenant',
    example: async (w) => ({
      path: `${v1(w)}/products/${(await newProduct(w)).id}/variants`,
      body: { sku: uniq('SKU-'), title: 'Large', priceMinor: 1900 },
      status: 201,
      audit: asOwner(w, 'product_variant.created'),
    }),
  },
  'PATCH /api/v1/orgs/:slug/products/:productId/variants/:variantId': {
    access: 'tenant',
    example: async (w) => {
      const p = await newProduct(w);
      return { path: `${v1(w)}/products/${p.id}/variants/${(await newVariant(w, p.id)).id}`, body: { priceMinor: 999 }, status: 200, audit: asOwner(w, 'product_variant.updated') };
    },
  },
  'DELETE /api/v1/orgs/:slug/products/:productId/variants/:variantId': {
    access: 'tenant',
    example: async (w) => {
      const p = await newProduct(w);
      return { path: `${v1(w)}/products/${p.id}/variants/${(await newVariant(w, p.id)).id}`, status: 204, audit: asOwner(w, 'product_variant.deleted') };
    },
  },
  'POST /api/v1/orgs/:slug/stock-items/:stockItemId/adjustments': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/stock-items/${w.shop.stockItemId}/adjustments`, body: { delta: 3, reason: 'delivery received' }, status: 201, audit: asOwner(w, 'stock_item.adjusted') }),
  },
  'GET /api/v1/orgs/:slug/stock-items/:stockItemId/movements': { access: 'tenant' },
  'GET /api/v1/orgs/:slug/low-stock': { access: 'tenant' },
  'GET /api/v1/orgs/:slug/stock-items': { access: 'tenant' },
  // Booking-funnel analytics: owners, admins and managers (analytics:read).
  'GET /api/v1/orgs/:slug/analytics/funnel': { access: 'tenant', viewer: 403, query: () => '?days=7' },
  'GET /api/v1/orgs/:slug/analytics/venue': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/feeds': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/feeds`, body: { kind: 'resource', resourceId: w.resources[1]!.id }, status: 201, audit: asOwner(w, 'calendar_feed.created') }),
  },
  'DELETE /api/v1/orgs/:slug/feeds/:feedId': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/feeds/${(await newResourceFeed(w)).id}`, status: 204, audit: asOwner(w, 'calendar_feed.revoked') }),
  },

  'GET /api/v1/orgs/:slug/bookings': { access: 'tenant' },
  'GET /api/v1/orgs/:slug/availability': { access: 'tenant', viewer: 403, query: (w) => `?serviceId=${w.service.id}&from=2026-06-02&to=2026-06-05` },
  'POST /api/v1/orgs/:slug/bookings': {
    access: 'tenant',
    example: async (w) => ({
      path: `${v1(w)}/bookings`,
      body: { serviceId: w.service.id, start: w.slot(), customer: { name: 'Phone Booking', email: `${uniq('phone')}@example.test` } },
      status: 201,
      audit: asOwner(w, 'booking.created'),
    }),
  },
  'GET /api/v1/orgs/:slug/bookings/:bookingId': { access: 'tenant' },
  // Recurring series: one audit row per operation, whatever the number of occurrences.
  'POST /api/v1/orgs/:slug/bookings/series': {
    access: 'tenant',
    example: async (w) => ({
      path: `${v1(w)}/bookings/series`,
      body: { serviceId: w.service.id, resourceId: w.resources[1]!.id, start: seriesSlot(), customer: { name: 'Weekly Client', email: `${uniq('weekly')}@example.test` }, repeat: { freq: 'weekly', count: 2 }, mode: 'skip_conflicts' },
      status: 201,
      audit: asOwner(w, 'booking_series.created'),
    }),
  },
  'GET /api/v1/orgs/:slug/bookings/series/:seriesId': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/bookings/series/:seriesId': {
    access: 'tenant',
    example: async (w) => {
      const series = await newSeries(w);
      return { path: `${v1(w)}/bookings/series/${series.id}`, body: { scope: 'all', resourceId: w.resources[1]!.id }, status: 200, audit: asOwner(w, 'booking_series.edited') };
    },
  },
  'POST /api/v1/orgs/:slug/bookings/series/:seriesId/cancel': {
    access: 'tenant',
    example: async (w) => {
      const series = await newSeries(w);
      return { path: `${v1(w)}/bookings/series/${series.id}/cancel`, body: { scope: 'following', bookingId: series.bookingIds[0], reason: 'moving away' }, status: 200, audit: asOwner(w, 'booking_series.cancelled') };
    },
  },
  'PATCH /api/v1/orgs/:slug/bookings/:bookingId': {
    access: 'tenant',
    example: async (w) => {
      const bk = await staffBooking(w);
      return { path: `${v1(w)}/bookings/${bk.id}`, body: { internalNotes: `Gate code ${uniq()}` }, status: 200, audit: asOwner(w, 'booking.updated') };
    },
  },
  'POST /api/v1/orgs/:slug/bookings/:bookingId/balance-paid': {
    access: 'tenant',
    example: async (w) => {
      const bk = await packageBooking(w);
      return { path: `${v1(w)}/bookings/${bk.id}/balance-paid`, body: { note: 'paid at the desk' }, status: 200, audit: asOwner(w, 'booking.balance_paid') };
    },
  },
  'POST /api/v1/orgs/:slug/bookings/:bookingId/manage-link': {
    access: 'tenant',
    example: async (w) => {
      const bk = await staffBooking(w);
      return { path: `${v1(w)}/bookings/${bk.id}/manage-link`, status: 200, audit: asOwner(w, 'booking.manage_link_rotated') };
    },
  },
  'POST /api/v1/orgs/:slug/bookings/:bookingId/reschedule': {
    access: 'tenant',
    example: async (w) => {
      const bk = await staffBooking(w);
      return { path: `${v1(w)}/bookings/${bk.id}/reschedule`, body: { start: w.slot() }, status: 200, audit: asOwner(w, 'booking.rescheduled') };
    },
  },
  // One route per lifecycle action, each example from a status (and a time) that allows it.
  'POST /api/v1/orgs/:slug/bookings/:bookingId/confirm': transitionExample('confirm', 'pending', {}, 'booking.confirm'),
  'POST /api/v1/orgs/:slug/bookings/:bookingId/reject': transitionExample('reject', 'pending', { reason: 'fully booked' }, 'booking.reject'),
  'POST /api/v1/orgs/:slug/bookings/:bookingId/start': transitionExample('start', 'begun', {}, 'booking.start'),
  'POST /api/v1/orgs/:slug/bookings/:bookingId/complete': transitionExample('complete', 'started', {}, 'booking.complete'),
  'POST /api/v1/orgs/:slug/bookings/:bookingId/cancel': transitionExample('cancel', 'confirmed', { reason: 'customer called' }, 'booking.cancel'),
  'POST /api/v1/orgs/:slug/bookings/:bookingId/no-show': transitionExample('no-show', 'begun', {}, 'booking.no_show'),
  'GET /api/v1/orgs/:slug/customers': { access: 'tenant' },
  // Files (exports): reads, but each one that succeeds is audited.
  'GET /api/v1/orgs/:slug/exports/bookings.csv': { access: 'tenant', audits: 'bookings.exported', query: () => '?status=pending,confirmed&from=2026-06-01' },
  'GET /api/v1/orgs/:slug/exports/bookings.pdf': { access: 'tenant', audits: 'bookings.exported' },
  'GET /api/v1/orgs/:slug/exports/customers.csv': { access: 'tenant', audits: 'customers.exported', query: () => '?sort=-lastBookingAt' },
  'GET /api/v1/orgs/:slug/exports/customers.pdf': { access: 'tenant', audits: 'customers.exported' },
  'GET /api/v1/orgs/:slug/customers/:customerId': { access: 'tenant' },
  'PATCH /api/v1/orgs/:slug/customers/:customerId': {
    access: 'tenant',
    example: async (w) => {
      const bk = await staffBooking(w);
      return { path: `${v1(w)}/customers/${bk.customerId}`, body: { notes: `Prefers mornings ${uniq()}` }, status: 200, audit: asOwner(w, 'customer.updated') };
    },
  },
  // Loyalty: everyone reads the program; owners, admins and managers change it and adjust points.
  // (The program stays off in A: earning would turn shop buyers into customers and reorder A's customer list.)
  'GET /api/v1/orgs/:slug/loyalty': { access: 'tenant' },
  'PUT /api/v1/orgs/:slug/loyalty': {
    access: 'tenant',
    example: async (w) => ({ path: `${v1(w)}/loyalty`, body: { pointsPerUnit: 2, expiryMonths: 12 }, status: 200, audit: asOwner(w, 'loyalty_program.updated') }),
  },
  'GET /api/v1/orgs/:slug/customers/:customerId/loyalty': { access: 'tenant' },
  'POST /api/v1/orgs/:slug/customers/:customerId/loyalty/adjustments': {
    access: 'tenant',
    // A's marked guest (a new customer here would push them off the customers list's first page).
    example: async (w) => ({ path: `${v1(w)}/customers/${w.booking.customerId}/loyalty/adjustments`, body: { delta: 250, reason: 'Welcome gift' }, status: 201, audit: asOwner(w, 'loyalty.adjusted') }),
  },
  'GET /api/v1/me/orgs/:slug/loyalty': { access: 'session' },
  'POST /api/v1/orgs/:slug/customers/:customerId/merge': {
    access: 'tenant',
    example: async (w) => {
      const keep = await staffBooking(w);
      const dup = await staffBooking(w);
      return { path: `${v1(w)}/customers/${keep.customerId}/merge`, body: { sourceIds: [dup.customerId] }, status: 200, audit: asOwner(w, 'customer.merged') };
    },
  },
};

export interface AppRoute {
  method: string;
  path: string;
  key: string;
}

/** Every method + path the app declares under /api/v1 (middleware-only entries excluded). */
export function appRoutes(h: Harness): AppRoute[] {
  const seen = new Map<string, AppRoute>();
  for (const r of h.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/v1')) continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, key });
  }
  return [...seen.values()];
}

export const isMutation = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/** Routes the app declares that the table does not classify (the sweeps fail naming them). */
export function unclassified(h: Harness): string[] {
  return appRoutes(h)
    .filter((r) => !routeTable[r.key])
    .map((r) => r.key);
}

/** Table entries for routes the app no longer declares (stale rows hide nothing, but say so). */
export function stale(h: Harness): string[] {
  const keys = new Set(appRoutes(h).map((r) => r.key));
  return Object.keys(routeTable).filter((k) => !keys.has(k));
}

/**
 * Demo bookings, placed through the booking use cases themselves (createBooking for staff
 * entries, createPublicBooking for requests from the public form, transitionBooking for the
 * lifecycle) with an injected clock, so each one obeys the rules a real booking does: hours,
 * lunch breaks, buffers, notice, the exclusion constraint, customers upserted and counted,
 * events, audit and outbox rows. The actor is the system ("demo seed"), except for a club
 * member's own reservations: those are made by the demo member account itself, because a
 * member sees only the bookings they made (createdByUserId, which only that path sets).
 *
 * Runs after the organization's seed transaction has committed (the use cases open their own
 * transactions), only for an organization seedDemo has just created.
 *
 *  1. Each plan gets the instant it was made: history a few days before its day, the diary
 *     ahead `now`. Times come from findSlots for that day as seen at that instant, chosen by a
 *     fixed-seed generator: the same `now` gives the same data.
 *  2. All bookings are placed first, in the order they were made, while every one of them is
 *     still active: later ones see the earlier ones as busy, so the history never shows a
 *     professional or an asset in two places at once.
 *  3. Then each moves through its lifecycle at plausible instants (confirmed a couple of hours
 *     after the request, started at its start, completed at its end, cancelled before it).
 *  4. A `bookings.seeded` audit row marks the organization's demo bookings as complete.
 */
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '@/db/client';
import { bookings, members, outbox, resources, serviceAddons, services, users } from '@/db/schema';
import { type BookingAction, bookingSchemas, createBooking, createPublicBooking, transitionBooking } from '@/modules/bookings';
import { type Actor, type Ctx, noRequest, parseInput, recordAudit, type Tenant, tenantTx } from '@/modules/kernel';
import { transitionOrder } from '@/modules/orders';
import { findTenantBySlug } from '@/modules/organizations';
import { addDays, findSlots, type LocalDate, localDateOf, type Slot, toIsoInZone } from '@/modules/scheduling';
import { demoCatalogs } from './demo-catalog';
import { type DemoBookingPlan, demoBookings } from './demo-booking-plans';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How far from a plan's day to look when that day offers nothing (closed, day off, full). */
const NEARBY_DAYS = 3;

interface DemoBookingsResult {
  bookings: number;
  /** Plans for which no slot was offered (none in a correct catalog). */
  skipped: number;
  statuses: Record<string, number>;
}

interface Placed {
  plan: DemoBookingPlan;
  id: string;
  /** A party package's deposit order: paying it is what confirms the booking. */
  depositOrderId: string | null;
  status: string;
  slot: Slot;
  madeAt: Date;
}

/** mulberry32 seeded with the FNV-1a hash of `seed`: reproducible, never Math.random. */
function generator(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const demoSeed: Actor = { type: 'system', name: 'demo seed' };

function ctxAt(db: Db, tenant: Tenant, now: Date, actor: Actor = demoSeed): Ctx {
  return { db, tenant, actor, now, request: noRequest };
}

/** The actor a member's own request would carry (as the API builds it from their session). */
async function memberActor(db: Db, tenant: Tenant, email: string): Promise<Actor> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: members.role })
    .from(users)
    .innerJoin(members, and(eq(members.userId, users.id), eq(members.organizationId, tenant.id)))
    .where(eq(users.email, email));
  if (!row) throw new Error(`Demo bookings: ${email} is not a member of ${tenant.slug}.`);
  return { type: 'user', ...row };
}

/** Seeds `slug`'s demo bookings; null when it has none planned or already has bookings. */
export async function seedDemoBookings(db: Db, slug: string, now: Date): Promise<DemoBookingsResult | null> {
  const demo = demoBookings[slug];
  const catalog = demoCatalogs[slug];
  if (!demo || !catalog) return null;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo bookings: organization ${slug} does not exist.`);
  const zone = tenant.timezone;
  const base = ctxAt(db, tenant, now);
  const at = (when: Date) => ctxAt(db, tenant, when);

  const known = await tenantTx(base, async (tx) => {
    const [any] = await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.organizationId, tenant.id)).limit(1);
    const svc = await tx
      .select({ id: services.id, slug: services.slug, bookingMode: services.bookingMode, customFields: services.customFields })
      .from(services)
      .where(eq(services.organizationId, tenant.id));
    const res = await tx.select({ id: resources.id, name: resources.name }).from(resources).where(eq(resources.organizationId, tenant.id));
    const extras = await tx.select({ id: serviceAddons.id, serviceId: serviceAddons.serviceId, name: serviceAddons.name, extraMinutes: serviceAddons.extraMinutes }).from(serviceAddons).where(eq(serviceAddons.organizationId, tenant.id));
    return { hasBookings: !!any, services: new Map(svc.map((s) => [s.slug, s])), resources: new Map(res.map((r) => [r.name, r.id])), addons: extras };
  });
  if (known.hasBookings) return null;
  const resourceId = (key: string) => {
    const name = catalog.resources.find((r) => r.key === key)?.name;
    const id = name ? known.resources.get(name) : undefined;
    if (!id) throw new Error(`Demo bookings: ${slug} has no resource "${key}".`);
    return id;
  };
  const serviceOf = (plan: DemoBookingPlan) => {
    const service = known.services.get(plan.service);
    if (!service) throw new Error(`Demo bookings: ${slug} has no service "${plan.service}".`);
    return service;
  };

  const rand = generator(`bookline-demo:${slug}`);
  const today = localDateOf(now.getTime(), zone);
  const dayStart = (date: LocalDate) => DateTime.fromISO(date, { zone }).startOf('day');

  // 1. When each booking was made: history 3–8 days before its day, during office hours.
  const drafts = demo.plans
    .map((plan, order) => {
      const madeAt =
        plan.day < 0
          ? dayStart(addDays(today, plan.day))
              .minus({ days: 3 + Math.floor(rand() * 6) })
              .plus({ hours: 9, minutes: 15 * Math.floor(rand() * 32) })
              .toJSDate()
          : now;
      return { plan, order, madeAt };
    })
    .sort((a, b) => a.madeAt.getTime() - b.madeAt.getTime() || a.order - b.order);

  // 2. Place them all, in the order they were made.
  const placed: Placed[] = [];
  let skipped = 0;
  for (const { plan, madeAt } of drafts) {
    const person = demo.people[plan.who]!;
    const ctx = plan.asMember ? ctxAt(db, tenant, madeAt, await memberActor(db, tenant, person.email)) : at(madeAt);
    const service = serviceOf(plan);
    const multiDay = service.bookingMode === 'multi_day';
    const resource = plan.resource ? resourceId(plan.resource) : undefined;
    // The planned day, or the nearest day around it that offers the service (a professional's
    // day off, a closed Sunday). History stays history: nothing after yesterday, and only
    // slots already over.
    const planned = addDays(today, plan.day);
    const from = plan.day < 0 ? addDays(planned, -NEARBY_DAYS) : planned;
    const to = plan.day < 0 ? minDate(addDays(planned, NEARBY_DAYS), addDays(today, -1)) : addDays(planned, NEARBY_DAYS);
    const addons = (plan.addons ?? []).map(({ name, quantity }) => {
      const addon = known.addons.find((a) => a.serviceId === service.id && a.name === name);
      if (!addon) throw new Error(`Demo bookings: ${slug} ${plan.service} has no add-on "${name}".`);
      return { addon, quantity };
    });
    // Add-ons that lengthen the booking: only slots the longer booking fits.
    const extraMinutes = addons.reduce((sum, a) => sum + a.addon.extraMinutes * a.quantity, 0);
    const found = await tenantTx(ctx, (tx) =>
      findSlots(tx, { organizationId: tenant.id, orgTimezone: zone, serviceId: service.id, resourceId: resource, from, to, timezone: zone, now: madeAt, seats: plan.seats ?? 1, extraMinutes }),
    );
    const offered = (found?.slots ?? []).filter(
      (s) =>
        (plan.day >= 0 || s.end <= now.getTime()) &&
        (!multiDay || !plan.nights || localDateOf(s.end, zone) === addDays(localDateOf(s.start, zone), plan.nights)),
    );
    const distance = (date: LocalDate) => Math.abs(DateTime.fromISO(date, { zone: 'UTC' }).diff(DateTime.fromISO(planned, { zone: 'UTC' }), 'days').days);
    const days = [...new Set(offered.map((s) => localDateOf(s.start, zone)))].sort((a, b) => distance(a) - distance(b) || (a < b ? 1 : -1));
    const choices = offered.filter((s) => localDateOf(s.start, zone) === days[0]);
    if (choices.length === 0) {
      skipped++;
      continue;
    }
    const slot = choices[Math.floor(rand() * choices.length)]!;
    const input = {
      serviceId: service.id,
      start: toIsoInZone(slot.start, zone),
      ...(multiDay ? { end: toIsoInZone(slot.end, zone) } : {}),
      ...(resource ? { resourceId: resource } : {}),
      customer: { name: person.name, email: person.email, ...(person.phone ? { phone: person.phone } : {}) },
      fields: { ...addressAnswers(service.customFields, person), ...plan.fields },
      message: plan.message ?? '',
      seats: plan.seats ?? 1,
      ...(plan.children !== undefined ? { children: plan.children, adults: plan.adults ?? 0 } : {}),
      ...(addons.length > 0 ? { addons: addons.map((a) => ({ addonId: a.addon.id, quantity: a.quantity })) } : {}),
    };
    // The seed is a caller outside HTTP: it parses its input with the routes' own schemas.
    const { booking } = plan.online
      ? await createPublicBooking(ctx, slug, parseInput(bookingSchemas.publicBookingInput, input, 'demo booking'))
      : plan.asMember
        ? await createBooking(ctx, parseInput(bookingSchemas.createStaffBookingInput, input, 'demo booking'))
        : await createBooking(
            ctx,
            parseInput(bookingSchemas.createStaffBookingInput, { ...input, internalNotes: plan.notes ?? '', ...(plan.outcome === 'pending' ? { status: 'pending' } : {}) }, 'demo booking'),
          );
    placed.push({ plan, id: booking.id, depositOrderId: booking.depositOrderId, status: booking.status, slot, madeAt });
  }

  // 3. The lifecycle, each step at its own instant.
  const statuses: Record<string, number> = {};
  for (const p of placed) {
    let status = p.status;
    for (const [action, when] of lifecycle(p, now)) {
      // A party is confirmed by paying its deposit (bookings/deposits.ts), not by hand.
      if (action === 'confirm' && p.depositOrderId) {
        await transitionOrder(at(when), p.depositOrderId, 'pay', { note: 'deposit paid at the front desk' });
        status = 'confirmed';
        continue;
      }
      status = (await transitionBooking(at(when), p.id, action, p.plan.reason && (action === 'cancel' || action === 'reject') ? { reason: p.plan.reason } : {})).status;
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
  }

  // 4. Done: the marker that this organization's demo bookings are complete. The history's
  // messages are kept but marked delivered: nobody is emailed about bookings made "days ago",
  // and the mail catcher starts empty, so the first thing in it is what a visitor books now.
  const result: DemoBookingsResult = { bookings: placed.length, skipped, statuses };
  await tenantTx(base, async (tx) => {
    await tx.update(outbox).set({ status: 'sent', sentAt: now }).where(and(eq(outbox.organizationId, tenant.id), eq(outbox.status, 'pending')));
    await recordAudit(tx, base, { organizationId: tenant.id, action: 'bookings.seeded', entity: 'organization', entityId: tenant.id, changes: { after: result } });
  });
  return result;
}

function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}

/** The transitions that take a freshly placed booking to its planned outcome, with their instants. */
function lifecycle(p: Placed, now: Date): [BookingAction, Date][] {
  const { plan, slot, madeAt } = p;
  const start = slot.start;
  const pending = p.status === 'pending';
  if (plan.day >= 0) {
    if (plan.outcome === 'confirmed' && pending) return [['confirm', now]];
    if (plan.outcome === 'cancelled') return [['cancel', now]];
    return [];
  }
  // A request is confirmed a couple of hours after it came in (always well before its start).
  const confirm: [BookingAction, Date][] = pending ? [['confirm', new Date(Math.min(madeAt.getTime() + 2 * HOUR, start - HOUR))]] : [];
  switch (plan.outcome) {
    case 'completed':
      return [...confirm, ['start', new Date(start)], ['complete', new Date(slot.end)]];
    case 'no_show':
      return [...confirm, ['no_show', new Date(start + HOUR / 2)]];
    case 'cancelled': {
      // Some time between the request and the appointment, on a five-minute mark.
      const when = madeAt.getTime() + (start - madeAt.getTime()) * 0.6;
      return [['cancel', new Date(Math.floor(when / (5 * MINUTE)) * 5 * MINUTE)]];
    }
    case 'rejected':
      return pending ? [['reject', new Date(madeAt.getTime() + 3 * HOUR)]] : [['cancel', new Date(madeAt.getTime() + 3 * HOUR)]];
    default:
      return [];
  }
}

/** A mobile business's address questions, answered with where the person lives. */
function addressAnswers(fields: readonly { key: string; type: string }[] | null, person: { name: string; address?: { street: string; city: string; postalCode: string } }) {
  const out: Record<string, { street: string; city: string; postalCode: string }> = {};
  for (const f of fields ?? []) {
    if (f.type !== 'address') continue;
    if (!person.address) throw new Error(`Demo bookings: ${person.name} has no address for the question "${f.key}".`);
    out[f.key] = person.address;
  }
  return out;
}

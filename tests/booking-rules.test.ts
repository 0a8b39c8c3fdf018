/**
 * The booking rules that are data: the cancellation notice for everyone but those acting for
 * the business (#11.9), a guest's move of a booking that needed confirmation (#11.10), the
 * lifecycle's time conditions (#9.3), alternatives that keep the chosen resource (#9.13),
 * staff edits of notes and "from" prices (#9.5), merged emails as aliases (#11.17), and one
 * actor mapping for every booking change (#10.6).
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingEvents, customers, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { rescheduleBooking } from '@/modules/bookings';
import { noRequest } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, createService, guest } from './support/scheduling';

// Monday 2026-06-01 07:00 in Chicago (CDT, UTC−5).
const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

/** The same database seen at another instant. */
const at = (instant: string) => createHarness({ database: h.database, clock: fixedClock(instant) });

const book = (org: TestOrg, body: Record<string, unknown>) => call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body });
const tokenOf = (res: { json: { manageUrl: string } }) => new URL(res.json.manageUrl).searchParams.get('token')!;
const bookingPath = (org: TestOrg, id: string, rest = '') => `/api/v1/orgs/${org.slug}/bookings/${id}${rest}`;

async function history(bookingId: string) {
  return h.database.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, bookingId)).orderBy(asc(bookingEvents.createdAt), asc(bookingEvents.id));
}

describe('the cancellation notice is one rule for every path (#11.9)', () => {
  it('refuses a member inside the notice as it refuses the guest link; staff are exempt by permission', async () => {
    const org = await createOrg(h);
    const member = await addMember(h, org, 'member');
    const staff = await addMember(h, org, 'staff');
    // 48 hours' notice; the bookings below start 27 hours from now.
    const { service } = await bookableSetup(h, org, { staff: 2, service: { cancellationNoticeMinutes: 48 * 60 } });
    const memberBooking = async (start: string) => {
      const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: member.cookie, body: { serviceId: service.id, start } });
      expect(res.status).toBe(201);
      return res.json.booking.id as string;
    };
    const soon = await memberBooking('2026-06-02T10:00:00-05:00');
    const refused = await call(h, bookingPath(org, soon, '/cancel'), { cookie: member.cookie, body: { reason: 'cannot come' } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toMatchObject({ rule: 'cancellation_notice', cancellationNoticeMinutes: 48 * 60 });

    // The guest link answers the same for a guest's booking inside the notice.
    const guestBooking = await book(org, { serviceId: service.id, start: '2026-06-02T11:00:00-05:00', customer: guest() });
    const viaLink = await call(h, `/api/v1/public/bookings/${tokenOf(guestBooking)}/cancel`, { body: { reason: 'cannot come' } });
    expect(viaLink.status).toBe(422);
    expect(viaLink.json.error.details.rule).toBe('cancellation_notice');
    const moveViaLink = await call(h, `/api/v1/public/bookings/${tokenOf(guestBooking)}/reschedule`, { body: { start: '2026-06-03T11:00:00-05:00' } });
    expect(moveViaLink.status).toBe(422);
    expect(moveViaLink.json.error.details.rule).toBe('cancellation_notice');

    // Outside the notice the member may cancel their own.
    const later = await memberBooking('2026-06-10T10:00:00-05:00');
    expect((await call(h, bookingPath(org, later, '/cancel'), { cookie: member.cookie, body: { reason: 'plans changed' } })).status).toBe(200);

    // Staff (bookings:override_policy) cancel and move inside the notice.
    expect((await call(h, bookingPath(org, soon, '/cancel'), { cookie: staff.cookie, body: { reason: 'member phoned' } })).status).toBe(200);
    const moved = await call(h, bookingPath(org, guestBooking.json.booking.id, '/reschedule'), { cookie: staff.cookie, body: { start: '2026-06-03T11:00:00-05:00' } });
    expect(moved.status).toBe(200);
  });
});

describe("a guest's move of a booking that needed confirmation (#11.10)", () => {
  it('goes back to pending and tells the business, unless the organization keeps it confirmed; staff moves keep it', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1, service: { requiresConfirmation: true, cancellationNoticeMinutes: 60 } });
    const created = await book(org, { serviceId: service.id, start: '2026-06-03T10:00:00-05:00', customer: guest() });
    const id = created.json.booking.id;
    expect(created.json.booking.status).toBe('pending');
    expect((await call(h, bookingPath(org, id, '/confirm'), { cookie: org.owner.cookie, body: {} })).status).toBe(200);

    const moved = await call(h, `/api/v1/public/bookings/${tokenOf(created)}/reschedule`, { body: { start: '2026-06-04T10:00:00-05:00' } });
    expect(moved.status).toBe(200);
    expect(moved.json.status).toBe('pending');
    expect((await history(id)).at(-1)).toMatchObject({ action: 'rescheduled', fromStatus: 'confirmed', toStatus: 'pending', actorType: 'guest' });
    const told = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.awaiting_confirmation')));
    expect(told.map((m) => m.payload)).toEqual([expect.objectContaining({ bookingId: id, reason: 'rescheduled_by_guest' })]);

    // Staff confirm the new time and move it again: their move is the business's own decision.
    expect((await call(h, bookingPath(org, id, '/confirm'), { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    const staffMove = await call(h, bookingPath(org, id, '/reschedule'), { cookie: org.owner.cookie, body: { start: '2026-06-05T10:00:00-05:00' } });
    expect(staffMove.json.status).toBe('confirmed');

    // The organization can choose to keep guest moves confirmed.
    const setting = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { keepGuestReschedulesConfirmed: true } } });
    expect(setting.status).toBe(200);
    const kept = await call(h, `/api/v1/public/bookings/${tokenOf(created)}/reschedule`, { body: { start: '2026-06-08T10:00:00-05:00' } });
    expect(kept.json.status).toBe('confirmed');
  });
});

describe('lifecycle actions follow time (#9.3)', () => {
  it('starts from shortly before the start, completes and marks no-shows only after it; allowedActions agrees', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1 });
    // Nine days ahead: Wednesday 10 June, 10:00 Chicago (15:00Z).
    const created = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: org.owner.cookie,
      body: { serviceId: service.id, start: '2026-06-10T10:00:00-05:00', customer: guest(), status: 'confirmed' },
    });
    const id = created.json.booking.id;
    expect(created.json.booking.allowedActions).toEqual(['cancel']);
    for (const action of ['start', 'no-show']) {
      const res = await call(h, bookingPath(org, id, `/${action}`), { cookie: org.owner.cookie, body: {} });
      expect(res.status, action).toBe(409);
      expect(res.json.error.details).toMatchObject({ reason: 'too_early', allowedActions: ['cancel'] });
    }
    expect((await call(h, bookingPath(org, id), { cookie: org.owner.cookie })).json.allowedActions).toEqual(['cancel']);

    // 40 minutes before: still too early with the default 30-minute lead.
    const early = await at('2026-06-10T14:20:00Z');
    const tooEarly = await call(early, bookingPath(org, id, '/start'), { cookie: org.owner.cookie, body: {} });
    expect(tooEarly.json.error.details).toMatchObject({ reason: 'too_early', opensAt: '2026-06-10T09:30:00-05:00' });
    // 20 minutes before: it can be started, not completed or marked a no-show.
    const shortlyBefore = await at('2026-06-10T14:40:00Z');
    expect((await call(shortlyBefore, bookingPath(org, id), { cookie: org.owner.cookie })).json.allowedActions).toEqual(['start', 'cancel']);
    const started = await call(shortlyBefore, bookingPath(org, id, '/start'), { cookie: org.owner.cookie, body: {} });
    expect(started.status).toBe(200);
    expect(started.json.allowedActions).toEqual([]);
    expect((await call(shortlyBefore, bookingPath(org, id, '/complete'), { cookie: org.owner.cookie, body: {} })).json.error.details.reason).toBe('too_early');
    const after = await at('2026-06-10T15:30:00Z');
    expect((await call(after, bookingPath(org, id), { cookie: org.owner.cookie })).json.allowedActions).toEqual(['complete']);
    expect((await call(after, bookingPath(org, id, '/complete'), { cookie: org.owner.cookie, body: {} })).status).toBe(200);

    // The lead is the organization's: with 60 minutes, 40 minutes before is fine.
    await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { startLeadMinutes: 60 } } });
    const other = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: org.owner.cookie,
      body: { serviceId: service.id, start: '2026-06-11T10:00:00-05:00', customer: guest(), status: 'confirmed' },
    });
    const fortyBefore = await at('2026-06-11T14:20:00Z');
    expect((await call(fortyBefore, bookingPath(org, other.json.booking.id, '/start'), { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    const bad = await call(h, `/api/v1/orgs/${org.slug}`, { method: 'PATCH', cookie: org.owner.cookie, body: { settings: { startLeadMinutes: -5 } } });
    expect(bad.status).toBe(400);
  });
});

describe('alternatives keep the chosen resource (#9.13)', () => {
  it('offers the chosen room first, and names the resource of every alternative', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { staff: 2, resource: { kind: 'room' }, service: { slotIntervalMinutes: 60 } });
    const chosen = resources[0]!;
    const start = '2026-06-02T10:00:00-05:00';
    expect((await book(org, { serviceId: service.id, resourceId: chosen.id, start, customer: guest(1) })).status).toBe(201);
    const taken = await book(org, { serviceId: service.id, resourceId: chosen.id, start, customer: guest(2) });
    expect(taken.status).toBe(409);
    const alternatives = taken.json.error.details.alternatives as { start: string; resourceId: string; resourceName: string; resourceIds: string[] }[];
    // The other room is free at the very same time, but the chosen room comes first.
    expect(alternatives[0]).toMatchObject({ resourceId: chosen.id, resourceName: 'Staff 1' });
    expect(alternatives[0]!.start).not.toBe(start);
    for (const a of alternatives) {
      expect(a.resourceIds).toContain(a.resourceId);
      expect(a.resourceName).toBe(a.resourceId === chosen.id ? 'Staff 1' : 'Staff 2');
    }
    // Without a chosen resource, each alternative still names the one it would be booked on.
    expect((await book(org, { serviceId: service.id, start, customer: guest(3) })).status).toBe(201);
    const full = await book(org, { serviceId: service.id, start, customer: guest(4) });
    expect(full.status).toBe(409);
    const names = new Map([[resources[0]!.id, 'Staff 1'], [resources[1]!.id, 'Staff 2']]);
    for (const a of full.json.error.details.alternatives as { resourceId: string; resourceName: string; resourceIds: string[] }[]) {
      expect(a.resourceId).toBe(a.resourceIds[0]);
      expect(a.resourceName).toBe(names.get(a.resourceId));
    }
  });

  it('a move offers alternatives on the booking’s own resource first', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { staff: 2, service: { slotIntervalMinutes: 60 } });
    const [mine, other] = resources as [{ id: string }, { id: string }];
    const a = await book(org, { serviceId: service.id, resourceId: mine.id, start: '2026-06-02T09:00:00-05:00', customer: guest(1) });
    await book(org, { serviceId: service.id, resourceId: mine.id, start: '2026-06-02T13:00:00-05:00', customer: guest(2) });
    const blocked = await call(h, bookingPath(org, a.json.booking.id, '/reschedule'), { cookie: org.owner.cookie, body: { start: '2026-06-02T13:00:00-05:00' } });
    expect(blocked.status).toBe(409);
    const alternatives = blocked.json.error.details.alternatives as { start: string; resourceId: string; resourceName: string }[];
    // The other staff member is free at 13:00 itself; the booking's own resource comes first.
    expect(alternatives[0]).toMatchObject({ resourceId: mine.id, resourceName: 'Staff 1' });
    expect(alternatives[0]!.start).not.toBe('2026-06-02T13:00:00-05:00');
    expect(alternatives.filter((x) => x.resourceId === other.id).every((x) => x.resourceName === 'Staff 2')).toBe(true);
  });
});

describe('staff edit internal notes and "from" prices (#9.5)', () => {
  it('PATCH sets notes and a final amount, audited with the previous values; members and viewers may not', async () => {
    const org = await createOrg(h);
    const { resources } = await bookableSetup(h, org, { staff: 1 });
    const from = await createService(h, org, { resourceIds: [resources[0]!.id], priceMinor: 5000, priceFrom: true });
    const fixed = await createService(h, org, { resourceIds: [resources[0]!.id], priceMinor: 7000 });
    const staff = await addMember(h, org, 'staff');
    const member = await addMember(h, org, 'member');
    const viewer = await addMember(h, org, 'viewer');
    const created = await book(org, { serviceId: from.id, start: '2026-06-02T10:00:00-05:00', customer: guest() });
    const id = created.json.booking.id;

    const notes = await call(h, bookingPath(org, id), { method: 'PATCH', cookie: staff.cookie, body: { internalNotes: 'Heavy soiling; allow extra time' } });
    expect(notes.status).toBe(200);
    expect(notes.json).toMatchObject({ id, internalNotes: 'Heavy soiling; allow extra time', priceMinor: 5000 });
    const price = await call(h, bookingPath(org, id), { method: 'PATCH', cookie: staff.cookie, body: { priceMinor: 8250 } });
    expect(price.json.priceMinor).toBe(8250);
    const detail = await call(h, bookingPath(org, id), { cookie: org.owner.cookie });
    expect(detail.json).toMatchObject({ internalNotes: 'Heavy soiling; allow extra time', priceMinor: 8250 });
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'booking.updated'))).orderBy(asc(auditLog.createdAt), asc(auditLog.id));
    expect(audits.map((a) => a.changes)).toEqual([
      { before: { internalNotes: '' }, after: { internalNotes: 'Heavy soiling; allow extra time' } },
      { before: { priceMinor: 5000 }, after: { priceMinor: 8250 } },
    ]);
    expect(audits.every((a) => a.actorUserId === staff.id)).toBe(true);
    // Notes are not in the history members can read.
    expect((await history(id)).map((e) => e.action)).toEqual(['created']);

    const fixedBooking = await book(org, { serviceId: fixed.id, start: '2026-06-02T13:00:00-05:00', customer: guest() });
    const refused = await call(h, bookingPath(org, fixedBooking.json.booking.id), { method: 'PATCH', cookie: staff.cookie, body: { priceMinor: 1 } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.rule).toBe('price_fixed');
    expect((await call(h, bookingPath(org, id), { method: 'PATCH', cookie: member.cookie, body: { internalNotes: 'x' } })).status).toBe(403);
    expect((await call(h, bookingPath(org, id), { method: 'PATCH', cookie: viewer.cookie, body: { internalNotes: 'x' } })).status).toBe(403);
    expect((await call(h, bookingPath(org, id), { method: 'PATCH', cookie: staff.cookie, body: { priceMinor: -1 } })).status).toBe(400);
    expect((await call(h, bookingPath(org, id), { method: 'PATCH', cookie: staff.cookie, body: {} })).status).toBe(400);
    expect((await call(h, bookingPath(org, id), { method: 'PATCH', cookie: staff.cookie, body: { status: 'completed' } })).status).toBe(400);
  });
});

describe('merged emails stay aliases of the survivor (#11.17)', () => {
  it('a later booking with a merged-away email attaches to the survivor and is counted there', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1, service: { slotIntervalMinutes: 60 } });
    const a = await book(org, { serviceId: service.id, start: '2026-06-02T09:00:00-05:00', customer: { name: 'Dana Smith', email: 'dana@example.test' } });
    const b = await book(org, { serviceId: service.id, start: '2026-06-02T11:00:00-05:00', customer: { name: 'Dana S.', email: 'dana.s@example.test' } });
    const [keep, dup] = [a.json.booking.customerId, b.json.booking.customerId];
    expect((await call(h, `/api/v1/orgs/${org.slug}/customers/${keep}/merge`, { cookie: org.owner.cookie, body: { sourceIds: [dup] } })).status).toBe(200);

    const again = await book(org, { serviceId: service.id, start: '2026-06-03T09:00:00-05:00', customer: { name: 'Dana', email: 'Dana.S@example.test' } });
    expect(again.status).toBe(201);
    expect(again.json.booking.customerId).toBe(keep);
    const rows = await h.database.db.select().from(customers).where(eq(customers.organizationId, org.id));
    expect(rows).toHaveLength(2);
    expect(rows.find((c) => c.id === keep)).toMatchObject({ totalBookings: 3, mergedIntoId: null });
    expect(rows.find((c) => c.id === dup)).toMatchObject({ totalBookings: 0, mergedIntoId: keep });
    expect(rows.find((c) => c.id === keep)!.lastBookingAt?.toISOString()).toBe('2026-06-03T14:00:00.000Z');

    // A merge of the survivor carries its aliases along: both old emails reach the new survivor.
    const c = await book(org, { serviceId: service.id, start: '2026-06-04T09:00:00-05:00', customer: { name: 'D. Smith', email: 'dsmith@example.test' } });
    const top = c.json.booking.customerId;
    expect((await call(h, `/api/v1/orgs/${org.slug}/customers/${top}/merge`, { cookie: org.owner.cookie, body: { sourceIds: [keep] } })).status).toBe(200);
    const viaOldAlias = await book(org, { serviceId: service.id, start: '2026-06-05T09:00:00-05:00', customer: { name: 'Dana', email: 'dana.s@example.test' } });
    expect(viaOldAlias.json.booking.customerId).toBe(top);
    const survivor = (await h.database.db.select().from(customers).where(eq(customers.id, top)))[0]!;
    expect(survivor.totalBookings).toBe(5);

    // The survivor may take an alias back as its own email.
    const renamed = await call(h, `/api/v1/orgs/${org.slug}/customers/${top}`, { method: 'PATCH', cookie: org.owner.cookie, body: { email: 'dana@example.test' } });
    expect(renamed.status).toBe(200);
    const afterRename = await book(org, { serviceId: service.id, start: '2026-06-05T11:00:00-05:00', customer: { name: 'Dana', email: 'dana@example.test' } });
    expect(afterRename.json.booking.customerId).toBe(top);
  });
});

describe('one writer for a booking change (#10.6)', () => {
  it('a move by the system is recorded as the system in the history and the audit log', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1 });
    const created = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest() });
    const tenant = (await findTenantBySlug(h.database.db, org.slug))!;
    const ctx = { db: h.database.db, tenant, actor: { type: 'system' as const, name: 'test' }, now: new Date(NOW), request: noRequest };
    await rescheduleBooking(ctx, created.json.booking.id, { start: new Date('2026-06-02T14:00:00-05:00') });
    expect((await history(created.json.booking.id)).map((e) => [e.action, e.actorType])).toEqual([
      ['created', 'guest'],
      ['rescheduled', 'system'],
    ]);
    const [audit] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.json.booking.id), eq(auditLog.action, 'booking.rescheduled')));
    expect(audit?.actorType).toBe('system');
  });
});

describe('customer counters follow every change (#9.7)', () => {
  it('cancel, reject, reschedule and no-show keep "bookings" and "last booking" equal to a recount', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1, service: { slotIntervalMinutes: 60, cancellationNoticeMinutes: 60, requiresConfirmation: true } });
    const who = guest();
    const made = [];
    for (const start of ['2026-06-02T09:00:00-05:00', '2026-06-03T09:00:00-05:00', '2026-06-04T09:00:00-05:00']) {
      made.push(await book(org, { serviceId: service.id, start, customer: who }));
    }
    const customerId = made[0]!.json.booking.customerId;
    const counters = async () => {
      const [row] = await h.database.db.select().from(customers).where(eq(customers.id, customerId));
      return { total: row!.totalBookings, last: row!.lastBookingAt?.toISOString() ?? null };
    };
    expect(await counters()).toEqual({ total: 3, last: '2026-06-04T14:00:00.000Z' });
    // The guest moves the latest one later: "last booking" follows.
    await call(h, `/api/v1/public/bookings/${tokenOf(made[2]!)}/reschedule`, { body: { start: '2026-06-09T09:00:00-05:00' } });
    expect(await counters()).toEqual({ total: 3, last: '2026-06-09T14:00:00.000Z' });
    // ...then cancels it: it no longer counts.
    await call(h, `/api/v1/public/bookings/${tokenOf(made[2]!)}/cancel`, { body: { reason: 'away' } });
    expect(await counters()).toEqual({ total: 2, last: '2026-06-03T14:00:00.000Z' });
    // Staff reject another.
    await call(h, bookingPath(org, made[1]!.json.booking.id, '/reject'), { cookie: org.owner.cookie, body: { reason: 'closed' } });
    expect(await counters()).toEqual({ total: 1, last: '2026-06-02T14:00:00.000Z' });
    // A no-show still counts as their booking.
    await call(h, bookingPath(org, made[0]!.json.booking.id, '/confirm'), { cookie: org.owner.cookie, body: {} });
    const late = await at('2026-06-02T15:00:00Z');
    expect((await call(late, bookingPath(org, made[0]!.json.booking.id, '/no-show'), { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    expect(await counters()).toEqual({ total: 1, last: '2026-06-02T14:00:00.000Z' });
    const list = await call(h, `/api/v1/orgs/${org.slug}/customers?q=${encodeURIComponent(who.email)}`, { cookie: org.owner.cookie });
    expect(list.json.data[0]).toMatchObject({ totalBookings: 1, lastBookingAt: '2026-06-02T14:00:00.000Z' });
  });

});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingEvents, customers, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { manageLinkFor } from '@/modules/bookings';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest, weekdays } from './support/scheduling';

// Monday 2026-06-01 07:00 in Chicago (CDT, UTC−5).
const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const book = (org: TestOrg, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body, headers });

describe('public availability', () => {
  it('offers business-hours slots in the org zone with offsets, and no personal data', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { service: { durationMinutes: 60, slotIntervalMinutes: 60 } });
    const res = await call(h, `/api/v1/public/orgs/${org.slug}/availability?serviceId=${service.id}&from=2026-06-02&to=2026-06-02`);
    expect(res.status).toBe(200);
    expect(res.json.timezone).toBe('America/Chicago');
    expect(res.json.slots.map((s: { start: string }) => s.start)).toEqual(
      ['09', '10', '11', '12', '13', '14', '15', '16'].map((hh) => `2026-06-02T${hh}:00:00-05:00`),
    );
    expect(res.json.slots[0]).toEqual({ start: '2026-06-02T09:00:00-05:00', end: '2026-06-02T10:00:00-05:00', resourceIds: [resources[0]!.id], remaining: 1 });
    expect(JSON.stringify(res.json)).not.toContain(org.owner.email);

    const tokyo = await call(h, `/api/v1/public/orgs/${org.slug}/availability?serviceId=${service.id}&from=2026-06-02&to=2026-06-03&timezone=Asia/Tokyo`);
    expect(tokyo.json.timezone).toBe('Asia/Tokyo');
    // Tokyo's 2 June starts at 10:00 on Monday 1 June in Chicago: Monday's 10:00 slot comes first.
    expect(tokyo.json.slots[0].start).toBe('2026-06-02T00:00:00+09:00');
    expect(tokyo.json.slots.map((s: { start: string }) => s.start)).toContain('2026-06-02T23:00:00+09:00');
  });

  it('answers bad queries with 400 and unknown services with 404', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const base = `/api/v1/public/orgs/${org.slug}/availability?serviceId=${service.id}`;
    const tooLong = await call(h, `${base}&from=2026-06-01&to=2026-09-01`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.details.fields[0]).toMatchObject({ path: 'to', message: expect.stringMatching(/62 days/) });
    expect((await call(h, `${base}&from=2026-02-30&to=2026-03-01`)).status).toBe(400);
    expect((await call(h, `${base}&from=2026-06-05&to=2026-06-01`)).status).toBe(400);
    expect((await call(h, `${base}&from=2026-06-01&to=2026-06-02&timezone=Mars/Olympus`)).status).toBe(400);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/availability?serviceId=svc_01h455vb4pex5vsknk084sn02q&from=2026-06-01&to=2026-06-02`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/no-such-org/availability?serviceId=${service.id}&from=2026-06-01&to=2026-06-02`)).status).toBe(404);
  });
});

describe('public booking', () => {
  it('books a slot, creates the customer, writes history, audit and outbox, and returns a manage link', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, {
      service: {
        requiresConfirmation: true,
        priceMinor: 15000,
        customFields: [{ key: 'vehicle_type', label: 'Vehicle type', type: 'select', required: true, options: ['sedan', 'suv', 'truck'] }],
      },
    });
    const who = guest();
    const res = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: { ...who, email: who.email.toUpperCase() }, fields: { vehicle_type: 'suv' }, message: 'Dog hair everywhere' });
    expect(res.status).toBe(201);
    expect(res.json.booking).toMatchObject({
      status: 'pending',
      start: '2026-06-02T10:00:00-05:00',
      end: '2026-06-02T11:00:00-05:00',
      resourceId: resources[0]!.id,
      fields: { vehicle_type: 'suv' },
      priceMinor: 15000,
      currency: 'USD',
    });
    expect(res.json.manageUrl).toMatch(new RegExp(`/${org.slug}/bookings/manage\\?token=`));
    const id = res.json.booking.id;
    const [customer] = await h.database.db.select().from(customers).where(eq(customers.organizationId, org.id));
    expect(customer).toMatchObject({ email: who.email, name: who.name, totalBookings: 1 });
    expect(await h.database.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, id))).toEqual([
      expect.objectContaining({ action: 'created', toStatus: 'pending', actorType: 'guest' }),
    ]);
    expect(await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.entityId, id)))).toHaveLength(1);
    const [message] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.created')));
    expect(message?.payload).toMatchObject({ bookingId: id, to: who.email });
    // The message carries the booking id, never the link's secret; delivery rebuilds the link.
    expect(JSON.stringify(message?.payload)).not.toContain(res.json.manageToken);
    expect(await manageLinkFor(h.database.db, org.id, id, new Date(NOW))).toBe(res.json.manageUrl);
  });

  it('validates details with field-level messages', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, {
      service: { customFields: [{ key: 'vehicle_type', label: 'Vehicle type', type: 'select', required: true, options: ['sedan', 'suv'] }] },
    });
    const start = '2026-06-02T10:00:00-05:00';
    const missing = await book(org, { serviceId: service.id, start, customer: guest() });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.fields).toEqual([{ path: 'fields.vehicle_type', message: 'Vehicle type is required' }]);
    const wrong = await book(org, { serviceId: service.id, start, customer: guest(), fields: { vehicle_type: 'tank', extra: 'x' } });
    expect(wrong.json.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['fields.extra', 'fields.vehicle_type']);
    const badEmail = await book(org, { serviceId: service.id, start, customer: { name: 'A', email: 'not-an-email' }, fields: { vehicle_type: 'suv' } });
    expect(badEmail.json.error.details.fields[0].path).toBe('customer.email');
    const noOffset = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00', customer: guest(), fields: { vehicle_type: 'suv' } });
    expect(noOffset.status).toBe(400);
  });

  it('refuses times that are not offered with 422 and a reason', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { minNoticeMinutes: 24 * 60, maxAdvanceDays: 30 } });
    const outside = await book(org, { serviceId: service.id, start: '2026-06-03T20:00:00-05:00', customer: guest() });
    expect(outside.status).toBe(422);
    expect(outside.json.error.details.rule).toBe('not_offered');
    const offGrid = await book(org, { serviceId: service.id, start: '2026-06-03T10:10:00-05:00', customer: guest() });
    expect(offGrid.json.error.details.rule).toBe('not_offered');
    const tooSoon = await book(org, { serviceId: service.id, start: '2026-06-01T15:00:00-05:00', customer: guest() });
    expect(tooSoon.json.error.details.rule).toBe('min_notice');
    const tooFar = await book(org, { serviceId: service.id, start: '2026-08-03T10:00:00-05:00', customer: guest() });
    expect(tooFar.json.error.details.rule).toBe('max_advance');
  });

  it('answers a taken slot with 409 and the nearest free slots, same day first', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { bufferAfterMinutes: 30, slotIntervalMinutes: 30 } });
    const first = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest(1) });
    expect(first.status).toBe(201);
    const second = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest(2) });
    expect(second.status).toBe(409);
    expect(second.json.error.details.reason).toBe('slot_taken');
    const alternatives = second.json.error.details.alternatives;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((a: { start: string }) => a.start.startsWith('2026-06-02'))).toBe(true);
    // The 60-minute booking plus its 30-minute buffer blocks 09:30 (its end would touch 10:00 +
    // the new one's own buffer) through 11:00; 11:30 is the nearest later slot.
    expect(alternatives.map((a: { start: string }) => a.start)).toContain('2026-06-02T11:30:00-05:00');
    expect(alternatives.map((a: { start: string }) => a.start)).not.toContain('2026-06-02T11:00:00-05:00');
    const bufferHit = await book(org, { serviceId: service.id, start: '2026-06-02T11:00:00-05:00', customer: guest(3) });
    expect(bufferHit.status).toBe(409);
  });

  it('any eligible resource: two staff take two bookings at one time, the third gets 409', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { staff: 2 });
    const start = '2026-06-02T13:00:00-05:00';
    const a = await book(org, { serviceId: service.id, start, customer: guest(1) });
    const b = await book(org, { serviceId: service.id, start, customer: guest(2) });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(new Set([a.json.booking.resourceId, b.json.booking.resourceId])).toEqual(new Set(resources.map((r) => r.id)));
    expect((await book(org, { serviceId: service.id, start, customer: guest(3) })).status).toBe(409);
    const slots = await call(h, `/api/v1/public/orgs/${org.slug}/availability?serviceId=${service.id}&from=2026-06-02&to=2026-06-02`);
    expect(slots.json.slots.find((s: { start: string }) => s.start === start)).toBeUndefined();
  });

  it('group services count seats up to capacity', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { capacity: 5 }, resource: { kind: 'space', capacity: 5 } });
    const start = '2026-06-02T10:00:00-05:00';
    expect((await book(org, { serviceId: service.id, start, customer: guest(1), seats: 3 })).status).toBe(201);
    const slots = await call(h, `/api/v1/public/orgs/${org.slug}/availability?serviceId=${service.id}&from=2026-06-02&to=2026-06-02`);
    expect(slots.json.slots.find((s: { start: string }) => s.start === start).remaining).toBe(2);
    expect((await book(org, { serviceId: service.id, start, customer: guest(2), seats: 3 })).status).toBe(409);
    expect((await book(org, { serviceId: service.id, start, customer: guest(3), seats: 2 })).status).toBe(201);
    expect((await book(org, { serviceId: service.id, start, customer: guest(4) })).status).toBe(409);
  });
});

describe('idempotency', () => {
  it('a replay returns the same booking; a different request under the same key is refused', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const body = { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest() };
    const key = 'key-0123456789';
    const first = await book(org, body, { 'idempotency-key': key });
    const again = await book(org, body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.booking.id).toBe(first.json.booking.id);
    expect(again.json.manageUrl).toBe(first.json.manageUrl);
    const different = await book(org, { ...body, start: '2026-06-02T11:00:00-05:00' }, { 'idempotency-key': key });
    expect(different.status).toBe(422);
    expect((await book(org, body, { 'idempotency-key': 'short' })).status).toBe(400);
  });

  it('concurrent replays of one key create one booking', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 3 });
    const body = { serviceId: service.id, start: '2026-06-02T14:00:00-05:00', customer: guest() };
    const results = await Promise.all(Array.from({ length: 6 }, () => book(org, body, { 'idempotency-key': 'same-key-123456' })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.json.booking.id)).size).toBe(1);
    const list = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: org.owner.cookie });
    expect(list.json.pagination.total).toBe(1);
  });
});

describe('lifecycle', () => {
  it('walks pending → confirmed → in_progress → completed with history, and names allowed actions on a forbidden move', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { requiresConfirmation: true } });
    const created = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest() });
    const id = created.json.booking.id;
    const path = (a: string) => `/api/v1/orgs/${org.slug}/bookings/${id}/${a}`;
    const early = await call(h, path('complete'), { cookie: org.owner.cookie, body: {} });
    expect(early.status).toBe(409);
    expect(early.json.error.details.allowedActions).toEqual(['confirm', 'reject', 'cancel']);
    // The same database seen at the booking's start: it can be started and completed then.
    const atStart = await createHarness({ database: h.database, clock: fixedClock('2026-06-02T15:00:00Z') });
    for (const [action, status] of [['confirm', 'confirmed'], ['start', 'in_progress'], ['complete', 'completed']] as const) {
      const res = await call(atStart, path(action), { cookie: org.owner.cookie, body: {} });
      expect(res.status, action).toBe(200);
      expect(res.json.status).toBe(status);
    }
    const detail = await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}`, { cookie: org.owner.cookie });
    expect(detail.json.history.map((e: { action: string }) => e.action)).toEqual(['created', 'confirm', 'start', 'complete']);
    expect(detail.json.history[1]).toMatchObject({ fromStatus: 'pending', toStatus: 'confirmed', actorType: 'user', actorUserId: org.owner.id });
    expect((await call(atStart, path('cancel'), { cookie: org.owner.cookie, body: { reason: 'late' } })).status).toBe(409);
  });

  it('cancel needs a reason and frees the slot; rejected and no-show are terminal', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const start = '2026-06-02T10:00:00-05:00';
    const created = await book(org, { serviceId: service.id, start, customer: guest(1) });
    const path = `/api/v1/orgs/${org.slug}/bookings/${created.json.booking.id}/cancel`;
    expect((await call(h, path, { cookie: org.owner.cookie, body: {} })).status).toBe(400);
    const cancelled = await call(h, path, { cookie: org.owner.cookie, body: { reason: 'Customer called' } });
    expect(cancelled.json).toMatchObject({ status: 'cancelled', cancellationReason: 'Customer called' });
    expect((await book(org, { serviceId: service.id, start, customer: guest(2) })).status).toBe(201);
  });

  it('checks permissions: a viewer cannot act, a non-member sees 404', async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const viewer = await addMember(h, org, 'viewer');
    const { service } = await bookableSetup(h, org);
    const created = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest() });
    const id = created.json.booking.id;
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}`, { cookie: viewer.cookie })).status).toBe(200);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/cancel`, { cookie: viewer.cookie, body: { reason: 'x' } })).status).toBe(403);
    expect((await call(h, `/api/v1/orgs/${other.slug}/bookings/${id}`, { cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}`, { cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/not-an-id`, { cookie: org.owner.cookie })).status).toBe(400);
  });
});

describe('staff and member bookings', () => {
  it('staff books on behalf of a customer and reschedules atomically; the constraint still guards', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { staff: 1 });
    const staffBooking = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: org.owner.cookie,
      body: { serviceId: service.id, start: '2026-06-02T09:00:00-05:00', customer: guest(1), internalNotes: 'VIP', status: 'confirmed' },
    });
    expect(staffBooking.status).toBe(201);
    expect(staffBooking.json.booking).toMatchObject({ status: 'confirmed', source: 'staff', resourceId: resources[0]!.id });
    const other = await book(org, { serviceId: service.id, start: '2026-06-02T11:00:00-05:00', customer: guest(2) });
    const id = staffBooking.json.booking.id;
    const blocked = await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-06-02T11:00:00-05:00' } });
    expect(blocked.status).toBe(409);
    expect(blocked.json.error.details.alternatives.length).toBeGreaterThan(0);
    // Where the booking already is, on its own resource, is no alternative: moving there changes nothing.
    const own = blocked.json.error.details.alternatives.filter((a: { start: string; resourceId: string }) => a.start === '2026-06-02T09:00:00-05:00' && a.resourceId === resources[0]!.id);
    expect(own).toEqual([]);
    const moved = await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-06-02T14:00:00-05:00' } });
    expect(moved.status).toBe(200);
    expect(moved.json.start).toBe('2026-06-02T14:00:00-05:00');
    // The old time is free again.
    expect((await book(org, { serviceId: service.id, start: '2026-06-02T09:00:00-05:00', customer: guest(3) })).status).toBe(201);
    expect(other.status).toBe(201);
  });

  it('a member books for themself and sees only their own bookings', async () => {
    const org = await createOrg(h);
    const member = await addMember(h, org, 'member');
    const { service } = await bookableSetup(h, org, { staff: 2 });
    const res = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: member.cookie,
      body: { serviceId: service.id, start: '2026-06-03T10:00:00-05:00', customer: guest(9) },
    });
    expect(res.status).toBe(201);
    expect(res.json.booking.source).toBe('member');
    await book(org, { serviceId: service.id, start: '2026-06-03T12:00:00-05:00', customer: guest(1) });
    const mine = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: member.cookie });
    expect(mine.json.data.map((b: { id: string }) => b.id)).toEqual([res.json.booking.id]);
    const all = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: org.owner.cookie });
    expect(all.json.pagination.total).toBe(2);
    const customer = await call(h, `/api/v1/orgs/${org.slug}/customers?q=${encodeURIComponent(member.email)}`, { cookie: org.owner.cookie });
    expect(customer.json.data[0]).toMatchObject({ email: member.email, name: member.name });
    // Staff book for the member: in their name, so the member sees it too, but not others'.
    const forMember = await call(h, `/api/v1/orgs/${org.slug}/bookings`, {
      cookie: org.owner.cookie,
      body: { serviceId: service.id, start: '2026-06-04T10:00:00-05:00', customer: { name: member.name, email: member.email.toUpperCase() } },
    });
    const visible = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: member.cookie });
    expect(visible.json.data.map((b: { id: string }) => b.id).sort()).toEqual([res.json.booking.id, forMember.json.booking.id].sort());
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${forMember.json.booking.id}`, { cookie: member.cookie })).status).toBe(200);
    const others = all.json.data.find((b: { id: string }) => b.id !== res.json.booking.id);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${others.id}`, { cookie: member.cookie })).status).toBe(404);
  });

  it('lists with filters, search, sorting and pagination', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { requiresConfirmation: true } });
    const ids: string[] = [];
    for (const [i, time] of ['09', '10', '11', '12'].entries()) {
      const res = await book(org, { serviceId: service.id, start: `2026-06-0${2 + (i % 2)}T${time}:00:00-05:00`, customer: { name: `Person ${i}`, email: `p${i}@example.test` }, message: i === 2 ? 'ceramic please' : '' });
      ids.push(res.json.booking.id);
    }
    await call(h, `/api/v1/orgs/${org.slug}/bookings/${ids[0]}/confirm`, { cookie: org.owner.cookie, body: {} });
    const base = `/api/v1/orgs/${org.slug}/bookings`;
    const get = (qs: string) => call(h, `${base}?${qs}`, { cookie: org.owner.cookie });
    expect((await get('status=confirmed')).json.data.map((b: { id: string }) => b.id)).toEqual([ids[0]]);
    expect((await get('status=pending,confirmed')).json.pagination.total).toBe(4);
    expect((await get('from=2026-06-03&to=2026-06-03')).json.pagination.total).toBe(2);
    expect((await get('q=ceramic')).json.data.map((b: { id: string }) => b.id)).toEqual([ids[2]]);
    expect((await get('q=p3%40example')).json.data.map((b: { id: string }) => b.id)).toEqual([ids[3]]);
    const page = await get('pageSize=3&sort=-startsAt');
    expect(page.json.pagination).toMatchObject({ total: 4, totalPages: 2, hasMore: true });
    expect(page.json.data[0].start > page.json.data[1].start).toBe(true);
    expect((await get('status=bogus')).status).toBe(400);
    expect((await get('from=June')).status).toBe(400);
  });
});

describe('manage link', () => {
  it('shows the booking, cancels within notice, and refuses after the deadline', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { cancellationNoticeMinutes: 24 * 60 } });
    const created = await book(org, { serviceId: service.id, start: '2026-06-04T10:00:00-05:00', customer: guest() });
    const token = new URL(created.json.manageUrl).searchParams.get('token')!;
    const view = await call(h, `/api/v1/public/bookings/${token}`);
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ booking: { id: created.json.booking.id, status: 'confirmed' }, organization: { slug: org.slug }, canCancel: true, changeDeadline: '2026-06-03T10:00:00-05:00' });
    expect(view.json.booking).not.toHaveProperty('allowedActions');

    // Seen from a clock past the deadline (same database, later clock): too late.
    const later = await createHarness({ database: h.database, clock: fixedClock('2026-06-03T16:00:00Z') });
    const tooLate = await call(later, `/api/v1/public/bookings/${token}/cancel`, { body: { reason: 'sick' } });
    expect(tooLate.status).toBe(422);
    expect(tooLate.json.error.details.rule).toBe('cancellation_notice');

    const cancelled = await call(h, `/api/v1/public/bookings/${token}/cancel`, { body: { reason: 'sick' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('cancelled');
    expect((await call(h, `/api/v1/public/bookings/${token}`)).json.canCancel).toBe(false);
    expect((await call(h, '/api/v1/public/bookings/not-a-real-token-not-a-real-token-not-a-real')).status).toBe(404);
    expect((await call(h, '/api/v1/public/bookings/short')).status).toBe(404);
  });

  it('reschedules through the link', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { cancellationNoticeMinutes: 60 } });
    const created = await book(org, { serviceId: service.id, start: '2026-06-04T10:00:00-05:00', customer: guest() });
    const token = new URL(created.json.manageUrl).searchParams.get('token')!;
    const moved = await call(h, `/api/v1/public/bookings/${token}/reschedule`, { body: { start: '2026-06-05T15:00:00-05:00' } });
    expect(moved.status).toBe(200);
    expect(moved.json.start).toBe('2026-06-05T15:00:00-05:00');
    const history = await call(h, `/api/v1/orgs/${org.slug}/bookings/${created.json.booking.id}`, { cookie: org.owner.cookie });
    expect(history.json.history.map((e: { action: string }) => e.action)).toEqual(['created', 'rescheduled']);
    expect(history.json.history[1].actorType).toBe('guest');
  });
});

describe('customers', () => {
  it('counts bookings per email under concurrency, case-insensitively', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1, service: { slotIntervalMinutes: 60 } });
    const email = `repeat-${Date.now()}@example.test`;
    const times = ['09', '10', '11', '12', '13', '14'];
    const results = await Promise.all(
      times.map((t, i) => book(org, { serviceId: service.id, start: `2026-06-02T${t}:00:00-05:00`, customer: { name: 'Repeat', email: i % 2 ? email.toUpperCase() : email } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const rows = await h.database.db.select().from(customers).where(eq(customers.organizationId, org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ totalBookings: 6 });
    expect(rows[0]!.lastBookingAt?.toISOString()).toBe('2026-06-02T19:00:00.000Z');
  });

  it('lists, edits and merges duplicates, moving their bookings', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1 });
    const a = await book(org, { serviceId: service.id, start: '2026-06-02T09:00:00-05:00', customer: { name: 'Dana Smith', email: 'dana@example.test' } });
    const b = await book(org, { serviceId: service.id, start: '2026-06-02T11:00:00-05:00', customer: { name: 'Dana S.', email: 'dana.smith@example.test', phone: '+1 210 555 0100' } });
    const base = `/api/v1/orgs/${org.slug}/customers`;
    const list = await call(h, `${base}?q=dana&sort=name`, { cookie: org.owner.cookie });
    expect(list.json.pagination.total).toBe(2);
    const [keep, dup] = [a.json.booking.customerId, b.json.booking.customerId];
    const edited = await call(h, `${base}/${keep}`, { method: 'PATCH', cookie: org.owner.cookie, body: { vehicles: [{ type: 'suv', make: 'Toyota', model: 'RAV4' }], notes: 'Prefers mornings' } });
    expect(edited.status).toBe(200);
    const clash = await call(h, `${base}/${keep}`, { method: 'PATCH', cookie: org.owner.cookie, body: { email: 'dana.smith@example.test' } });
    expect(clash.status).toBe(409);
    const merged = await call(h, `${base}/${keep}/merge`, { cookie: org.owner.cookie, body: { sourceIds: [dup] } });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({ id: keep, totalBookings: 2, phone: '+1 210 555 0100' });
    const detail = await call(h, `${base}/${keep}`, { cookie: org.owner.cookie });
    expect(detail.json.bookings.data.map((x: { id: string }) => x.id).sort()).toEqual([a.json.booking.id, b.json.booking.id].sort());
    expect((await call(h, `${base}?q=dana`, { cookie: org.owner.cookie })).json.pagination.total).toBe(1);
    expect((await call(h, `${base}/${keep}/merge`, { cookie: org.owner.cookie, body: { sourceIds: [keep] } })).status).toBe(400);
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `${base}/${keep}`, { method: 'PATCH', cookie: viewer.cookie, body: { notes: 'x' } })).status).toBe(403);
  });
});

describe('schedules', () => {
  it('a lunch break and a day off are respected by bookings as well as availability', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { hours: weekdays([{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }], [1, 2, 3, 4]) });
    expect((await book(org, { serviceId: service.id, start: '2026-06-02T13:00:00-05:00', customer: guest() })).status).toBe(422);
    expect((await book(org, { serviceId: service.id, start: '2026-06-05T10:00:00-05:00', customer: guest() })).status).toBe(422);
    expect((await book(org, { serviceId: service.id, start: '2026-06-02T14:00:00-05:00', customer: guest() })).status).toBe(201);
  });
});

describe('multi-day stays', () => {
  it('offers stays by the night and books one; an overlapping stay is refused', async () => {
    const org = await createOrg(h);
    await call(h, `/api/v1/orgs/${org.slug}/business-hours`, {
      method: 'PUT',
      cookie: org.owner.cookie,
      body: { weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })) },
    });
    const house = await call(h, `/api/v1/orgs/${org.slug}/resources`, {
      cookie: org.owner.cookie,
      body: { kind: 'asset', name: 'Beach house', section: 'residences', multiDay: { checkInTime: '15:00', checkOutTime: '11:00', minNights: 2, maxNights: 5 } },
    });
    expect(house.status).toBe(201);
    const stay = await call(h, `/api/v1/orgs/${org.slug}/services`, {
      cookie: org.owner.cookie,
      body: { name: 'Residence stay', bookingMode: 'multi_day', durationMinutes: 1440, minNoticeMinutes: 0, priceMinor: 25000, resourceIds: [house.json.id] },
    });
    expect(stay.status).toBe(201);
    const options = await call(h, `/api/v1/public/orgs/${org.slug}/availability?serviceId=${stay.json.id}&from=2026-06-10&to=2026-06-10`);
    expect(options.status).toBe(200);
    expect(options.json.bookingMode).toBe('multi_day');
    expect(options.json.slots.map((s: { end: string }) => s.end)).toEqual([
      '2026-06-12T11:00:00-05:00',
      '2026-06-13T11:00:00-05:00',
      '2026-06-14T11:00:00-05:00',
      '2026-06-15T11:00:00-05:00',
    ]);
    expect(options.json.slots[0].start).toBe('2026-06-10T15:00:00-05:00');

    const noEnd = await book(org, { serviceId: stay.json.id, start: '2026-06-10T15:00:00-05:00', customer: guest(1) });
    expect(noEnd.status).toBe(400);
    const booked = await book(org, { serviceId: stay.json.id, start: '2026-06-10T15:00:00-05:00', end: '2026-06-13T11:00:00-05:00', customer: guest(1) });
    expect(booked.status).toBe(201);
    // A stay costs its nights: three at 250.00 (#9.10).
    expect(booked.json.booking).toMatchObject({ start: '2026-06-10T15:00:00-05:00', end: '2026-06-13T11:00:00-05:00', priceMinor: 75000 });
    const overlapping = await book(org, { serviceId: stay.json.id, start: '2026-06-12T15:00:00-05:00', end: '2026-06-14T11:00:00-05:00', customer: guest(2) });
    expect(overlapping.status).toBe(409);
    const tooShort = await book(org, { serviceId: stay.json.id, start: '2026-06-20T15:00:00-05:00', end: '2026-06-21T11:00:00-05:00', customer: guest(3) });
    expect(tooShort.status).toBe(422);
    // Check-out day is free for the next check-in.
    const next = await book(org, { serviceId: stay.json.id, start: '2026-06-13T15:00:00-05:00', end: '2026-06-15T11:00:00-05:00', customer: guest(4) });
    expect(next.status).toBe(201);
    expect(next.json.booking.priceMinor).toBe(50000);
    // Moved to four nights, it costs four.
    const moved = await call(h, `/api/v1/orgs/${org.slug}/bookings/${booked.json.booking.id}/reschedule`, {
      cookie: org.owner.cookie,
      body: { start: '2026-06-16T15:00:00-05:00', end: '2026-06-20T11:00:00-05:00' },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.priceMinor).toBe(100000);
  });
});

describe('staff booking input', () => {
  it('books for an existing customer by id, and answers a malformed or unknown id clearly', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1 });
    const first = await book(org, { serviceId: service.id, start: '2026-06-02T09:00:00-05:00', customer: guest(1) });
    const path = `/api/v1/orgs/${org.slug}/bookings`;
    const again = await call(h, path, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-06-03T09:00:00-05:00', customerId: first.json.booking.customerId } });
    expect(again.status).toBe(201);
    expect(again.json.booking.customerId).toBe(first.json.booking.customerId);
    expect((await call(h, path, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-06-03T11:00:00-05:00', customerId: 'nope' } })).status).toBe(400);
    expect((await call(h, path, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-06-03T11:00:00-05:00', customerId: 'cus_01h455vb4pex5vsknk084sn02q' } })).status).toBe(404);
    expect((await call(h, path, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-06-03T11:00:00-05:00' } })).status).toBe(400);
  });
});

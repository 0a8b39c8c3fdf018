/**
 * Recurring reservations (#14 item 5). The expansion (pure: rrule on floating local times, each
 * placed in the zone by the scheduling calendar; DST keeps the local hour), then through the API:
 * a series in one transaction under one lock, conflicts in both modes (all or nothing; skip and
 * say why), rules counted across the series' own occurrences (a quota of 3 against 5 dates),
 * cancelling one / this and following / the whole series (past occurrences stay), editing the
 * time of the following occurrences (all or nothing), one audit row per operation, idempotency,
 * and another tenant's or member's series answering 404. Runs on PostgreSQL with TEST_DATABASE_URL.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookings } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { expandSeries, MAX_OCCURRENCES } from '@/modules/bookings';
import { rruleText, TooManyOccurrences } from '@/modules/bookings/series-expansion';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource, createService, setBusinessHours, weekdays } from './support/scheduling';

const iso = (ms: number) => new Date(ms).toISOString();

describe('expansion (pure)', () => {
  it('daily, weekly on weekdays, monthly by day and by weekday, ending by count or date', () => {
    const zone = 'America/Panama'; // UTC−5 all year
    const daily = expandSeries({ freq: 'daily', interval: 2, count: 3 }, { date: '2026-06-01', time: '08:30', zone });
    expect(daily.map((o) => iso(o.start))).toEqual(['2026-06-01T13:30:00.000Z', '2026-06-03T13:30:00.000Z', '2026-06-05T13:30:00.000Z']);
    const weekly = expandSeries({ freq: 'weekly', interval: 1, byWeekday: ['MO', 'FR'], until: '2026-06-12' }, { date: '2026-06-03', time: '10:00', zone });
    expect(weekly.map((o) => o.date)).toEqual(['2026-06-05', '2026-06-08', '2026-06-12']);
    // The 31st: months without one have no occurrence (RFC 5545).
    const monthDay = expandSeries({ freq: 'monthly', interval: 1, byMonthDay: 31, count: 3 }, { date: '2026-05-31', time: '09:00', zone });
    expect(monthDay.map((o) => o.date)).toEqual(['2026-05-31', '2026-07-31', '2026-08-31']);
    const lastFriday = expandSeries({ freq: 'monthly', interval: 1, byWeekday: ['FR'], bySetPos: -1, count: 3 }, { date: '2026-06-01', time: '09:00', zone });
    expect(lastFriday.map((o) => o.date)).toEqual(['2026-06-26', '2026-07-31', '2026-08-28']);
    const secondTuesday = expandSeries({ freq: 'monthly', interval: 2, byWeekday: ['TU'], bySetPos: 2, count: 2 }, { date: '2026-06-01', time: '09:00', zone });
    expect(secondTuesday.map((o) => o.date)).toEqual(['2026-06-09', '2026-08-11']);
    expect(rruleText({ freq: 'weekly', interval: 1, byWeekday: ['FR'], until: '2026-07-10' })).toBe('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=FR;UNTIL=20260710T235959');
  });

  it('keeps 09:00 local across both DST transitions (New York, Madrid)', () => {
    const ny = expandSeries({ freq: 'weekly', interval: 1, byWeekday: ['FR'], count: 4 }, { date: '2026-10-23', time: '09:00', zone: 'America/New_York' });
    // EDT (UTC−4) until 1 November, then EST (UTC−5): the instant moves, the wall clock does not.
    expect(ny.map((o) => iso(o.start))).toEqual(['2026-10-23T13:00:00.000Z', '2026-10-30T13:00:00.000Z', '2026-11-06T14:00:00.000Z', '2026-11-13T14:00:00.000Z']);
    // EST until 14 March 2027, then EDT.
    const nySpring = expandSeries({ freq: 'weekly', interval: 1, count: 3 }, { date: '2027-03-05', time: '09:00', zone: 'America/New_York' });
    expect(nySpring.map((o) => iso(o.start))).toEqual(['2027-03-05T14:00:00.000Z', '2027-03-12T14:00:00.000Z', '2027-03-19T13:00:00.000Z']);
    const madrid = expandSeries({ freq: 'weekly', interval: 1, byWeekday: ['SA'], count: 3 }, { date: '2027-03-20', time: '09:00', zone: 'Europe/Madrid' });
    expect(madrid.map((o) => iso(o.start))).toEqual(['2027-03-20T08:00:00.000Z', '2027-03-27T08:00:00.000Z', '2027-04-03T07:00:00.000Z']);
    // A time inside the spring-forward gap lands on the first instant after it (03:00 EDT).
    const gap = expandSeries({ freq: 'daily', interval: 1, count: 1 }, { date: '2027-03-14', time: '02:30', zone: 'America/New_York' });
    expect(iso(gap[0]!.start)).toBe('2027-03-14T07:00:00.000Z');
  });

  it(`refuses more than ${MAX_OCCURRENCES} occurrences`, () => {
    expect(expandSeries({ freq: 'weekly', interval: 1, until: '2027-05-30' }, { date: '2026-06-01', time: '09:00', zone: 'UTC' })).toHaveLength(MAX_OCCURRENCES);
    expect(() => expandSeries({ freq: 'daily', interval: 1, until: '2027-06-01' }, { date: '2026-06-01', time: '09:00', zone: 'UTC' })).toThrow(TooManyOccurrences);
  });
});

// ─── Through the API ─────────────────────────────────────────────────────────────────────────

const NOW = '2026-10-01T12:00:00Z'; // Chicago is on CDT (UTC−5) until 1 November, then CST (UTC−6)
let h: Harness;
let a: TestOrg;
let b: TestOrg;
let member: TestUser & { memberId: string };
let other: TestUser & { memberId: string };
let boat: { id: string };
let boat2: { id: string };
let dayOut: { id: string };
const v1 = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
/** 09:00 Chicago (CDT) on an October 2026 day. */
const oct = (day: number, hour = 9) => new Date(Date.UTC(2026, 9, day, hour + 5)).toISOString();

function series(user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}, harness = h) {
  return call(harness, `${v1(a)}/bookings/series`, { cookie: user.cookie, body: { serviceId: dayOut.id, resourceId: boat.id, ...body }, headers });
}
const auditsOf = async (entityId: string) => h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, a.id), eq(auditLog.entityId, entityId)));

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  a = await createOrg(h);
  b = await createOrg(h);
  await setBusinessHours(h, a, weekdays([{ start: '08:00', end: '17:00' }]));
  boat = await createResource(h, a, { kind: 'asset', name: 'Yacht', section: 'Watercraft' });
  boat2 = await createResource(h, a, { kind: 'asset', name: 'Catamaran', section: 'Watercraft' });
  dayOut = await createService(h, a, { name: 'Day out', durationMinutes: 120, maxAdvanceDays: 365, resourceIds: [boat.id, boat2.id] });
  member = await addMember(h, a, 'member');
  other = await addMember(h, a, 'member');
}, 60_000);
afterAll(() => h?.close());

describe('creating a series', () => {
  it('books every Friday at 09:00 local across the DST change, in one transaction with one audit row', async () => {
    const res = await series(member, { start: oct(2), repeat: { freq: 'weekly', byWeekday: ['FR'], count: 6 } });
    expect(res.status, res.text).toBe(201);
    const body = res.json;
    expect(body.skipped).toEqual([]);
    expect(body.series.rrule).toBe('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=FR;COUNT=6');
    expect(body.series.startTime).toBe('09:00');
    expect(body.bookings.map((x: { start: string }) => x.start)).toEqual([
      '2026-10-02T09:00:00-05:00',
      '2026-10-09T09:00:00-05:00',
      '2026-10-16T09:00:00-05:00',
      '2026-10-23T09:00:00-05:00',
      '2026-10-30T09:00:00-05:00',
      '2026-11-06T09:00:00-06:00',
    ]);
    expect(body.bookings.every((x: { seriesId: string; source: string }) => x.seriesId === body.series.id && x.source === 'member')).toBe(true);
    const got = await call(h, `${v1(a)}/bookings/series/${body.series.id}`, { cookie: member.cookie });
    expect(got.status).toBe(200);
    expect(got.json.occurrences).toHaveLength(6);
    const one = await call(h, `${v1(a)}/bookings/${body.bookings[0].id}`, { cookie: member.cookie });
    expect(one.json.seriesId).toBe(body.series.id);
    // One audit row for the series; none per occurrence.
    expect((await auditsOf(body.series.id)).map((r) => r.action)).toEqual(['booking_series.created']);
    const ids = body.bookings.map((x: { id: string }) => x.id);
    const perBooking = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, a.id), inArray(auditLog.entityId, ids)));
    expect(perBooking).toEqual([]);
  });

  it('all or nothing: one taken date refuses the series with 409 naming it; nothing is written', async () => {
    const blocker = await call(h, `${v1(a)}/bookings`, { cookie: other.cookie, body: { serviceId: dayOut.id, resourceId: boat.id, start: oct(14, 10) } });
    expect(blocker.status).toBe(201);
    const before = await h.database.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.organizationId, a.id));
    const res = await series(member, { start: oct(5), repeat: { freq: 'daily', count: 4 }, mode: 'all_or_nothing' });
    // 5–8 October at 09:00; the 14th's 10:00 does not collide, so block the 7th too.
    expect(res.status).toBe(201);
    const refused = await series(member, { start: oct(12, 10), repeat: { freq: 'daily', count: 4 }, mode: 'all_or_nothing' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.skipped).toEqual([{ start: '2026-10-14T10:00:00-05:00', reason: 'taken' }]);
    const after = await h.database.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.organizationId, a.id));
    expect(after.length).toBe(before.length + 4);
  });

  it('skip conflicts: books the free dates and lists the skipped one with why', async () => {
    const res = await series(member, { start: oct(12, 10), repeat: { freq: 'daily', count: 4 }, mode: 'skip_conflicts' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.bookings.map((x: { start: string }) => x.start.slice(0, 10))).toEqual(['2026-10-12', '2026-10-13', '2026-10-15']);
    expect(res.json.skipped).toEqual([{ start: '2026-10-14T10:00:00-05:00', reason: 'taken' }]);
    // A Saturday is outside the hours: not offered at all.
    const weekend = await series(member, { start: oct(2, 12), repeat: { freq: 'daily', count: 2 }, mode: 'skip_conflicts' });
    expect(weekend.status).toBe(201);
    expect(weekend.json.skipped).toEqual([{ start: '2026-10-03T12:00:00-05:00', reason: 'unavailable' }]);
    // Every date refused: no empty series, a 409.
    const none = await series(member, { start: oct(3, 12), repeat: { freq: 'weekly', count: 2 }, mode: 'skip_conflicts' });
    expect(none.status).toBe(409);
    expect(none.json.error.details.skipped).toHaveLength(2);
  });

  it('counts the series’ own occurrences against a quota of 3: all or nothing refused (422), skip → 3 booked, 2 skipped with the rule', async () => {
    const user = await addMember(h, a, 'member');
    const quota = await call(h, `${v1(a)}/rules`, {
      cookie: a.owner.cookie,
      body: { name: 'Catamaran: 3 a month', kind: 'quota', params: { limit: 3, unit: 'reservations', period: 'month', per: 'resource' }, scope: 'resource', resourceId: boat2.id, outcome: 'deny' },
    });
    expect(quota.status).toBe(201);
    try {
      const body = { resourceId: boat2.id, start: oct(19, 13), repeat: { freq: 'daily', count: 5 } };
      const all = await series(user, { ...body, mode: 'all_or_nothing' });
      expect(all.status).toBe(422);
      expect(all.json.error.details.skipped.map((s: { reason: string }) => s.reason)).toEqual(['rules', 'rules']);
      const skip = await series(user, { ...body, mode: 'skip_conflicts' });
      expect(skip.status, skip.text).toBe(201);
      expect(skip.json.bookings).toHaveLength(3);
      expect(skip.json.skipped.map((s: { start: string }) => s.start.slice(0, 10))).toEqual(['2026-10-22', '2026-10-23']);
      expect(skip.json.skipped[0].reason).toBe('rules');
      expect(skip.json.skipped[0].rules[0].ruleName).toBe('Catamaran: 3 a month');
      expect(skip.json.skipped[0].rules[0].reason).toMatch(/3 reservations per month/);
    } finally {
      await call(h, `${v1(a)}/rules/${quota.json.id}`, { cookie: a.owner.cookie, method: 'DELETE' });
    }
  });

  it('approval rules make occurrences pending with their approvals; the answer lists them', async () => {
    const user = await addMember(h, a, 'member');
    const approval = await call(h, `${v1(a)}/rules`, {
      cookie: a.owner.cookie,
      body: { name: 'Catamaran: approve long trips', kind: 'duration', params: { maxMinutes: 60 }, scope: 'resource', resourceId: boat2.id, outcome: 'approval' },
    });
    try {
      const res = await series(user, { resourceId: boat2.id, start: oct(26, 13), repeat: { freq: 'daily', count: 2 } });
      expect(res.status, res.text).toBe(201);
      expect(res.json.bookings.map((x: { status: string }) => x.status)).toEqual(['pending', 'pending']);
      expect(res.json.rules).toHaveLength(2);
      const queue = await call(h, `${v1(a)}/approvals?pageSize=100`, { cookie: a.owner.cookie });
      const ids = new Set(res.json.bookings.map((x: { id: string }) => x.id));
      expect((queue.json.data as { bookingId: string }[]).filter((q) => ids.has(q.bookingId))).toHaveLength(2);
    } finally {
      await call(h, `${v1(a)}/rules/${approval.json.id}`, { cookie: a.owner.cookie, method: 'DELETE' });
    }
  });

  it('answers bad rules with 400, too many occurrences with 422; replays an Idempotency-Key', async () => {
    const both = await series(member, { start: oct(5, 15), repeat: { freq: 'daily', count: 2, until: '2026-10-30' } });
    expect(both.status).toBe(400);
    const monthly = await series(member, { start: oct(5, 15), repeat: { freq: 'monthly', byWeekday: ['MO', 'TU'], bySetPos: 1, count: 2 } });
    expect(monthly.status).toBe(400);
    const long = await series(member, { start: oct(5, 15), repeat: { freq: 'daily', until: '2027-06-01' } });
    expect(long.status).toBe(422);
    expect(long.json.error.details.rule).toBe('series_max_occurrences');
    const backwards = await series(member, { start: oct(5, 15), repeat: { freq: 'daily', until: '2026-10-01' } });
    expect(backwards.status).toBe(400);
    const body = { start: oct(5, 15), repeat: { freq: 'weekly', count: 2 } };
    const first = await series(member, body, { 'idempotency-key': 'series-key-0001' });
    expect(first.status).toBe(201);
    const again = await series(member, body, { 'idempotency-key': 'series-key-0001' });
    expect(again.status).toBe(201);
    expect(again.json.replayed).toBe(true);
    expect(again.json.series.id).toBe(first.json.series.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('races', () => {
  it('parallel series for the same dates: exactly one is booked, the others refused whole (all or nothing)', { timeout: 120_000 }, async () => {
    const racers = await Promise.all(Array.from({ length: 6 }, () => addMember(h, a, 'member')));
    // Thursdays 22 Oct – 5 Nov at 16:00 on the catamaran: free, and across the DST change.
    const answers = await Promise.all(racers.map((m) => series(m, { resourceId: boat2.id, start: oct(22, 15), repeat: { freq: 'weekly', count: 3 } })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = answers.find((r) => r.status === 201)!;
    const rows = await h.database.db.select().from(bookings).where(and(eq(bookings.organizationId, a.id), eq(bookings.resourceId, boat2.id), eq(bookings.seriesId, winner.json.series.id)));
    expect(rows).toHaveLength(3);
    // Nothing of the losers was written: no occurrences without a series, no orphan series.
    const loserSkips = answers.filter((r) => r.status === 409).map((r) => r.json.error.details.skipped.length);
    expect(loserSkips.every((n) => n === 3)).toBe(true);
  });
});

describe('changing a series', () => {
  it('cancels one occurrence, this and following, then the rest; past occurrences stay', async () => {
    // Made on 1 October for Tuesdays from the 6th; changed on the 21st, when three have passed.
    const made = await series(member, { start: oct(6, 15), repeat: { freq: 'weekly', count: 6 } });
    expect(made.status, made.text).toBe(201);
    const id = made.json.series.id as string;
    const occ = made.json.bookings as { id: string }[];
    const later = await createHarness({ database: h.database, clock: fixedClock('2026-10-21T12:00:00Z') });
    // One occurrence, through the ordinary booking cancel.
    const one = await call(later, `${v1(a)}/bookings/${occ[3]!.id}/cancel`, { cookie: member.cookie, body: { reason: 'away' } });
    expect(one.status).toBe(200);
    expect(one.json.seriesId).toBe(id);
    // From the 5th occurrence on: the 5th and 6th.
    const following = await call(later, `${v1(a)}/bookings/series/${id}/cancel`, { cookie: member.cookie, body: { scope: 'following', bookingId: occ[4]!.id, reason: 'season over' } });
    expect(following.status, following.text).toBe(200);
    expect(following.json.changed).toEqual([occ[4]!.id, occ[5]!.id]);
    // Nothing future left: the whole series has nothing to cancel.
    const all = await call(later, `${v1(a)}/bookings/series/${id}/cancel`, { cookie: member.cookie, body: { scope: 'all', reason: 'done' } });
    expect(all.status).toBe(409);
    const statuses = (await call(later, `${v1(a)}/bookings/series/${id}`, { cookie: member.cookie })).json.occurrences.map((o: { status: string }) => o.status);
    expect(statuses).toEqual(['confirmed', 'confirmed', 'confirmed', 'cancelled', 'cancelled', 'cancelled']);
    expect((await auditsOf(id)).map((r) => r.action).sort()).toEqual(['booking_series.cancelled', 'booking_series.created']);
  });

  it('cancels the whole series (future occurrences) and marks it cancelled', async () => {
    const made = await series(member, { start: oct(7, 15), repeat: { freq: 'weekly', count: 3 } });
    expect(made.status, made.text).toBe(201);
    const id = made.json.series.id as string;
    const all = await call(h, `${v1(a)}/bookings/series/${id}/cancel`, { cookie: member.cookie, body: { scope: 'all', reason: 'sold the boat share' } });
    expect(all.status, all.text).toBe(200);
    expect(all.json.changed).toHaveLength(3);
    expect(all.json.series.cancelledAt).not.toBeNull();
    expect(all.json.series.occurrences.every((o: { status: string; cancellationReason: string }) => o.status === 'cancelled' && o.cancellationReason === 'sold the boat share')).toBe(true);
  });

  it('moves the following occurrences to another local time, all or nothing', async () => {
    const made = await series(member, { start: oct(8, 13), repeat: { freq: 'weekly', count: 5 } });
    expect(made.status, made.text).toBe(201);
    const id = made.json.series.id as string;
    const occ = made.json.bookings as { id: string }[];
    // 29 October 15:00 is taken by someone else: moving the 3rd–5th to 14:00 is refused, nothing moves.
    expect((await call(h, `${v1(a)}/bookings`, { cookie: other.cookie, body: { serviceId: dayOut.id, resourceId: boat.id, start: oct(29, 15) } })).status).toBe(201);
    const refused = await call(h, `${v1(a)}/bookings/series/${id}`, { method: 'PATCH', cookie: member.cookie, body: { scope: 'following', bookingId: occ[2]!.id, time: '14:00' } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.refused).toHaveLength(1);
    const unchanged = (await call(h, `${v1(a)}/bookings/series/${id}`, { cookie: member.cookie })).json.occurrences.map((o: { start: string }) => o.start);
    expect(unchanged.every((s: string) => s.includes('T13:00:00'))).toBe(true);
    // 11:00 is free: the 3rd–5th move, across the DST change, and stay 11:00 local.
    const moved = await call(h, `${v1(a)}/bookings/series/${id}`, { method: 'PATCH', cookie: member.cookie, body: { scope: 'following', bookingId: occ[2]!.id, time: '11:00' } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.series.occurrences.map((o: { start: string }) => o.start)).toEqual([
      '2026-10-08T13:00:00-05:00',
      '2026-10-15T13:00:00-05:00',
      '2026-10-22T11:00:00-05:00',
      '2026-10-29T11:00:00-05:00',
      '2026-11-05T11:00:00-06:00',
    ]);
    expect((await auditsOf(id)).map((r) => r.action).sort()).toEqual(['booking_series.created', 'booking_series.edited']);
    // Another resource for one occurrence.
    const other2 = await call(h, `${v1(a)}/bookings/series/${id}`, { method: 'PATCH', cookie: member.cookie, body: { scope: 'one', bookingId: occ[0]!.id, resourceId: boat2.id } });
    expect(other2.status, other2.text).toBe(200);
    expect(other2.json.series.occurrences[0].resourceId).toBe(boat2.id);
  });

  it("answers 404 for another tenant's series and another member's; staff may change any", async () => {
    const made = await series(member, { start: oct(9, 15), repeat: { freq: 'weekly', count: 2 } });
    expect(made.status, made.text).toBe(201);
    const id = made.json.series.id as string;
    expect((await call(h, `${v1(b)}/bookings/series/${id}`, { cookie: b.owner.cookie })).status).toBe(404);
    expect((await call(h, `${v1(b)}/bookings/series/${id}/cancel`, { cookie: b.owner.cookie, body: { scope: 'all', reason: 'x' } })).status).toBe(404);
    expect((await call(h, `${v1(a)}/bookings/series/${id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await call(h, `${v1(a)}/bookings/series/${id}/cancel`, { cookie: other.cookie, body: { scope: 'all', reason: 'x' } })).status).toBe(404);
    expect((await call(h, `${v1(a)}/bookings/series/bsr_01h00000000000000000000000`, { cookie: a.owner.cookie })).status).toBe(404);
    const staff = await call(h, `${v1(a)}/bookings/series/${id}/cancel`, { cookie: a.owner.cookie, body: { scope: 'all', reason: 'boat in the yard' } });
    expect(staff.status).toBe(200);
  });

  it('staff book a series for a customer', async () => {
    const res = await call(h, `${v1(a)}/bookings/series`, {
      cookie: a.owner.cookie,
      body: { serviceId: dayOut.id, resourceId: boat2.id, start: oct(5, 8), customer: { name: 'Ana Ruiz', email: 'ana-series@example.test' }, repeat: { freq: 'weekly', byWeekday: ['MO', 'WE'], until: '2026-10-14' } },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.bookings.map((x: { start: string }) => x.start.slice(0, 10))).toEqual(['2026-10-05', '2026-10-07', '2026-10-12', '2026-10-14']);
    expect(res.json.bookings.every((x: { source: string; customerId: string }) => x.source === 'staff' && x.customerId === res.json.series.customerId)).toBe(true);
  });
});

/**
 * Races on one booking, one key, one customer and one date. On PGlite the requests are
 * serialised; on PostgreSQL (TEST_DATABASE_URL, a 20-connection pool) they really race, which
 * is where each of these used to go wrong:
 *  - a guest's cancel and reschedule through the manage link both succeeded, the history read
 *    "cancelled → rescheduled" (#11.3);
 *  - concurrent retries with one Idempotency-Key got 1×201 and 7×409 (#11.4);
 *  - customer counters drifted from the bookings (#9.7);
 *  - parallel date overrides for one date all answered 201 (#11.18).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingEvents, bookings, customers, dateOverrides, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { recountCustomer } from '@/modules/customers';
import { call, createOrg, type TestOrg } from './support/factories';
import { usingPostgres } from './support/database';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const book = (org: TestOrg, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body, headers });

/** Weekdays from 2 June 2026 at 09:00–16:00 Chicago, one hour apart. */
function* hours(): Generator<string> {
  for (const day of ['02', '03', '04', '05', '08', '09', '10', '11', '12', '15', '16', '17', '18', '19', '22', '23', '24', '25', '26', '29', '30']) {
    for (const hh of ['09', '10', '11', '12', '13', '14', '15', '16']) yield `2026-06-${day}T${hh}:00:00-05:00`;
  }
}

describe('cancel racing a reschedule through the manage link (#11.3)', () => {
  const ROUNDS = 20;
  it(`never reschedules a cancelled booking (${ROUNDS} rounds)`, { timeout: 240_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1, service: { slotIntervalMinutes: 60, cancellationNoticeMinutes: 60 } });
    const slots = hours();
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const created = await book(org, { serviceId: service.id, start: slots.next().value!, customer: guest(round) });
      const token = created.json.manageToken;
      const id = created.json.booking.id;
      const target = slots.next().value!;
      const [cancel, move] = await Promise.all([
        call(h, `/api/v1/public/bookings/${token}/cancel`, { body: { reason: 'changed my mind' } }),
        call(h, `/api/v1/public/bookings/${token}/reschedule`, { body: { start: target } }),
      ]);
      const events = await h.database.db
        .select()
        .from(bookingEvents)
        .where(and(eq(bookingEvents.organizationId, org.id), eq(bookingEvents.bookingId, id)))
        .orderBy(asc(bookingEvents.createdAt), asc(bookingEvents.id));
      const actions = events.map((e) => e.action);
      const moved = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.rescheduled'), sql`${outbox.payload}->>'bookingId' = ${id}`));
      const [row] = await h.database.db.select().from(bookings).where(eq(bookings.id, id));
      const what = `round ${round}: cancel ${cancel.status}, reschedule ${move.status}, history ${actions.join(' → ')}`;

      // The cancel always succeeds: before the move, or after it (a moved booking can be cancelled).
      expect(cancel.status, what).toBe(200);
      expect(row!.status, what).toBe('cancelled');
      if (move.status === 200) {
        // The move won the lock: it came first, and the cancel applied to the moved booking.
        expect(actions, what).toEqual(['created', 'rescheduled', 'cancel']);
        expect(moved, what).toHaveLength(1);
        outcomes.push('moved, then cancelled');
      } else {
        // The cancel won: the move is refused under the row lock, and nothing says it moved.
        expect(move.status, what).toBe(409);
        expect(move.json.error.details, what).toMatchObject({ reason: 'status', status: 'cancelled' });
        expect(actions, what).toEqual(['created', 'cancel']);
        expect(moved, what).toEqual([]);
        outcomes.push('cancelled, move refused');
      }
      // Never "cancelled → rescheduled".
      expect(events.every((e) => e.action !== 'rescheduled' || e.fromStatus !== 'cancelled'), what).toBe(true);
    }
    expect(outcomes).toHaveLength(ROUNDS);
  });
});

describe('concurrent retries with one Idempotency-Key (#11.4)', () => {
  for (const variant of ['the only resource', 'a named resource'] as const) {
    it(`8 parallel identical requests on ${variant} → 8×201 with one booking and one link`, { timeout: 60_000 }, async () => {
      const org = await createOrg(h);
      const { service, resources } = await bookableSetup(h, org, { staff: variant === 'a named resource' ? 2 : 1 });
      const body = {
        serviceId: service.id,
        start: '2026-06-02T14:00:00-05:00',
        customer: guest(),
        ...(variant === 'a named resource' ? { resourceId: resources[1]!.id } : {}),
      };
      const results = await Promise.all(Array.from({ length: 8 }, () => book(org, body, { 'idempotency-key': `retry-${org.slug}` })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.json.booking.id)).size).toBe(1);
      expect(new Set(results.map((r) => r.json.manageUrl)).size).toBe(1);
      expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
      const [count] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.organizationId, org.id));
      expect(count!.n).toBe(1);
      const [customer] = await h.database.db.select().from(customers).where(eq(customers.organizationId, org.id));
      expect(customer!.totalBookings).toBe(1);
    });
  }
});

describe('customer counters under concurrency (#9.7)', () => {
  it('parallel cancels and reschedules of one customer’s bookings leave the counters equal to a recount', { timeout: 120_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 2, service: { slotIntervalMinutes: 60, cancellationNoticeMinutes: 60 } });
    const who = guest();
    const slots = hours();
    const made: { id: string; token: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await book(org, { serviceId: service.id, start: slots.next().value!, customer: who });
      expect(res.status).toBe(201);
      made.push({ id: res.json.booking.id, token: res.json.manageToken });
    }
    const later = [...Array(6)].map(() => slots.next().value!);
    const results = await Promise.all(
      made.map((b, i) =>
        i % 2 === 0
          ? call(h, `/api/v1/orgs/${org.slug}/bookings/${b.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'batch' } })
          : call(h, `/api/v1/public/bookings/${b.token}/reschedule`, { body: { start: later[(i - 1) / 2]! } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const [customer] = await h.database.db.select().from(customers).where(eq(customers.organizationId, org.id));
    const [recount] = await h.database.db
      .select({ n: sql<number>`count(*)::int`, last: sql<string>`max(${bookings.startsAt})::text` })
      .from(bookings)
      .where(and(eq(bookings.organizationId, org.id), eq(bookings.customerId, customer!.id), sql`${bookings.status} not in ('cancelled', 'rejected')`));
    expect(customer!.totalBookings).toBe(6);
    expect(customer!.totalBookings).toBe(recount!.n);
    expect(customer!.lastBookingAt?.getTime()).toBe(new Date(recount!.last).getTime());
    expect(customer!.lastBookingAt?.getTime()).toBe(new Date(later.at(-1)!).getTime());
  });
});

describe('the customer recount under its row lock (#9.7)', () => {
  // Two transactions cancel two bookings of one customer; the second recounts while the first
  // holds the customer row. A recount in one UPDATE would count from a snapshot taken before
  // it waited, missing the first cancel (PostgreSQL only: PGlite has one connection).
  it.runIf(usingPostgres)('counts the change the lock holder committed while it waited', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 1, service: { slotIntervalMinutes: 60 } });
    const who = guest();
    const ids: string[] = [];
    for (const start of ['2026-06-02T09:00:00-05:00', '2026-06-02T11:00:00-05:00', '2026-06-02T13:00:00-05:00']) {
      ids.push((await book(org, { serviceId: service.id, start, customer: who })).json.booking.id);
    }
    const [first0] = await h.database.db.select({ customerId: bookings.customerId }).from(bookings).where(eq(bookings.id, ids[0]!));
    const customerId = first0!.customerId;
    const db = h.database.db;
    const cancel = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], id: string) =>
      tx.update(bookings).set({ status: 'cancelled' }).where(and(eq(bookings.organizationId, org.id), eq(bookings.id, id)));

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const first = db.transaction(async (tx) => {
      await cancel(tx, ids[0]!);
      await recountCustomer(tx, org.id, customerId);
      holding();
      await gate;
    });
    await held;
    const second = db.transaction(async (tx) => {
      await cancel(tx, ids[1]!);
      await recountCustomer(tx, org.id, customerId);
    });
    // Let the first commit only once the second is waiting for the customer row.
    for (let i = 0; i < 500; i++) {
      const waiting = (await db.execute(sql`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query like 'select 1 from customers where organization_id = %for update'`)) as unknown as { rows: { n: number }[] };
      if (waiting.rows[0]!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await Promise.all([first, second]);
    const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
    expect(row!.totalBookings).toBe(1);
    expect(row!.lastBookingAt?.toISOString()).toBe('2026-06-02T18:00:00.000Z');
  });
});

describe('parallel date overrides for one date (#11.18)', () => {
  it('answer exactly one 201 and 200 for the rest, with one row stored', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(h, `/api/v1/orgs/${org.slug}/date-overrides`, { cookie: org.owner.cookie, body: { date: '2026-12-24', ranges: [{ start: '09:00', end: `1${i}:00` }] } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const rows = await h.database.db.select().from(dateOverrides).where(eq(dateOverrides.organizationId, org.id));
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.json.id))).toEqual(new Set([rows[0]!.id]));
  });
});

/**
 * The waitlist with holds (#14.6): joining only a taken range (free → 409, never bookable → 422,
 * rules that deny → 422), the queue's order (tier rank, then time of joining), the hold offered in
 * the transaction that frees the range (a real `held` booking: nobody else can take it), claim →
 * confirmed, rules judged again at claim, hold expiry → the next entry, leaving releases the hold,
 * tenant isolation, and the race: a cancel freeing a range while 30 others try to book it and the
 * first in line claims → never two active bookings, every entry consistent. On PGlite the race runs
 * one request at a time; on PostgreSQL (TEST_DATABASE_URL) it is real.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, outbox, waitlistEntries } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { expireWaitlistHolds } from '@/modules/waitlist';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource, createService, setBusinessHours, weekdays } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z'; // a Monday; Chicago is UTC−5 (CDT)
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const v1 = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
/** 09:00 Chicago on the given June 2026 day, plus hours. */
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 5, day, hour + 5)).toISOString();
type Member = TestUser & { memberId: string };

interface Club {
  org: TestOrg;
  asset: { id: string };
  service: { id: string };
  tiers: { gold: string; silver: string };
}

async function club(): Promise<Club> {
  const org = await createOrg(h);
  await setBusinessHours(h, org, weekdays([{ start: '09:00', end: '17:00' }]));
  const asset = await createResource(h, org, { kind: 'asset', name: 'Villa Mar', section: 'Residences' });
  const service = await createService(h, org, { name: 'Visit', durationMinutes: 60, resourceIds: [asset.id] });
  const tier = async (name: string, rank: number) => ((await call(h, `${v1(org)}/tiers`, { cookie: org.owner.cookie, body: { name, rank } })).json as { id: string }).id;
  return { org, asset, service, tiers: { gold: await tier('Gold', 1), silver: await tier('Silver', 2) } };
}

async function member(c: Club, tier?: string): Promise<Member> {
  const m = await addMember(h, c.org, 'member');
  if (tier) expect((await call(h, `${v1(c.org)}/members/${m.memberId}/tier`, { method: 'PUT', cookie: c.org.owner.cookie, body: { tierId: tier } })).status).toBe(200);
  return m;
}

const book = (c: Club, user: TestUser, start: string) => call(h, `${v1(c.org)}/bookings`, { cookie: user.cookie, body: { serviceId: c.service.id, resourceId: c.asset.id, start } });
const join = (c: Club, user: TestUser, start: string) => call(h, `${v1(c.org)}/waitlist`, { cookie: user.cookie, body: { serviceId: c.service.id, resourceId: c.asset.id, start } });
const cancel = (c: Club, id: string) => call(h, `${v1(c.org)}/bookings/${id}/cancel`, { cookie: c.org.owner.cookie, body: { reason: 'Owner changed plans' } });
const claim = (c: Club, user: TestUser, entryId: string, harness = h) => call(harness, `${v1(c.org)}/waitlist/${entryId}/claim`, { cookie: user.cookie, body: {} });

async function entry(id: string) {
  const [row] = await h.database.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id));
  return row!;
}
async function booking(id: string) {
  const [row] = await h.database.db.select().from(bookings).where(eq(bookings.id, id));
  return row!;
}
async function activeOn(c: Club, start: string) {
  const rows = await h.database.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.organizationId, c.org.id), eq(bookings.resourceId, c.asset.id), eq(bookings.startsAt, new Date(start)), inArray(bookings.status, ['pending', 'confirmed', 'in_progress', 'held'])));
  return rows;
}

describe('joining the waitlist', () => {
  it('only for a taken range: free → 409 slot_free, never bookable → 422, once per member and range', async () => {
    const c = await club();
    const [holder, waiting] = [await member(c), await member(c)];
    const free = await join(c, waiting, at(2));
    expect(free.status).toBe(409);
    expect(free.json.error.details.reason).toBe('slot_free');
    // A Saturday is never bookable: the booking's own 422, not a place in a queue that never moves.
    const closed = await join(c, waiting, at(6));
    expect(closed.status).toBe(422);

    expect((await book(c, holder, at(2))).status).toBe(201);
    const joined = await join(c, waiting, at(2));
    expect(joined.status).toBe(201);
    expect(joined.json).toMatchObject({ status: 'waiting', position: 1, resourceId: c.asset.id, bookingId: null, holdExpiresAt: null });
    const twice = await join(c, waiting, at(2));
    expect(twice.status).toBe(409);
    expect(twice.json.error.details.reason).toBe('already_waiting');
    // Bad input is a 400, never a 500.
    expect((await call(h, `${v1(c.org)}/waitlist`, { cookie: waiting.cookie, body: { serviceId: c.service.id, resourceId: c.asset.id, start: 'tomorrow' } })).status).toBe(400);
  });

  it('a member whose rules deny the booking cannot queue (422 with details.rules)', async () => {
    const c = await club();
    const [holder, silver] = [await member(c), await member(c, undefined)];
    expect((await book(c, holder, at(3))).status).toBe(201);
    const rule = await call(h, `${v1(c.org)}/rules`, {
      cookie: c.org.owner.cookie,
      body: { name: 'Villa: Gold only', kind: 'tier_only', params: { tierIds: [c.tiers.gold] }, scope: 'resource', resourceId: c.asset.id, outcome: 'deny' },
    });
    expect(rule.status).toBe(201);
    const denied = await join(c, silver, at(3));
    expect(denied.status).toBe(422);
    expect(denied.json.error.details.rules[0].ruleId).toBe(rule.json.id);
    expect(await h.database.db.select().from(waitlistEntries).where(eq(waitlistEntries.organizationId, c.org.id))).toHaveLength(0);
  });
});

describe('offers and holds', () => {
  it('orders the queue by tier rank then joining time; a cancel holds the range for the first, nobody else can take it, the claim confirms it', async () => {
    const c = await club();
    const holder = await member(c);
    const [none, silver, gold, gold2] = [await member(c), await member(c, c.tiers.silver), await member(c, c.tiers.gold), await member(c, c.tiers.gold)];
    const taken = await book(c, holder, at(4));
    expect(taken.status).toBe(201);
    const ids: Record<string, string> = {};
    for (const [name, m] of [['none', none], ['silver', silver], ['gold', gold], ['gold2', gold2]] as const) {
      const res = await join(c, m, at(4));
      expect(res.status).toBe(201);
      ids[name] = res.json.id;
    }
    const queue = await call(h, `${v1(c.org)}/waitlist?resourceId=${c.asset.id}&status=waiting`, { cookie: c.org.owner.cookie });
    expect(queue.status).toBe(200);
    const position = Object.fromEntries((queue.json.data as { id: string; position: number }[]).map((e) => [e.id, e.position]));
    expect([position[ids.gold!], position[ids.gold2!], position[ids.silver!], position[ids.none!]]).toEqual([1, 2, 3, 4]);
    // A member lists only their own entries.
    const own = await call(h, `${v1(c.org)}/waitlist`, { cookie: silver.cookie });
    expect(own.json.data.map((e: { id: string }) => e.id)).toEqual([ids.silver]);

    expect((await cancel(c, taken.json.booking.id)).status).toBe(200);
    const offered = await entry(ids.gold!);
    expect(offered.status).toBe('offered');
    expect(offered.holdExpiresAt!.toISOString()).toBe(new Date(Date.parse(NOW) + 60 * 60_000).toISOString());
    const hold = await booking(offered.offeredBookingId!);
    expect(hold).toMatchObject({ status: 'held', resourceId: c.asset.id });
    expect((await entry(ids.gold2!)).status).toBe('waiting');
    const [message] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, c.org.id), eq(outbox.topic, 'waitlist.offered')));
    expect(message!.payload).toMatchObject({ entryId: ids.gold, bookingId: hold.id, userId: gold.id });

    // The hold is a reservation: a guest, another member and staff all find the range taken.
    const guestTry = await call(h, `/api/v1/public/orgs/${c.org.slug}/bookings`, { body: { serviceId: c.service.id, resourceId: c.asset.id, start: at(4), customer: { name: 'G', email: 'g@example.test' } } });
    expect(guestTry.status).toBe(409);
    expect((await book(c, silver, at(4))).status).toBe(409);
    // The member sees it on their list with its deadline; someone else's claim is not found.
    const mine = await call(h, `${v1(c.org)}/waitlist`, { cookie: gold.cookie });
    expect(mine.json.data[0]).toMatchObject({ id: ids.gold, status: 'offered', bookingId: hold.id, holdExpiresAt: offered.holdExpiresAt!.toISOString() });
    expect((await claim(c, silver, ids.gold!)).status).toBe(404);
    expect((await claim(c, silver, ids.silver!)).json.error.details.reason).toBe('no_hold');
    // A member cannot cancel a hold like a booking: they book it or leave the waitlist.
    const selfCancel = await call(h, `${v1(c.org)}/bookings/${hold.id}/cancel`, { cookie: gold.cookie, body: { reason: 'changed my mind' } });
    expect(selfCancel.status).toBe(409);
    expect(selfCancel.json.error.details.reason).toBe('held');

    const claimed = await claim(c, gold, ids.gold!);
    expect(claimed.status).toBe(200);
    expect(claimed.json.booking).toMatchObject({ id: hold.id, status: 'confirmed' });
    expect(claimed.json.entry.status).toBe('booked');
    expect((await booking(hold.id)).status).toBe('confirmed');
    expect((await claim(c, gold, ids.gold!)).status).toBe(409);
    expect(await activeOn(c, at(4))).toHaveLength(1);
  });

  it('a hold nobody books expires and passes to the next entry; a late claim is a 409; leaving releases a hold', async () => {
    const c = await club();
    const holder = await member(c);
    const [first, second, third] = [await member(c, c.tiers.gold), await member(c, c.tiers.silver), await member(c)];
    const taken = await book(c, holder, at(5));
    const e1 = (await join(c, first, at(5))).json.id as string;
    const e2 = (await join(c, second, at(5))).json.id as string;
    const e3 = (await join(c, third, at(5))).json.id as string;
    expect((await cancel(c, taken.json.booking.id)).status).toBe(200);
    const hold1 = (await entry(e1)).offeredBookingId!;

    // Before the hold ends nothing expires; after it, a claim is refused even before the sweep runs.
    expect(await expireWaitlistHolds(h.database.db, new Date(Date.parse(NOW) + 59 * 60_000))).toBe(0);
    const later = await createHarness({ database: h.database, clock: fixedClock(new Date(Date.parse(NOW) + 61 * 60_000).toISOString()) });
    const late = await claim(c, first, e1, later);
    expect(late.status).toBe(409);
    expect(late.json.error.details.reason).toBe('hold_expired');
    // Two instances sweeping at once (every organization's due holds): this hold passes on once.
    const swept = await Promise.all([expireWaitlistHolds(h.database.db, new Date(Date.parse(NOW) + 61 * 60_000)), expireWaitlistHolds(h.database.db, new Date(Date.parse(NOW) + 61 * 60_000))]);
    expect(swept.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(1);
    expect(await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, c.org.id), eq(outbox.topic, 'waitlist.hold_expired')))).toHaveLength(1);
    expect(await entry(e1)).toMatchObject({ status: 'expired', holdExpiresAt: null });
    expect(await booking(hold1)).toMatchObject({ status: 'cancelled', cancellationReason: 'hold expired' });
    const [told] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, c.org.id), eq(outbox.topic, 'waitlist.hold_expired')));
    expect(told!.payload).toMatchObject({ entryId: e1, bookingId: hold1 });
    const next = await entry(e2);
    expect(next.status).toBe('offered');
    expect(await activeOn(c, at(5))).toHaveLength(1);

    // The second leaves: their hold is released and offered to the third in the same transaction.
    const left = await call(h, `${v1(c.org)}/waitlist/${e2}`, { method: 'DELETE', cookie: second.cookie });
    expect(left.status).toBe(200);
    expect(left.json.status).toBe('left');
    expect((await booking(next.offeredBookingId!)).status).toBe('cancelled');
    expect((await entry(e3)).status).toBe('offered');
    expect(await activeOn(c, at(5))).toHaveLength(1);
    expect((await call(h, `${v1(c.org)}/waitlist/${e2}`, { method: 'DELETE', cookie: second.cookie })).status).toBe(409);

    // Staff release a hold through the lifecycle (cancel): the entry closes, nobody is left to offer it to.
    const hold3 = (await entry(e3)).offeredBookingId!;
    expect((await cancel(c, hold3)).status).toBe(200);
    expect((await entry(e3)).status).toBe('expired');
    expect(await activeOn(c, at(5))).toHaveLength(0);
  });

  it('judges the rules again: an entry the rules now deny is skipped at the offer, and a claim they deny is a 422', async () => {
    const c = await club();
    const holder = await member(c);
    const [silver, gold] = [await member(c, c.tiers.silver), await member(c, c.tiers.gold)];
    const taken = await book(c, holder, at(8));
    // Gold joins later than silver but ranks first; a rule then makes it silver's turn…
    const es = (await join(c, silver, at(8))).json.id as string;
    const eg = (await join(c, gold, at(8))).json.id as string;
    const goldBlock = await call(h, `${v1(c.org)}/rules`, {
      cookie: c.org.owner.cookie,
      body: { name: 'No Gold on the 8th', kind: 'blackout', params: { from: '2026-06-08', to: '2026-06-08', reason: 'Gold retreat' }, tierId: c.tiers.gold, outcome: 'deny' },
    });
    expect(goldBlock.status).toBe(201);
    expect((await cancel(c, taken.json.booking.id)).status).toBe(200);
    expect((await entry(eg)).status).toBe('waiting');
    expect((await entry(es)).status).toBe('offered');
    // …and a rule made after the offer denies silver's claim: 422 with the rule, the hold stays until it expires.
    const silverBlock = await call(h, `${v1(c.org)}/rules`, {
      cookie: c.org.owner.cookie,
      body: { name: 'Villa closed for Silver', kind: 'tier_only', params: { tierIds: [c.tiers.gold] }, scope: 'resource', resourceId: c.asset.id, outcome: 'deny' },
    });
    const denied = await claim(c, silver, es);
    expect(denied.status).toBe(422);
    expect(denied.json.error.details.rules.map((r: { ruleId: string }) => r.ruleId)).toContain(silverBlock.json.id);
    expect((await entry(es)).status).toBe('offered');
    // An approval rule makes the claim a pending request with its approval.
    await call(h, `${v1(c.org)}/rules/${silverBlock.json.id}`, { method: 'DELETE', cookie: c.org.owner.cookie });
    await call(h, `${v1(c.org)}/rules`, { cookie: c.org.owner.cookie, body: { name: 'Look at each', kind: 'duration', params: { maxMinutes: 1 }, outcome: 'approval', adminsExempt: false } });
    const pending = await claim(c, silver, es);
    expect(pending.status).toBe(200);
    expect(pending.json.booking.status).toBe('pending');
    expect(pending.json.rules.length).toBeGreaterThan(0);
  });

  it('offers a moved booking’s old range too', async () => {
    const c = await club();
    const holder = await member(c);
    const waiting = await member(c);
    const taken = await book(c, holder, at(9));
    const e = (await join(c, waiting, at(9))).json.id as string;
    const moved = await call(h, `${v1(c.org)}/bookings/${taken.json.booking.id}/reschedule`, { cookie: c.org.owner.cookie, body: { start: at(9, 11) } });
    expect(moved.status).toBe(200);
    expect((await entry(e)).status).toBe('offered');
  });
});

describe('tenant isolation', () => {
  it("another organization's members and staff never see or touch an entry (404)", async () => {
    const c = await club();
    const other = await club();
    const holder = await member(c);
    const waiting = await member(c);
    await book(c, holder, at(10));
    const e = (await join(c, waiting, at(10))).json.id as string;
    expect((await call(h, `${v1(other.org)}/waitlist/${e}`, { method: 'DELETE', cookie: other.org.owner.cookie })).status).toBe(404);
    expect((await call(h, `${v1(other.org)}/waitlist/${e}/claim`, { cookie: other.org.owner.cookie, body: {} })).status).toBe(404);
    expect((await call(h, `${v1(c.org)}/waitlist/${e}`, { method: 'DELETE', cookie: other.org.owner.cookie })).status).toBe(404);
    const list = await call(h, `${v1(other.org)}/waitlist`, { cookie: other.org.owner.cookie });
    expect(list.json.data).toEqual([]);
    // Joining with another organization's asset: not found.
    const foreign = await call(h, `${v1(other.org)}/waitlist`, { cookie: other.org.owner.cookie, body: { serviceId: c.service.id, resourceId: c.asset.id, start: at(10) } });
    expect(foreign.status).toBe(404);
    expect((await entry(e)).status).toBe('waiting');
  });
});

describe('the race', () => {
  it('a cancel freeing a range while 30 others try to book it and the first in line claims: never two active bookings, every entry consistent', async () => {
    const c = await club();
    const holder = await member(c);
    const queue = [await member(c, c.tiers.gold), await member(c, c.tiers.silver), await member(c)];
    const days = [11, 12, 15, 16];
    for (const day of days) {
      const start = at(day);
      const taken = await book(c, holder, start);
      expect(taken.status).toBe(201);
      const entries: string[] = [];
      for (const m of queue) entries.push((await join(c, m, start)).json.id);
      const claimLoop = async () => {
        for (let i = 0; i < 200; i++) {
          const res = await claim(c, queue[0]!, entries[0]!);
          if (res.status === 200) return res.status;
          expect(res.status).toBe(409);
          await new Promise((r) => setTimeout(r, 5));
        }
        return 409;
      };
      const attempts = Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? call(h, `/api/v1/public/orgs/${c.org.slug}/bookings`, { body: { serviceId: c.service.id, resourceId: c.asset.id, start, customer: { name: `Racer ${i}`, email: `racer${i}-${day}@example.test` } } })
          : book(c, queue[1 + (i % 2)]!, start),
      );
      const [cancelled, claimed, ...others] = await Promise.all([cancel(c, taken.json.booking.id), claimLoop(), ...attempts, expireWaitlistHolds(h.database.db, new Date(NOW))]);
      expect((cancelled as { status: number }).status).toBe(200);
      const statuses = others.slice(0, 30).map((r) => (r as { status: number }).status);
      for (const s of statuses) expect([201, 409]).toContain(s);
      const active = await activeOn(c, start);
      expect(active).toHaveLength(1);
      // Every entry consistent with the one booking that stands.
      for (const id of entries) {
        const e = await entry(id);
        if (e.status === 'offered') expect((await booking(e.offeredBookingId!)).status).toBe('held');
        if (e.status === 'booked') expect((await booking(e.offeredBookingId!)).status).toBe('confirmed');
        expect(['waiting', 'offered', 'booked']).toContain(e.status);
      }
      // The cancel offered the range in its own transaction: no moment in which it was free to take.
      const first = await entry(entries[0]!);
      expect(claimed).toBe(200);
      expect(first.status).toBe('booked');
      expect(active[0]!.id).toBe(first.offeredBookingId);
      expect(statuses.filter((s) => s === 201)).toHaveLength(0);
    }
  }, 120_000);
});

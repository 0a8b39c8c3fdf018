/**
 * Booking rules and approvals (#14 items 1, 3, 4) through the API: who may book (guests,
 * members, tiers), deny → 422 with every failed rule in `details.rules` (reasons in English and
 * Spanish), approval → 201 pending with one approval row per rule, warnings, admins exempt, the
 * dry run listing every rule, quotas counted exactly, the approval queue (approve, reject, the
 * last approval confirms, a pending request cannot be confirmed by hand), expiry releasing a
 * request and telling the member, rule validation, other tenants' rules answering 404, preview.
 * The quota race (50 parallel requests by one member against a quota of 3) and the approval race
 * are real races on PostgreSQL (TEST_DATABASE_URL); on PGlite they run one at a time.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingApprovals, bookings, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { expireApprovals } from '@/modules/approvals';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource, createService, setBusinessHours, weekdays } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z'; // a Monday; Chicago is UTC−5 (CDT)
let h: Harness;
let a: TestOrg;
let b: TestOrg;
let gold: TestUser & { memberId: string };
let silver: TestUser & { memberId: string };
let plain: TestUser & { memberId: string };
let admin: TestUser & { memberId: string };
let manager: TestUser & { memberId: string };
let tiers: { gold: string; silver: string };
let jet: { id: string };
let villa: { id: string };
let boat: { id: string };
let flight: { id: string };
let stay: { id: string };
let cruise: { id: string };

const v1 = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;
/** 09:00 Chicago on the given June 2026 day, plus hours. */
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 5, day, hour + 5)).toISOString();

async function rule(body: Record<string, unknown>, org: TestOrg = a): Promise<{ id: string }> {
  const res = await call(h, `${v1(org)}/rules`, { cookie: org.owner.cookie, body });
  if (res.status !== 201) throw new Error(`create rule: ${res.status} ${res.text}`);
  return res.json as { id: string };
}
const dropRule = (id: string) => call(h, `${v1(a)}/rules/${id}`, { cookie: a.owner.cookie, method: 'DELETE' });

function book(user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(h, `${v1(a)}/bookings`, { cookie: user.cookie, body, headers });
}

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  a = await createOrg(h);
  b = await createOrg(h);
  await setBusinessHours(h, a, weekdays([{ start: '09:00', end: '17:00' }]));
  jet = await createResource(h, a, { kind: 'asset', name: 'Gulfstream', section: 'Aircraft' });
  villa = await createResource(h, a, { kind: 'asset', name: 'Villa', section: 'Residences' });
  boat = await createResource(h, a, { kind: 'asset', name: 'Yacht', section: 'Watercraft' });
  flight = await createService(h, a, { name: 'Flight', durationMinutes: 60, resourceIds: [jet.id] });
  stay = await createService(h, a, { name: 'Stay', durationMinutes: 120, resourceIds: [villa.id] });
  cruise = await createService(h, a, { name: 'Cruise', durationMinutes: 60, resourceIds: [boat.id] });
  gold = await addMember(h, a, 'member');
  silver = await addMember(h, a, 'member');
  plain = await addMember(h, a, 'member');
  admin = await addMember(h, a, 'admin');
  manager = await addMember(h, a, 'manager');
  const tier = async (name: string) => ((await call(h, `${v1(a)}/tiers`, { cookie: a.owner.cookie, body: { name } })).json as { id: string }).id;
  tiers = { gold: await tier('Gold'), silver: await tier('Silver') };
  for (const [m, t] of [
    [gold, tiers.gold],
    [silver, tiers.silver],
  ] as const) {
    expect((await call(h, `${v1(a)}/members/${m.memberId}/tier`, { method: 'PUT', cookie: a.owner.cookie, body: { tierId: t } })).status).toBe(200);
  }
});
afterAll(() => h?.close());

describe('deny rules', () => {
  it('refuses with 422, the reason in the caller’s language and every failed rule in details.rules; admins are exempt', async () => {
    const only = await rule({ name: 'Jet: Gold only', kind: 'tier_only', params: { tierIds: [tiers.gold] }, scope: 'resource', resourceId: jet.id, outcome: 'deny' });
    const long = await rule({
      name: 'Gold: 1 hour on the jet',
      translations: { es: { name: 'Gold: 1 hora en el jet' } },
      kind: 'duration',
      params: { maxMinutes: 30 },
      scope: 'resource',
      resourceId: jet.id,
      tierId: tiers.gold,
      outcome: 'deny',
    });
    try {
      const silverTry = await book(silver, { serviceId: flight.id, resourceId: jet.id, start: at(2) });
      expect(silverTry.status).toBe(422);
      expect(silverTry.json.error.message).toBe('Only Gold members may book Gulfstream.');
      const silverRules = silverTry.json.error.details.rules as { ruleId: string; passed: boolean; outcome: string }[];
      expect(silverRules.map((r) => r.ruleId)).toEqual([only.id]);

      const goldTry = await book(gold, { serviceId: flight.id, resourceId: jet.id, start: at(2) }, { 'accept-language': 'es-PA,es;q=0.9,en;q=0.5' });
      expect(goldTry.status).toBe(422);
      expect(goldTry.json.error.message).toBe('Los miembros Gold pueden reservar Gulfstream por un máximo de 30 minutos; pediste 1 hora.');
      expect(goldTry.json.error.details.rules[0]).toMatchObject({ ruleId: long.id, ruleName: 'Gold: 1 hora en el jet', passed: false, applies: true, exempt: false });
      expect(goldTry.json.error.details.rules[0].reasons.en).toBe('Gold members may book Gulfstream for at most 30 minutes; you asked for 1 hour.');

      // Guests on the public page are not members: only a signed-in Gold member would pass.
      const guest = await call(h, `/api/v1/public/orgs/${a.slug}/bookings`, { body: { serviceId: flight.id, resourceId: jet.id, start: at(2), customer: { name: 'G', email: 'g@example.test' } } });
      expect(guest.status).toBe(422);
      expect(guest.json.error.message).toContain('Only signed-in Gold members may book Gulfstream.');

      // An admin booking for a customer is exempt from both (adminsExempt defaults to true).
      const byAdmin = await book(admin, { serviceId: flight.id, resourceId: jet.id, start: at(2), customer: { name: 'C', email: 'c@example.test' } });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.json.booking.status).toBe('confirmed');
      expect(byAdmin.json.rules).toEqual([]);
      // Nothing of the refused requests was written.
      const rows = await h.database.db.select().from(bookings).where(and(eq(bookings.organizationId, a.id), eq(bookings.resourceId, jet.id)));
      expect(rows).toHaveLength(1);
    } finally {
      await dropRule(only.id);
      await dropRule(long.id);
    }
  });

  it('counts a quota exactly: the third reservation in a month is refused, the next month is fresh', async () => {
    const quota = await rule({ name: 'Boat twice a month', kind: 'quota', params: { limit: 2, unit: 'reservations', period: 'month', per: 'resource' }, scope: 'resource', resourceId: boat.id, outcome: 'deny' });
    try {
      expect((await book(plain, { serviceId: cruise.id, resourceId: boat.id, start: at(3) })).status).toBe(201);
      expect((await book(plain, { serviceId: cruise.id, resourceId: boat.id, start: at(4) })).status).toBe(201);
      const third = await book(plain, { serviceId: cruise.id, resourceId: boat.id, start: at(5) });
      expect(third.status).toBe(422);
      expect(third.json.error.message).toBe('You may have 2 reservations per month; you have used 2 reservations and this asks for 1 more.');
      // Another member has their own count; July is another month.
      expect((await book(silver, { serviceId: cruise.id, resourceId: boat.id, start: at(5) })).status).toBe(201);
      expect((await book(plain, { serviceId: cruise.id, resourceId: boat.id, start: new Date(Date.UTC(2026, 6, 1, 14)).toISOString() })).status).toBe(201);
    } finally {
      await dropRule(quota.id);
    }
  });

  it('a warning lets the booking through and says why', async () => {
    const warn = await rule({ name: 'Short notice', kind: 'lead_time', params: { action: 'create', minHours: 72 }, scope: 'section', section: 'Watercraft', outcome: 'warn' });
    try {
      const res = await book(gold, { serviceId: cruise.id, resourceId: boat.id, start: at(2, 14) });
      expect(res.status).toBe(201);
      expect(res.json.booking.status).toBe('confirmed');
      expect(res.json.rules).toEqual([expect.objectContaining({ ruleId: warn.id, outcome: 'warn', passed: false, reason: 'Yacht must be booked at least 72 hours ahead; this starts in 31 hours.' })]);
    } finally {
      await dropRule(warn.id);
    }
  });
});

describe('who may book', () => {
  it('members only refuses guests (403) and lets members book; given tiers refuses other members', async () => {
    const set = (body: Record<string, unknown>) => call(h, `${v1(a)}/booking-access`, { method: 'PUT', cookie: a.owner.cookie, body });
    expect((await set({ bookingAccess: 'members' })).json).toEqual({ bookingAccess: 'members', bookingTierIds: [], approvalExpiryHours: 48, waitlistHoldMinutes: 60 });
    // The waitlist's hold length is set here too, within 5 minutes and a week.
    expect((await set({ bookingAccess: 'members', waitlistHoldMinutes: 4 })).status).toBe(400);
    expect((await set({ bookingAccess: 'members', waitlistHoldMinutes: 90 })).json.waitlistHoldMinutes).toBe(90);
    expect((await set({ bookingAccess: 'members' })).json.waitlistHoldMinutes).toBe(90);
    expect((await set({ bookingAccess: 'members', waitlistHoldMinutes: 60 })).status).toBe(200);
    try {
      const profile = await call(h, `/api/v1/public/orgs/${a.slug}`);
      expect(profile.json.bookingAccess).toBe('members');
      const guest = await call(h, `/api/v1/public/orgs/${a.slug}/bookings`, { body: { serviceId: stay.id, start: at(8), customer: { name: 'G', email: 'guest@example.test' } } });
      expect(guest.status).toBe(403);
      expect(guest.json.error.details.reason).toBe('members_only');
      expect(guest.json.error.message).toBe(`Org ${a.slug} takes bookings from its members only: sign in to book.`);
      expect((await book(plain, { serviceId: stay.id, start: at(8) })).status).toBe(201);

      expect((await set({ bookingAccess: 'tiers', bookingTierIds: [] })).status).toBe(400);
      expect((await set({ bookingAccess: 'tiers', bookingTierIds: [tiers.gold] })).status).toBe(200);
      const outsider = await book(silver, { serviceId: stay.id, start: at(8, 12) });
      expect(outsider.status).toBe(403);
      expect(outsider.json.error).toMatchObject({ message: `Org ${a.slug} takes bookings from Gold members only.`, details: { reason: 'tier_not_allowed' } });
      expect((await book(gold, { serviceId: stay.id, start: at(8, 12) })).status).toBe(201);
      // Staff book for anyone: they act for the business.
      expect((await book(manager, { serviceId: stay.id, start: at(8, 14), customer: { name: 'C', email: 'c2@example.test' } })).status).toBe(201);
      // Another organization's tier is not a tier here.
      const bTier = ((await call(h, `${v1(b)}/tiers`, { cookie: b.owner.cookie, body: { name: 'B Gold' } })).json as { id: string }).id;
      expect((await set({ bookingAccess: 'tiers', bookingTierIds: [bTier] })).status).toBe(400);
    } finally {
      await set({ bookingAccess: 'anyone' });
    }
  });
});

describe('approvals', () => {
  const queue = async (user: TestUser = a.owner, query = '') => (await call(h, `${v1(a)}/approvals?pageSize=100${query}`, { cookie: user.cookie })).json;

  it('a request that trips approval rules is created pending with one approval per rule; the last approval confirms it', async () => {
    const long = await rule({ name: 'Long villa stays', kind: 'duration', params: { maxMinutes: 60 }, scope: 'resource', resourceId: villa.id, outcome: 'approval' });
    const named = await rule({
      name: 'Manager signs off',
      kind: 'lead_time',
      params: { action: 'create', minHours: 24 * 30 },
      scope: 'section',
      section: 'Residences',
      outcome: 'approval',
      approvers: { roles: [], memberIds: [manager.memberId] },
    });
    try {
      const res = await book(gold, { serviceId: stay.id, start: at(10) });
      expect(res.status).toBe(201);
      expect(res.json.booking.status).toBe('pending');
      expect((res.json.rules as { ruleId: string }[]).map((r) => r.ruleId).sort()).toEqual([long.id, named.id].sort());
      const bookingId = res.json.booking.id as string;

      const pending = (await queue()).data.filter((x: { bookingId: string }) => x.bookingId === bookingId);
      expect(pending).toHaveLength(2);
      const byRule = (id: string) => pending.find((x: { ruleId: string }) => x.ruleId === id);
      expect(byRule(long.id)).toMatchObject({ status: 'pending', canDecide: true, reason: 'You may book Villa for at most 1 hour; you asked for 2 hours.' });
      // The owner may not decide the rule that names the manager; the queue says who may.
      expect(byRule(named.id).canDecide).toBe(false);
      expect(byRule(named.id).approvers).toEqual({ roles: [], members: [{ id: manager.memberId, name: manager.name }] });
      expect(byRule(long.id).approvers).toEqual({ roles: ['owner', 'admin'], members: [] });
      expect((await call(h, `${v1(a)}/approvals/${byRule(named.id).id}/approve`, { cookie: a.owner.cookie, body: {} })).status).toBe(403);

      // Confirming by hand is refused while approvals wait.
      const byHand = await call(h, `${v1(a)}/bookings/${bookingId}/confirm`, { cookie: a.owner.cookie, body: {} });
      expect(byHand.status).toBe(409);
      expect(byHand.json.error.details.reason).toBe('awaiting_approval');

      const first = await call(h, `${v1(a)}/approvals/${byRule(long.id).id}/approve`, { cookie: a.owner.cookie, body: { comment: 'Fine' } });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ status: 'approved', comment: 'Fine', decidedBy: { id: a.owner.id }, booking: { status: 'pending' } });
      expect((await call(h, `${v1(a)}/approvals/${byRule(long.id).id}/approve`, { cookie: a.owner.cookie, body: {} })).status).toBe(409);

      const mine = await queue(manager, '&mine=true');
      expect(mine.data.map((x: { id: string }) => x.id)).toContain(byRule(named.id).id);
      const last = await call(h, `${v1(a)}/approvals/${byRule(named.id).id}/approve`, { cookie: manager.cookie, body: {} });
      expect(last.status).toBe(200);
      expect(last.json.booking.status).toBe('confirmed');
      const approved = await queue(a.owner, '&status=approved');
      expect(approved.data.filter((x: { bookingId: string }) => x.bookingId === bookingId)).toHaveLength(2);
    } finally {
      await dropRule(long.id);
      await dropRule(named.id);
    }
  });

  it('a rejection rejects the request with the comment, closes its other approvals and frees the asset', async () => {
    const r1 = await rule({ name: 'Villa approval', kind: 'duration', params: { maxMinutes: 60 }, scope: 'resource', resourceId: villa.id, outcome: 'approval' });
    const r2 = await rule({ name: 'Second look', kind: 'duration', params: { maxMinutes: 90 }, scope: 'resource', resourceId: villa.id, outcome: 'approval' });
    try {
      const res = await book(silver, { serviceId: stay.id, start: at(11) });
      expect(res.json.booking.status).toBe('pending');
      const bookingId = res.json.booking.id as string;
      const mine = (await queue()).data.filter((x: { bookingId: string }) => x.bookingId === bookingId);
      expect((await call(h, `${v1(a)}/approvals/${mine[0].id}/reject`, { cookie: a.owner.cookie, body: {} })).status).toBe(400);
      const rejected = await call(h, `${v1(a)}/approvals/${mine[0].id}/reject`, { cookie: a.owner.cookie, body: { comment: 'The villa is being painted' } });
      expect(rejected.status).toBe(200);
      expect(rejected.json.booking.status).toBe('rejected');
      const rows = await h.database.db.select().from(bookingApprovals).where(eq(bookingApprovals.bookingId, bookingId));
      expect(rows.map((r) => r.status).sort()).toEqual(['closed', 'rejected']);
      const [row] = await h.database.db.select().from(bookings).where(eq(bookings.id, bookingId));
      expect(row!.cancellationReason).toBe('The villa is being painted');
      // The time is free again.
      await dropRule(r1.id);
      await dropRule(r2.id);
      expect((await book(gold, { serviceId: stay.id, start: at(11) })).json.booking.status).toBe('confirmed');
    } finally {
      await dropRule(r1.id);
      await dropRule(r2.id);
    }
  });

  it('a request nobody decides is released after the expiry hours and the member is told', async () => {
    await call(h, `${v1(a)}/booking-access`, { method: 'PUT', cookie: a.owner.cookie, body: { bookingAccess: 'anyone', approvalExpiryHours: 2 } });
    const r = await rule({ name: 'Everything on the boat', kind: 'duration', params: { maxMinutes: 1 }, scope: 'resource', resourceId: boat.id, outcome: 'approval' });
    try {
      const res = await book(gold, { serviceId: cruise.id, resourceId: boat.id, start: at(12) });
      expect(res.json.booking.status).toBe('pending');
      const bookingId = res.json.booking.id as string;
      const [approval] = await h.database.db.select().from(bookingApprovals).where(eq(bookingApprovals.bookingId, bookingId));
      expect(approval!.expiresAt.toISOString()).toBe('2026-06-01T14:00:00.000Z');
      expect(await expireApprovals(h.database.db, new Date('2026-06-01T13:59:00Z'))).toBe(0);
      expect(await expireApprovals(h.database.db, new Date('2026-06-01T14:00:00Z'))).toBeGreaterThanOrEqual(1);
      const [row] = await h.database.db.select().from(bookings).where(eq(bookings.id, bookingId));
      expect(row!.status).toBe('rejected');
      const [after] = await h.database.db.select().from(bookingApprovals).where(eq(bookingApprovals.bookingId, bookingId));
      expect(after!.status).toBe('expired');
      // The member's email goes out with the booking's status change.
      const messages = await h.database.db.select().from(outbox).where(eq(outbox.organizationId, a.id));
      expect(messages.some((m) => m.topic === 'booking.status_changed' && (m.payload as { bookingId?: string; to?: string }).bookingId === bookingId && (m.payload as { to?: string }).to === 'rejected')).toBe(true);
      // A second sweep finds nothing.
      expect(await expireApprovals(h.database.db, new Date('2026-06-01T15:00:00Z'))).toBe(0);
    } finally {
      await dropRule(r.id);
      await call(h, `${v1(a)}/booking-access`, { method: 'PUT', cookie: a.owner.cookie, body: { bookingAccess: 'anyone', approvalExpiryHours: 48 } });
    }
  });
});

describe('the dry run', () => {
  it('lists every rule with pass, fail, not applicable or exempt and writes nothing', async () => {
    const jetOnly = await rule({ name: 'Jet lead', kind: 'lead_time', params: { action: 'create', minHours: 24 * 7 }, scope: 'resource', resourceId: jet.id, outcome: 'deny' });
    const villaLong = await rule({ name: 'Villa long', kind: 'duration', params: { maxMinutes: 60 }, scope: 'resource', resourceId: villa.id, outcome: 'approval' });
    const goldOnly = await rule({ name: 'Gold blackout', kind: 'blackout', params: { from: '2026-06-15', to: '2026-06-16', reason: 'Regatta' }, tierId: tiers.gold, outcome: 'deny' });
    try {
      const before = (await h.database.db.select().from(bookings).where(eq(bookings.organizationId, a.id))).length;
      const check = (user: TestUser, body: Record<string, unknown>, lang = 'en') =>
        call(h, `${v1(a)}/bookings/check`, { cookie: user.cookie, body, headers: { 'accept-language': lang } });
      const res = await check(silver, { serviceId: stay.id, resourceId: villa.id, start: at(15) });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ verdict: 'approval', available: true, unavailableReason: null, accessReason: null });
      const by = (id: string) => res.json.results.find((r: { ruleId: string }) => r.ruleId === id);
      expect(by(jetOnly.id)).toMatchObject({ applies: false, passed: true, reason: 'Does not apply: it is set for another asset.' });
      expect(by(villaLong.id)).toMatchObject({ applies: true, passed: false, outcome: 'approval' });
      expect(by(goldOnly.id)).toMatchObject({ applies: false, reason: 'Does not apply: it is for Gold members.' });

      const es = await check(gold, { serviceId: stay.id, resourceId: villa.id, start: at(15) }, 'es');
      expect(es.json.verdict).toBe('deny');
      expect(es.json.results.find((r: { ruleId: string }) => r.ruleId === goldOnly.id).reason).toBe('Villa no se puede reservar del 2026-06-15 al 2026-06-16: Regatta.');

      // The owner is exempt; checking for a named member uses theirs.
      const owner = await check(a.owner, { serviceId: flight.id, resourceId: jet.id, start: at(3) });
      expect(owner.json.verdict).toBe('allow');
      expect(owner.json.results.find((r: { ruleId: string }) => r.ruleId === jetOnly.id)).toMatchObject({ exempt: true, passed: true });
      const forMember = await check(a.owner, { serviceId: flight.id, resourceId: jet.id, start: at(3), memberId: silver.memberId });
      expect(forMember.json.verdict).toBe('deny');
      // A taken time is reported as such, with the rules judged anyway.
      const taken = await check(silver, { serviceId: cruise.id, resourceId: boat.id, start: at(3) });
      expect(taken.json.available).toBe(false);
      expect(taken.json.unavailableReason).toMatch(/taken|booked/i);
      expect((await h.database.db.select().from(bookings).where(eq(bookings.organizationId, a.id))).length).toBe(before);
      // Another tenant's member id is not a member here.
      const bMember = await addMember(h, b, 'member');
      expect((await check(a.owner, { serviceId: flight.id, resourceId: jet.id, start: at(3), memberId: bMember.memberId })).status).toBe(404);
    } finally {
      for (const r of [jetOnly, villaLong, goldOnly]) await dropRule(r.id);
    }
  });
});

describe('availability as the member sees it', () => {
  it('marks the times the member’s rules forbid (with the reason, in their language) and those that need approval; others see their own', async () => {
    const jetLead = await rule({ name: 'Jet lead', kind: 'lead_time', params: { action: 'create', minHours: 24 * 7 }, scope: 'resource', resourceId: jet.id, tierId: tiers.silver, outcome: 'deny' });
    const late = await rule({ name: 'Late flights', kind: 'blackout', params: { from: '2026-06-10', to: '2026-06-10', reason: 'Crew training' }, scope: 'resource', resourceId: jet.id, outcome: 'approval' });
    try {
      const slots = async (user: TestUser, lang = 'en') => {
        const res = await call(h, `${v1(a)}/availability?serviceId=${flight.id}&resourceId=${jet.id}&from=2026-06-02&to=2026-06-10`, { cookie: user.cookie, headers: { 'accept-language': lang } });
        expect(res.status).toBe(200);
        return res.json as { accessReason: string | null; slots: { start: string; rule?: { verdict: string; reason: string } }[] };
      };
      const forSilver = await slots(silver);
      expect(forSilver.accessReason).toBeNull();
      const on = (day: string) => forSilver.slots.filter((x) => x.start.startsWith(day));
      // Within seven days: denied for Silver, with the engine's reason; the 10th needs approval.
      expect(on('2026-06-03').length).toBeGreaterThan(0);
      for (const x of on('2026-06-03')) expect(x.rule).toEqual({ verdict: 'deny', reason: expect.stringMatching(/at least 168 hours ahead/), ruleId: jetLead.id, ruleName: 'Jet lead' });
      for (const x of on('2026-06-10')) expect(x.rule).toMatchObject({ verdict: 'approval', reason: expect.stringContaining('Crew training') });
      const es = await slots(silver, 'es');
      expect(es.slots.find((x) => x.start.startsWith('2026-06-03'))!.rule!.reason).toMatch(/con al menos 168 horas/);
      // Gold is not held to the Silver rule: the same days are open (the 10th still needs approval).
      const forGold = await slots(gold);
      expect(forGold.slots.filter((x) => x.start.startsWith('2026-06-03')).every((x) => x.rule === undefined)).toBe(true);
      // The same answer's times, without marks, are what the public page shows.
      const pub = await call(h, `/api/v1/public/orgs/${a.slug}/availability?serviceId=${flight.id}&resourceId=${jet.id}&from=2026-06-02&to=2026-06-10`);
      expect(pub.json.slots.map((x: { start: string }) => x.start)).toEqual(forSilver.slots.map((x) => x.start));
      expect(pub.json.slots.some((x: { rule?: unknown }) => x.rule)).toBe(false);
      // Another organization's member does not see this one's availability (404), nor do guests (401).
      expect((await call(h, `${v1(a)}/availability?serviceId=${flight.id}&from=2026-06-02&to=2026-06-03`, { cookie: b.owner.cookie })).status).toBe(404);
      expect((await call(h, `${v1(a)}/availability?serviceId=${flight.id}&from=2026-06-02&to=2026-06-03`)).status).toBe(401);
    } finally {
      await dropRule(jetLead.id);
      await dropRule(late.id);
    }
  });

  it('marks every time when the organization books given tiers only and the member is in none', async () => {
    expect((await call(h, `${v1(a)}/booking-access`, { method: 'PUT', cookie: a.owner.cookie, body: { bookingAccess: 'tiers', bookingTierIds: [tiers.gold] } })).status).toBe(200);
    try {
      const res = await call(h, `${v1(a)}/availability?serviceId=${cruise.id}&from=2026-06-08&to=2026-06-08`, { cookie: plain.cookie });
      expect(res.status).toBe(200);
      expect(res.json.accessReason).toMatch(/Gold members only/);
      const gold8 = await call(h, `${v1(a)}/availability?serviceId=${cruise.id}&from=2026-06-08&to=2026-06-08`, { cookie: gold.cookie });
      expect(gold8.json.accessReason).toBeNull();
    } finally {
      expect((await call(h, `${v1(a)}/booking-access`, { method: 'PUT', cookie: a.owner.cookie, body: { bookingAccess: 'anyone' } })).status).toBe(200);
    }
  });
});

describe('rules as data', () => {
  it('validates params per kind and scope, audits changes, answers 404 for another tenant, previews', async () => {
    const bad = await call(h, `${v1(a)}/rules`, { cookie: a.owner.cookie, body: { name: 'x', kind: 'quota', params: { limit: 2, unit: 'weeks', period: 'month', per: 'resource' }, outcome: 'deny' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields[0].path).toBe('params.unit');
    const noSection = await call(h, `${v1(a)}/rules`, { cookie: a.owner.cookie, body: { name: 'x', kind: 'duration', params: { maxMinutes: 60 }, scope: 'section', section: 'Submarines', outcome: 'deny' } });
    expect(noSection.status).toBe(400);
    expect(noSection.json.error.details.fields[0].path).toBe('section');
    const bResource = await createResource(h, b, { kind: 'asset', name: 'B jet' });
    expect((await call(h, `${v1(a)}/rules`, { cookie: a.owner.cookie, body: { name: 'x', kind: 'duration', params: { maxMinutes: 60 }, scope: 'resource', resourceId: bResource.id, outcome: 'deny' } })).status).toBe(400);
    expect((await call(h, `${v1(a)}/rules`, { cookie: gold.cookie, body: { name: 'x', kind: 'duration', params: { maxMinutes: 60 }, outcome: 'deny' } })).status).toBe(403);

    const r = await rule({ name: 'Max 2 hours', kind: 'duration', params: { maxMinutes: 120 }, outcome: 'warn' });
    const changed = await call(h, `${v1(a)}/rules/${r.id}`, { method: 'PATCH', cookie: a.owner.cookie, body: { params: { maxMinutes: 60 } } });
    expect(changed.status).toBe(200);
    expect(changed.json.summary).toBe('At most 1 hour per reservation');
    expect((await call(h, `${v1(a)}/rules/${r.id}`, { method: 'PATCH', cookie: a.owner.cookie, body: { params: { maxMinutes: -1 } } })).status).toBe(400);
    const preview = await call(h, `${v1(a)}/rules/${r.id}/preview?days=30`, { cookie: a.owner.cookie });
    expect(preview.status).toBe(200);
    // Bookings made so far in this file (all at the fixed clock): the 2-hour stays exceed it.
    expect(preview.json.evaluated).toBeGreaterThan(0);
    expect(preview.json.affected).toBeGreaterThan(0);
    expect(preview.json.affected).toBeLessThan(preview.json.evaluated);
    expect(preview.json.examples[0].reason).toContain('at most 1 hour');

    expect((await call(h, `${v1(b)}/rules/${r.id}`, { method: 'PATCH', cookie: b.owner.cookie, body: { active: false } })).status).toBe(404);
    expect((await call(h, `${v1(b)}/rules/${r.id}`, { method: 'DELETE', cookie: b.owner.cookie })).status).toBe(404);
    expect((await dropRule(r.id)).status).toBe(204);
  });
});

describe('races', () => {
  it('50 parallel requests by one member against a quota of 3 → exactly 3 succeed', async () => {
    const c = await createOrg(h);
    await setBusinessHours(h, c, weekdays([{ start: '09:00', end: '17:00' }]));
    const assets: { id: string }[] = [];
    for (let i = 0; i < 5; i++) assets.push(await createResource(h, c, { kind: 'asset', name: `Plane ${i}`, section: 'Aircraft' }));
    const svc = await createService(h, c, { name: 'Hop', durationMinutes: 60, resourceIds: assets.map((x) => x.id) });
    const m = await addMember(h, c, 'member');
    await rule({ name: 'Three a month', kind: 'quota', params: { limit: 3, unit: 'reservations', period: 'month', per: 'section' }, scope: 'section', section: 'Aircraft', outcome: 'deny' }, c);
    // Ten days × five planes: every request is for its own free time and asset.
    const weekdaysOfJune = [2, 3, 4, 5, 8, 9, 10, 11, 12, 15];
    const requests = Array.from({ length: 50 }, (_, i) => ({ serviceId: svc.id, resourceId: assets[i % 5]!.id, start: at(weekdaysOfJune[Math.floor(i / 5)]!) }));
    const answers = await Promise.all(requests.map((body) => call(h, `/api/v1/orgs/${c.slug}/bookings`, { cookie: m.cookie, body })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(47);
    const rows = await h.database.db.select().from(bookings).where(eq(bookings.organizationId, c.id));
    expect(rows).toHaveLength(3);
  });

  it('two approvers deciding the same request at once: confirmed once or rejected, never both', async () => {
    const c = await createOrg(h);
    await setBusinessHours(h, c, weekdays([{ start: '09:00', end: '17:00' }]));
    const asset = await createResource(h, c, { kind: 'asset', name: 'Heli', section: 'Aircraft' });
    const svc = await createService(h, c, { name: 'Ride', durationMinutes: 60, resourceIds: [asset.id] });
    const m = await addMember(h, c, 'member');
    const second = await addMember(h, c, 'admin');
    await rule({ name: 'Needs one', kind: 'duration', params: { maxMinutes: 1 }, outcome: 'approval' }, c);
    for (let round = 0; round < 5; round++) {
      const res = await call(h, `/api/v1/orgs/${c.slug}/bookings`, { cookie: m.cookie, body: { serviceId: svc.id, resourceId: asset.id, start: at([2, 3, 4, 5, 8][round]!) } });
      expect(res.json.booking.status).toBe('pending');
      const [approval] = await h.database.db.select().from(bookingApprovals).where(eq(bookingApprovals.bookingId, res.json.booking.id));
      const path = `/api/v1/orgs/${c.slug}/approvals/${approval!.id}`;
      const [x, y] = await Promise.all([
        call(h, `${path}/approve`, { cookie: c.owner.cookie, body: {} }),
        round % 2 === 0 ? call(h, `${path}/approve`, { cookie: second.cookie, body: {} }) : call(h, `${path}/reject`, { cookie: second.cookie, body: { comment: 'No' } }),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const [row] = await h.database.db.select().from(bookings).where(eq(bookings.id, res.json.booking.id));
      const winner = x.status === 200 ? 'confirmed' : round % 2 === 0 ? 'confirmed' : 'rejected';
      expect(row!.status).toBe(winner);
      const events = await h.database.db.select().from(outbox).where(eq(outbox.organizationId, c.id));
      expect(events.filter((e) => e.topic === 'booking.status_changed' && (e.payload as { bookingId: string }).bookingId === res.json.booking.id)).toHaveLength(1);
    }
  });
});

describe('changes and cancellations', () => {
  it('a member cannot cancel inside the club’s cancellation lead time; staff can; a move is judged as a new time', async () => {
    const noLate = await rule({ name: 'Cancel 72 hours ahead', kind: 'lead_time', params: { action: 'cancel', minHours: 72 }, section: 'Residences', scope: 'section', outcome: 'deny' });
    expect((await call(h, `${v1(a)}/rules`, { cookie: a.owner.cookie, body: { name: 'x', kind: 'lead_time', params: { action: 'cancel', minHours: 1 }, outcome: 'approval' } })).json.error.details.fields[0].path).toBe('outcome');
    try {
      const soon = await book(plain, { serviceId: stay.id, start: at(2, 12) });
      expect(soon.status).toBe(201);
      const cancel = await call(h, `${v1(a)}/bookings/${soon.json.booking.id}/cancel`, { cookie: plain.cookie, body: { reason: 'Plans changed' } });
      expect(cancel.status).toBe(422);
      expect(cancel.json.error.message).toBe('Reservations of Villa can be cancelled up to 72 hours before they start; this one starts in 29 hours.');
      expect((await call(h, `${v1(a)}/bookings/${soon.json.booking.id}/cancel`, { cookie: a.owner.cookie, body: { reason: 'Member called' } })).status).toBe(200);

      // A guest's move through their link is judged for the new time.
      const guest = await call(h, `/api/v1/public/orgs/${a.slug}/bookings`, { body: { serviceId: stay.id, start: at(16), customer: { name: 'G', email: 'mover@example.test' } } });
      expect(guest.json.booking.status).toBe('confirmed');
      const window = await rule({ name: 'No Friday stays', kind: 'blackout', params: { from: '2026-06-19', to: '2026-06-19', reason: 'Staff day off' }, scope: 'resource', resourceId: villa.id, outcome: 'deny' });
      const approval = await rule({ name: 'Thursdays need a look', kind: 'blackout', params: { from: '2026-06-18', to: '2026-06-18', reason: 'Owner visit' }, scope: 'resource', resourceId: villa.id, outcome: 'approval' });
      try {
        const denied = await call(h, `/api/v1/public/bookings/${guest.json.manageToken}/reschedule`, { body: { start: at(19) } });
        expect(denied.status).toBe(422);
        expect(denied.json.error.details.rules[0].ruleId).toBe(window.id);
        const moved = await call(h, `/api/v1/public/bookings/${guest.json.manageToken}/reschedule`, { body: { start: at(18) } });
        expect(moved.status).toBe(200);
        expect(moved.json.status).toBe('pending');
        const rows = await h.database.db.select().from(bookingApprovals).where(eq(bookingApprovals.bookingId, guest.json.booking.id));
        expect(rows.map((r) => [r.ruleId, r.status])).toEqual([[approval.id, 'pending']]);
      } finally {
        await dropRule(window.id);
        await dropRule(approval.id);
      }
    } finally {
      await dropRule(noLate.id);
    }
  });
});

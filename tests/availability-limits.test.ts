/**
 * Issue #11, item 1: one anonymous request could stall the installation (20 resources on a
 * 1-minute grid open 00:00–24:00, 62 days: ~89,000 slots, 65 MB). Now the catalog refuses
 * sub-5-minute grids, unverified organizations have a bounded catalog, and one public answer
 * is capped in size and work whatever the catalog, with `nextFrom` to continue.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { fixedClock } from '@/lib/clock';
import { addDays, findSlots, PUBLIC_SLOT_LIMITS } from '@/modules/scheduling';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource, createService, setBusinessHours } from './support/scheduling';
import { forgetCachedSessions } from '@/modules/identity';

const NOW = '2030-01-07T00:00:00Z';
const FROM = '2030-01-08';
const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const availability = (org: TestOrg, query: Record<string, string>) => call(h, `/api/v1/public/orgs/${org.slug}/availability?${new URLSearchParams(query)}`);
const pairsOf = (slots: { resourceIds: string[] }[]) => slots.reduce((n, s) => n + s.resourceIds.length, 0);

async function verifyOwner(org: TestOrg) {
  await h.database.db.update(users).set({ emailVerified: true }).where(eq(users.id, org.owner.id));
  forgetCachedSessions(h.auth, org.owner.id); // written past Better Auth: its cached sessions go
}

/** An organization in UTC open around the clock, `n` resources and a 5-minute service on a 5-minute grid. */
async function aroundTheClock(n: number) {
  const org = await createOrg(h, undefined, { timezone: 'UTC' });
  await setBusinessHours(h, org, allWeek);
  const resources = [];
  for (let i = 0; i < n; i++) resources.push(await createResource(h, org, { name: `Bay ${i + 1}` }));
  const service = await createService(h, org, { durationMinutes: 5, slotIntervalMinutes: 5, maxAdvanceDays: 730, resourceIds: resources.map((r) => r.id) });
  return { org, resources, service };
}

describe('slot grid minimums', () => {
  it('refuses a duration or slot interval under 5 minutes, on create and update, and accepts 5', async () => {
    const org = await createOrg(h);
    const create = (body: Record<string, unknown>) => call(h, `/api/v1/orgs/${org.slug}/services`, { cookie: org.owner.cookie, body: { name: 'Quick', ...body } });
    for (const body of [{ durationMinutes: 1 }, { durationMinutes: 4 }, { durationMinutes: 30, slotIntervalMinutes: 1 }]) {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
      expect(res.json.error.details.fields[0]).toEqual({ path: Object.keys(body).at(-1), message: 'must be at least 5' });
    }
    const ok = await create({ durationMinutes: 5, slotIntervalMinutes: 5 });
    expect(ok.status).toBe(201);
    const patch = await call(h, `/api/v1/orgs/${org.slug}/services/${ok.json.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { slotIntervalMinutes: 1 } });
    expect(patch.status).toBe(400);
  });
});

describe('one public availability answer is bounded', () => {
  let world: Awaited<ReturnType<typeof aroundTheClock>>;
  beforeAll(async () => {
    world = await aroundTheClock(20);
  });

  it('caps the size and the work of the answer to the issue\'s 62-day request, and names where to continue', async () => {
    const to = addDays(FROM, 61);
    const res = await availability(world.org, { serviceId: world.service.id, from: FROM, to });
    expect(res.status).toBe(200);
    const { slots, nextFrom } = res.json as { slots: { start: string; resourceIds: string[] }[]; nextFrom: string | null };
    expect(slots.length).toBeLessThanOrEqual(PUBLIC_SLOT_LIMITS.maxSlots);
    expect(pairsOf(slots)).toBeLessThanOrEqual(PUBLIC_SLOT_LIMITS.maxCandidates);
    // 65 MB before; a whole answer is now a few hundred KB.
    expect(res.text.length).toBeLessThan(1_500_000);
    // 20 resources × 288 starts a day: three whole days fit in 20,000 candidates, four do not.
    expect(nextFrom).toBe(addDays(FROM, 3));
    expect(slots[0]!.start).toBe(`${FROM}T00:00:00Z`);
    expect(slots.at(-1)!.start).toBe(`${addDays(FROM, 2)}T23:55:00Z`);
    expect(slots.every((s) => s.resourceIds.length === 20)).toBe(true);

    // The engine's own count of the work behind that answer.
    const found = await withTenant(h.database.db, { organizationId: world.org.id }, (tx) =>
      findSlots(tx, { organizationId: world.org.id, orgTimezone: 'UTC', serviceId: world.service.id, from: FROM, to, timezone: 'UTC', now: new Date(NOW), limits: PUBLIC_SLOT_LIMITS }),
    );
    expect(found!.work).toBeLessThanOrEqual(PUBLIC_SLOT_LIMITS.maxWork);
    expect(found!.slots).toHaveLength(slots.length);
  });

  it('gives, page after page, exactly the slots of the whole window', async () => {
    const to = addDays(FROM, 6);
    const pages: { start: string; end: string; resourceIds: string[] }[][] = [];
    let from: string | null = FROM;
    while (from) {
      const res = await availability(world.org, { serviceId: world.service.id, from, to });
      expect(res.status).toBe(200);
      pages.push(res.json.slots);
      expect(res.json.nextFrom === null || res.json.nextFrom > from).toBe(true);
      from = res.json.nextFrom;
    }
    expect(pages.length).toBe(3);
    const all = await withTenant(h.database.db, { organizationId: world.org.id }, (tx) =>
      findSlots(tx, { organizationId: world.org.id, orgTimezone: 'UTC', serviceId: world.service.id, from: FROM, to, timezone: 'UTC', now: new Date(NOW), limits: {} }),
    );
    const paged = pages.flat().map((s) => `${Date.parse(s.start)}|${s.resourceIds.join(',')}`);
    expect(paged).toEqual(all!.slots.map((s) => `${s.start}|${s.resourceIds.join(',')}`));
    expect(paged).toHaveLength(7 * 288);
  });
});

describe('catalog limits for organizations nobody has verified', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createOrg(h, undefined, { timezone: 'UTC' });
  });

  it('stops an unverified organization at 50 resources, counted under a lock, and lifts the limit once an owner is verified', async () => {
    for (let i = 0; i < 45; i++) await createResource(h, org, { name: `Bay ${i + 1}` });
    // Ten at once across the line: the count is taken under the lock, so exactly five fit.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(h, `/api/v1/orgs/${org.slug}/resources`, { cookie: org.owner.cookie, body: { kind: 'staff', name: `Racer ${i}` } })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 422, 422, 422, 422, 422]);
    const refused = racing.find((r) => r.status === 422)!;
    expect(refused.json.error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'unverified_limit', kind: 'resources', limit: 50 } });
    expect(refused.json.error.requestId).toBeTruthy();
    const list = await call(h, `/api/v1/orgs/${org.slug}/resources?pageSize=100`, { cookie: org.owner.cookie });
    expect(list.json.pagination.total).toBe(50);

    await verifyOwner(org);
    expect((await call(h, `/api/v1/orgs/${org.slug}/resources`, { cookie: org.owner.cookie, body: { kind: 'staff', name: 'After verification' } })).status).toBe(201);
  });

  it('stops an unverified organization at 100 services', async () => {
    const other = await createOrg(h);
    for (let i = 0; i < 100; i++) await createService(h, other, { name: `Service ${i + 1}` });
    const res = await call(h, `/api/v1/orgs/${other.slug}/services`, { cookie: other.owner.cookie, body: { name: 'One too many', durationMinutes: 30 } });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toEqual({ rule: 'unverified_limit', kind: 'services', limit: 100 });
  });

  it('answers 422 in the error envelope when one day alone is more than an answer may hold', async () => {
    // The organization above is verified now: 51 resources, 19 more make 70 × 288 > 20,000 candidates in one day.
    for (let i = 0; i < 19; i++) await createResource(h, org, { name: `Extra ${i + 1}` });
    await setBusinessHours(h, org, allWeek);
    const ids = (await call(h, `/api/v1/orgs/${org.slug}/resources?pageSize=100`, { cookie: org.owner.cookie })).json.data.map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(70);
    const service = await createService(h, org, { durationMinutes: 5, slotIntervalMinutes: 5, maxAdvanceDays: 730, resourceIds: ids });
    const res = await availability(org, { serviceId: service.id, from: FROM, to: FROM });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'availability_limit', reason: 'day', limit: PUBLIC_SLOT_LIMITS.maxCandidates } });
    expect(res.json.error.requestId).toBeTruthy();
    // One resource's day fits.
    const one = await availability(org, { serviceId: service.id, from: FROM, to: FROM, resourceId: ids[0] });
    expect(one.status).toBe(200);
    expect(one.json.slots).toHaveLength(288);
  });
});

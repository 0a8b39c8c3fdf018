/**
 * loadSchedulingData: the read model the booking engine uses. Effective weekly hours (own vs
 * inherited business hours), override precedence, blackouts, and a constant number of queries.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { loadSchedulingData } from '@/modules/catalog';
import { findSlots, loadBusy, unpackBusy } from '@/modules/scheduling';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const api = (org: TestOrg, path: string) => `/api/v1/orgs/${org.slug}${path}`;

async function send(org: TestOrg, path: string, body: unknown, method = 'POST') {
  const res = await call(h, api(org, path), { cookie: org.owner.cookie, method, body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/**
 * Counts the statements `fn` issues through the transaction it is given: every statement, a
 * builder's, a raw `execute`'s or a prepared select's (src/db/prepared-select.ts), is one
 * `prepareQuery` on the transaction's session.
 */
async function countingQueries<T>(orgId: string, fn: (tx: Tx) => Promise<T>): Promise<{ result: T; queries: number }> {
  return withTenant(h.database.db, { organizationId: orgId }, async (tx) => {
    let queries = 0;
    const real = (tx as unknown as { session: object }).session;
    const session = new Proxy(real, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop !== 'prepareQuery' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          queries++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const counted = new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === 'session') return session;
        if (prop === '_') return { ...target._, session };
        return Reflect.get(target, prop, receiver);
      },
    });
    const result = await fn(counted);
    return { result, queries };
  });
}

const window = { from: new Date('2031-12-01T00:00:00Z'), to: new Date('2032-01-01T00:00:00Z') };
const day = (weekday: number, ranges: { start: string; end: string }[]) => ({ weekday, ranges });

describe('loadSchedulingData', () => {
  let org: TestOrg;
  let service: { id: string };
  let own: { id: string };
  let inheriting: { id: string };
  let archived: { id: string };
  let unlinked: { id: string };

  beforeAll(async () => {
    org = await createOrg(h);
    own = await send(org, '/resources', { kind: 'staff', name: 'A — own hours', sortOrder: 1, timezone: 'America/Denver' });
    inheriting = await send(org, '/resources', { kind: 'staff', name: 'B — inherits', sortOrder: 2 });
    archived = await send(org, '/resources', { kind: 'staff', name: 'C — archived', sortOrder: 3 });
    unlinked = await send(org, '/resources', { kind: 'staff', name: 'D — not linked', sortOrder: 4 });
    service = await send(org, '/services', { name: 'Cut', durationMinutes: 45, resourceIds: [inheriting.id, own.id, archived.id] });
    await send(org, `/resources/${archived.id}/archive`, undefined);

    await send(org, '/business-hours', { weekly: [1, 2, 3, 4, 5].map((d) => day(d, [{ start: '09:00', end: '17:00' }])) }, 'PUT');
    await send(org, `/resources/${own.id}/hours`, { weekly: [day(6, [{ start: '15:00', end: '24:00' }]), day(2, [{ start: '09:30', end: '14:00' }, { start: '15:00', end: '19:30' }])] }, 'PUT');
    await send(org, `/resources/${unlinked.id}/hours`, { weekly: [day(7, [{ start: '10:00', end: '11:00' }])] }, 'PUT');

    await send(org, '/date-overrides', { date: '2031-12-24', ranges: [{ start: '10:00', end: '14:00' }], reason: 'Christmas Eve' });
    await send(org, '/date-overrides', { date: '2031-12-25', ranges: [] });
    await send(org, '/date-overrides', { date: '2031-12-24', ranges: [], resourceId: own.id });
    await send(org, '/date-overrides', { date: '2031-12-26', ranges: [{ start: '12:00', end: '16:00' }], resourceId: inheriting.id });
    await send(org, '/date-overrides', { date: '2031-12-27', ranges: [], resourceId: unlinked.id });
    await send(org, '/date-overrides', { date: '2032-03-01', ranges: [] });

    await send(org, '/blackouts', { startsAt: '2031-12-31T00:00:00Z', endsAt: '2032-01-01T00:00:00Z', reason: 'Inventory' });
    await send(org, '/blackouts', { startsAt: '2031-12-20T14:00:00Z', endsAt: '2031-12-20T18:00:00Z', resourceId: own.id });
    await send(org, '/blackouts', { startsAt: '2031-12-21T14:00:00Z', endsAt: '2031-12-21T18:00:00Z', resourceId: unlinked.id });
    await send(org, '/blackouts', { startsAt: '2032-02-01T00:00:00Z', endsAt: '2032-02-02T00:00:00Z' });
  });

  it('returns the service and its active resources with effective hours, overrides and blackouts', async () => {
    const { result, queries } = await countingQueries(org.id, (tx) => loadSchedulingData(tx, org.id, { serviceId: service.id, window }));
    expect(queries).toBe(1);
    expect(result).not.toBeNull();
    const data = result!;
    expect(data.service).toMatchObject({ id: service.id, name: 'Cut', durationMinutes: 45 });
    expect(data.organizationTimezone).toBe('America/Chicago');
    expect(data.resources.map((r) => r.resource.id)).toEqual([own.id, inheriting.id]);

    const [a, b] = data.resources;
    // A: its own weekly rows (lunch break is a gap; 24:00 kept as the end of day), its own zone.
    expect(a!.inheritsBusinessHours).toBe(false);
    expect(a!.timezone).toBe('America/Denver');
    expect(a!.weekly.filter((d) => d.ranges.length > 0)).toEqual([
      day(2, [{ start: '09:30', end: '14:00' }, { start: '15:00', end: '19:30' }]),
      day(6, [{ start: '15:00', end: '24:00' }]),
    ]);
    // Its closed-day override beats the org's short Christmas Eve; the org's Christmas applies.
    expect(a!.overrides).toEqual([
      { date: '2031-12-24', ranges: [] },
      { date: '2031-12-25', ranges: [] },
    ]);
    expect(a!.blackouts).toEqual([
      { startsAt: new Date('2031-12-20T14:00:00Z'), endsAt: new Date('2031-12-20T18:00:00Z') },
      { startsAt: new Date('2031-12-31T00:00:00Z'), endsAt: new Date('2032-01-01T00:00:00Z') },
    ]);

    // B: no rows of its own, so the business hours; org-wide overrides plus its own date.
    expect(b!.inheritsBusinessHours).toBe(true);
    expect(b!.timezone).toBe('America/Chicago');
    expect(b!.weekly).toHaveLength(7);
    expect(b!.weekly.filter((d) => d.ranges.length > 0).map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(b!.weekly[0]!.ranges).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(b!.overrides).toEqual([
      { date: '2031-12-24', ranges: [{ start: '10:00', end: '14:00' }] },
      { date: '2031-12-25', ranges: [] },
      { date: '2031-12-26', ranges: [{ start: '12:00', end: '16:00' }] },
    ]);
    expect(b!.blackouts).toEqual([{ startsAt: new Date('2031-12-31T00:00:00Z'), endsAt: new Date('2032-01-01T00:00:00Z') }]);
  });

  it('narrows to one resource, and returns no resources for an archived or unlinked one', async () => {
    const one = await withTenant(h.database.db, { organizationId: org.id }, (tx) => loadSchedulingData(tx, org.id, { serviceId: service.id, resourceId: inheriting.id, window }));
    expect(one!.resources.map((r) => r.resource.id)).toEqual([inheriting.id]);
    for (const resourceId of [archived.id, unlinked.id]) {
      const { result, queries } = await countingQueries(org.id, (tx) => loadSchedulingData(tx, org.id, { serviceId: service.id, resourceId, window }));
      expect(result!.resources).toEqual([]);
      expect(queries).toBe(1);
    }
  });

  it('without a window loads everything from yesterday on', async () => {
    const data = await withTenant(h.database.db, { organizationId: org.id }, (tx) => loadSchedulingData(tx, org.id, { serviceId: service.id, resourceId: inheriting.id }));
    expect(data!.resources[0]!.overrides.map((o) => o.date)).toEqual(['2031-12-24', '2031-12-25', '2031-12-26', '2032-03-01']);
    expect(data!.resources[0]!.blackouts).toHaveLength(2);
  });

  it('returns null for an unknown service or another organization’s, and sees archived services', async () => {
    const other = await createOrg(h);
    await withTenant(h.database.db, { organizationId: other.id }, async (tx) => {
      expect(await loadSchedulingData(tx, other.id, { serviceId: service.id })).toBeNull();
      expect(await loadSchedulingData(tx, other.id, { serviceId: 'svc_01h2xcejqtf2nbrexx3vqjhp41' })).toBeNull();
    });
    const archivedService = await send(org, '/services', { name: 'Old', durationMinutes: 30, resourceIds: [own.id] });
    await send(org, `/services/${archivedService.id}/archive`, undefined);
    const data = await withTenant(h.database.db, { organizationId: org.id }, (tx) => loadSchedulingData(tx, org.id, { serviceId: archivedService.id, window }));
    expect(data!.service.active).toBe(false);
    expect(data!.resources.map((r) => r.resource.id)).toEqual([own.id]);
  });

  it('issues the same number of queries for many resources and dates', async () => {
    const big = await createOrg(h);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await send(big, '/resources', { kind: 'asset', name: `Asset ${i}` });
      ids.push(r.id);
      if (i % 2 === 0) await send(big, `/resources/${r.id}/hours`, { weekly: [day(1 + (i % 7), [{ start: '08:00', end: '12:00' }])] }, 'PUT');
      await send(big, '/date-overrides', { date: `2031-12-${String(10 + i).padStart(2, '0')}`, ranges: [], resourceId: r.id });
      await send(big, '/blackouts', { startsAt: `2031-12-${String(10 + i).padStart(2, '0')}T10:00:00Z`, endsAt: `2031-12-${String(10 + i).padStart(2, '0')}T12:00:00Z`, resourceId: r.id });
    }
    const svc = await send(big, '/services', { name: 'Rental', durationMinutes: 120, resourceIds: ids });
    const { result, queries } = await countingQueries(big.id, (tx) => loadSchedulingData(tx, big.id, { serviceId: svc.id, window }));
    expect(queries).toBe(1);
    expect(result!.resources).toHaveLength(8);
    expect(result!.resources.map((r) => r.overrides.length)).toEqual(Array(8).fill(1));
    expect(result!.resources.map((r) => r.blackouts.length)).toEqual(Array(8).fill(1));
    expect(result!.resources.map((r) => r.inheritsBusinessHours)).toEqual([false, true, false, true, false, true, false, true]);
  });
});

describe('findSlots', () => {
  it('reads the busy intervals in the scheduling statement: one query, the intervals loadBusy reads, the taken slot gone', async () => {
    const org = await createOrg(h);
    const staff = await send(org, '/resources', { kind: 'staff', name: 'Solo' });
    const service = await send(org, '/services', { name: 'Cut', durationMinutes: 60, bufferAfterMinutes: 15, resourceIds: [staff.id] });
    await send(org, '/business-hours', { weekly: [1, 2, 3, 4, 5].map((d) => day(d, [{ start: '09:00', end: '17:00' }])) }, 'PUT');
    // Tuesday 2031-12-16, 10:00–11:00 in Chicago (16:00–17:00Z), blocked until 11:15 by the buffer.
    const customerId = `cus_${org.id.slice(4, 30).padEnd(26, '0')}`;
    await h.database.db.execute(sql`insert into customers (id, organization_id, email, name) values (${customerId}, ${org.id}, 'busy@example.test', 'Busy')`);
    await h.database.db.execute(sql`
      insert into bookings (id, organization_id, service_id, resource_id, customer_id, status, starts_at, ends_at, blocked_range, exclusive, currency, source)
      select ${`bkg_${org.id.slice(4, 30).padEnd(26, '0')}`}, ${org.id}, ${service.id}, ${staff.id}, ${customerId}, 'confirmed', '2031-12-16T16:00:00Z', '2031-12-16T17:00:00Z',
             tstzrange('2031-12-16T16:00:00Z', '2031-12-16T17:15:00Z', '[)'), true, currency, 'staff'
      from organizations where id = ${org.id}`);
    const search = { organizationId: org.id, orgTimezone: 'America/Chicago', serviceId: service.id, from: '2031-12-16', to: '2031-12-16', timezone: 'America/Chicago', now: new Date('2031-12-01T00:00:00Z') };

    const { result, queries } = await countingQueries(org.id, (tx) => findSlots(tx, search));
    expect(queries).toBe(1);
    const free = await withTenant(h.database.db, { organizationId: org.id }, (tx) => findSlots(tx, { ...search, ignoreBusy: true }));
    const starts = (r: typeof result) => r!.slots.map((s) => new Date(s.start).toISOString());
    expect(starts(free)).toContain('2031-12-16T16:00:00.000Z');
    expect(starts(result)).not.toContain('2031-12-16T16:00:00.000Z');
    expect(starts(result).length).toBeLessThan(starts(free).length);

    const expected = [{ start: Date.parse('2031-12-16T16:00:00Z'), end: Date.parse('2031-12-16T17:15:00Z'), seats: null }];
    await withTenant(h.database.db, { organizationId: org.id }, async (tx) => {
      const range = { from: new Date('2031-12-15T00:00:00Z'), to: new Date('2031-12-18T00:00:00Z') };
      const data = await loadSchedulingData(tx, org.id, { serviceId: service.id, window: range, busy: { ...range, extraMinutes: 0 } });
      expect(unpackBusy([staff.id], data!.busyPacked!).get(staff.id)).toEqual(expected);
      expect((await loadBusy(tx, org.id, [staff.id], { start: range.from.getTime(), end: range.to.getTime() })).get(staff.id)).toEqual(expected);
      // Excluded (a move), it is not busy.
      const moving = await loadSchedulingData(tx, org.id, { serviceId: service.id, window: range, busy: { ...range, extraMinutes: 0, excludeBookingId: `bkg_${org.id.slice(4, 30).padEnd(26, '0')}` } });
      expect(moving!.busyPacked).toEqual([]);
    });
  });
});

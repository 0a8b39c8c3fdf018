/**
 * Catalog through the API: services, resources, weekly hours, date overrides and blackouts;
 * permissions and tenant walls; the public menu without personal data.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, serviceResources } from '@/db/schema';
import { env } from '@/lib/env';
import { addMember, call, createOrg, signUp, uniq, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const api = (org: TestOrg, path: string) => `/api/v1/orgs/${org.slug}${path}`;
const owner = (org: TestOrg) => ({ cookie: org.owner.cookie });
const fieldPaths = (res: { json: any }) => (res.json?.error?.details?.fields ?? []).map((f: { path: string }) => f.path);

async function audits(orgId: string, action?: string) {
  const rows = await h.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, orgId), action ? eq(auditLog.action, action) : undefined))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  return rows;
}

async function createResource(org: TestOrg, body: Record<string, unknown> = {}) {
  const res = await call(h, api(org, '/resources'), { ...owner(org), body: { kind: 'staff', name: `Pro ${uniq()}`, ...body } });
  if (res.status !== 201) throw new Error(`create resource: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; name: string };
}

const vehicleType = { key: 'vehicle_type', label: 'Vehicle type', type: 'select', required: true, options: ['sedan', 'suv', 'truck', 'van', 'coupe', 'sports'] };

describe('services', () => {
  it('creates, reads, updates, archives and restores a service, each change audited', async () => {
    const org = await createOrg(h);
    const detailer = await createResource(org, { name: 'Jordan' });
    const created = await call(h, api(org, '/services'), {
      ...owner(org),
      body: {
        name: 'Full Detail',
        description: 'Inside and out.',
        features: ['Hand wash', 'Clay bar'],
        benefits: ['Showroom shine'],
        processSteps: [{ title: 'Inspect', description: 'Walk-around with you' }],
        durationMinutes: 240,
        bufferAfterMinutes: 30,
        priceMinor: 24900,
        priceFrom: true,
        requiresConfirmation: true,
        customFields: [vehicleType],
        resourceIds: [detailer.id, detailer.id],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      slug: 'full-detail',
      currency: 'USD',
      category: 'primary',
      bookingMode: 'slot',
      slotIntervalMinutes: 30,
      active: true,
      resourceIds: [detailer.id],
      customFields: [{ key: 'vehicle_type', required: true }],
    });
    const id = created.json.id as string;
    expect(id).toMatch(/^svc_/);

    const got = await call(h, api(org, `/services/${id}`), owner(org));
    expect(got.status).toBe(200);
    expect(got.json.resources).toEqual([expect.objectContaining({ id: detailer.id, name: 'Jordan', kind: 'staff', active: true })]);

    const patched = await call(h, api(org, `/services/${id}`), { ...owner(org), method: 'PATCH', body: { priceMinor: 27900, resourceIds: [] } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ priceMinor: 27900, resourceIds: [], name: 'Full Detail', customFields: [{ key: 'vehicle_type' }] });
    const [updated] = await audits(org.id, 'service.updated');
    expect(updated?.changes).toEqual({ before: { priceMinor: 24900, resourceIds: [detailer.id] }, after: { priceMinor: 27900, resourceIds: [] } });
    expect(updated).toMatchObject({ actorType: 'user', actorUserId: org.owner.id, entity: 'service', entityId: id });

    const archived = await call(h, api(org, `/services/${id}/archive`), { ...owner(org), method: 'POST' });
    expect(archived.status).toBe(200);
    expect(archived.json.active).toBe(false);
    const activeOnly = await call(h, api(org, '/services?active=true'), owner(org));
    expect(activeOnly.json.data).toEqual([]);
    const all = await call(h, api(org, '/services'), owner(org));
    expect(all.json.pagination).toMatchObject({ total: 1, page: 1 });

    const restored = await call(h, api(org, `/services/${id}`), { ...owner(org), method: 'PATCH', body: { active: true } });
    expect(restored.json.active).toBe(true);
    expect((await audits(org.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['resource.created', 'service.created', 'service.updated', 'service.archived']),
    );
    const [createdAudit] = await audits(org.id, 'service.created');
    expect(createdAudit?.changes).toMatchObject({ after: { slug: 'full-detail', resourceIds: [detailer.id] } });
  });

  it('lists with filters and pagination, primary services first', async () => {
    const org = await createOrg(h);
    for (const [name, category, sortOrder] of [
      ['Engine Bay Cleaning', 'additional', 1],
      ['Interior Detail', 'primary', 2],
      ['Exterior Detail', 'primary', 1],
    ] as const) {
      const res = await call(h, api(org, '/services'), { ...owner(org), body: { name, category, sortOrder, durationMinutes: 60 } });
      expect(res.status).toBe(201);
    }
    const all = await call(h, api(org, '/services'), owner(org));
    expect(all.json.data.map((s: { name: string }) => s.name)).toEqual(['Exterior Detail', 'Interior Detail', 'Engine Bay Cleaning']);
    const extras = await call(h, api(org, '/services?category=additional'), owner(org));
    expect(extras.json.data.map((s: { name: string }) => s.name)).toEqual(['Engine Bay Cleaning']);
    const search = await call(h, api(org, '/services?q=interior'), owner(org));
    expect(search.json.data.map((s: { name: string }) => s.name)).toEqual(['Interior Detail']);
    const page = await call(h, api(org, '/services?pageSize=2&page=2'), owner(org));
    expect(page.json).toMatchObject({ data: [{ name: 'Engine Bay Cleaning' }], pagination: { total: 3, totalPages: 2, hasMore: false } });
    expect((await call(h, api(org, '/services?category=weird'), owner(org))).status).toBe(400);
    expect((await call(h, api(org, '/services?q=100%25_'), owner(org))).json.data).toEqual([]);
  });

  it('rejects invalid services with field paths', async () => {
    const org = await createOrg(h);
    const bad = await call(h, api(org, '/services'), {
      ...owner(org),
      body: {
        name: '',
        durationMinutes: 0,
        priceMinor: -1,
        currency: 'EUR',
        features: ['x'.repeat(201)],
        customFields: [
          { key: 'Vehicle', label: 'Vehicle', type: 'select', options: [] },
          { key: 'notes', label: 'Notes', type: 'text', options: ['a'] },
          { key: 'notes', label: 'Again', type: 'number', maxLength: 4 },
        ],
        unknownField: true,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION');
    expect(fieldPaths(bad)).toEqual(
      expect.arrayContaining(['name', 'durationMinutes', 'priceMinor', 'features.0', 'customFields.0.key', 'customFields.0.options', 'customFields.1.options', 'customFields.2.maxLength']),
    );

    const dupKeys = await call(h, api(org, '/services'), {
      ...owner(org),
      body: { name: 'Wash', durationMinutes: 30, customFields: [vehicleType, { ...vehicleType, label: 'Again' }] },
    });
    expect(dupKeys.status).toBe(400);
    expect(fieldPaths(dupKeys)).toEqual(['customFields.1.key']);

    const tooManyOptions = await call(h, api(org, '/services'), {
      ...owner(org),
      body: { name: 'Wash', durationMinutes: 30, customFields: [{ ...vehicleType, options: Array.from({ length: 51 }, (_, i) => `o${i}`) }] },
    });
    expect(fieldPaths(tooManyOptions)).toEqual(['customFields.0.options']);

    const currency = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Wash', durationMinutes: 30, currency: 'eur' } });
    expect(currency.status).toBe(400);
    expect(currency.json.error.details.fields).toEqual([{ path: 'currency', message: "must be the organization's currency (USD)" }]);

    const longSlot = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Marathon', durationMinutes: 1441 } });
    expect(fieldPaths(longSlot)).toEqual(['durationMinutes']);

    const notJson = await h.app.request(api(org, '/services'), { method: 'POST', headers: { cookie: org.owner.cookie, 'content-type': 'application/json', origin: env().BASE_URL }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await call(h, api(org, '/services'), { ...owner(org), body: [] })).status).toBe(400);
  });

  it('refuses unknown resource ids and never links another organization’s resource', async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const mine = await createResource(org);
    const theirs = await createResource(other);
    const res = await call(h, api(org, '/services'), {
      ...owner(org),
      body: { name: 'Cut', durationMinutes: 30, resourceIds: [mine.id, theirs.id, 'res_01h2xcejqtf2nbrexx3vqjhp41', 'not-an-id'] },
    });
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['resourceIds.3']);
    const res2 = await call(h, api(org, '/services'), {
      ...owner(org),
      body: { name: 'Cut', durationMinutes: 30, resourceIds: [mine.id, theirs.id, 'res_01h2xcejqtf2nbrexx3vqjhp41'] },
    });
    expect(res2.status).toBe(400);
    expect(fieldPaths(res2)).toEqual(['resourceIds.1', 'resourceIds.2']);

    const svc = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Cut', durationMinutes: 30, resourceIds: [mine.id] } });
    const patch = await call(h, api(org, `/services/${svc.json.id}`), { ...owner(org), method: 'PATCH', body: { resourceIds: [theirs.id] } });
    expect(patch.status).toBe(400);
    const links = await h.database.db.select().from(serviceResources).where(eq(serviceResources.resourceId, theirs.id));
    expect(links).toEqual([]);

    // Another organization's service is simply not there.
    const theirService = await call(h, api(other, '/services'), { ...owner(other), body: { name: 'Theirs', durationMinutes: 30 } });
    for (const [method, path] of [
      ['GET', `/services/${theirService.json.id}`],
      ['PATCH', `/services/${theirService.json.id}`],
      ['POST', `/services/${theirService.json.id}/archive`],
      ['GET', `/resources/${theirs.id}`],
      ['PATCH', `/resources/${theirs.id}`],
      ['PUT', `/resources/${theirs.id}/hours`],
    ] as const) {
      const r = await call(h, api(org, path), { ...owner(org), method, body: method === 'GET' ? undefined : method === 'PUT' ? { weekly: [] } : method === 'PATCH' ? { name: 'Mine now' } : undefined });
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect((await call(h, api(org, '/services/svc_nope'), owner(org))).status).toBe(400);
    expect((await call(h, api(org, '/resources/%00'), owner(org))).status).toBe(400);
  });

  it('answers 409 naming the field for a duplicate slug, on create and on update', async () => {
    const org = await createOrg(h);
    const first = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Color', durationMinutes: 90 } });
    expect(first.json.slug).toBe('color');
    const dup = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Colour', slug: 'Color', durationMinutes: 90 } });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'CONFLICT', details: { field: 'slug' } });
    const second = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Mechas', durationMinutes: 120 } });
    const rename = await call(h, api(org, `/services/${second.json.id}`), { ...owner(org), method: 'PATCH', body: { slug: 'color' } });
    expect(rename.status).toBe(409);
    // The same slug in another organization is fine.
    const other = await createOrg(h);
    expect((await call(h, api(other, '/services'), { ...owner(other), body: { name: 'Color', durationMinutes: 90 } })).status).toBe(201);
  });

  it('multi_day services need capacity 1 and resources with check-in/check-out settings', async () => {
    const org = await createOrg(h);
    const lodge = await createResource(org, { kind: 'asset', name: 'Lodge', section: 'residences', multiDay: { checkInTime: '15:00', checkOutTime: '11:00', minNights: 2, maxNights: 14 } });
    const boat = await createResource(org, { kind: 'asset', name: 'Boat', section: 'watercraft' });
    const bad = await call(h, api(org, '/services'), {
      ...owner(org),
      body: { name: 'Stay', bookingMode: 'multi_day', durationMinutes: 1440, capacity: 2, resourceIds: [lodge.id, boat.id] },
    });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad)).toEqual(['capacity', 'resourceIds.1']);
    const ok = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Stay', bookingMode: 'multi_day', durationMinutes: 1440, resourceIds: [lodge.id] } });
    expect(ok.status).toBe(201);
    // The lodge cannot lose its settings while it hosts stays.
    const clear = await call(h, api(org, `/resources/${lodge.id}`), { ...owner(org), method: 'PATCH', body: { multiDay: null } });
    expect(clear.status).toBe(400);
    expect(fieldPaths(clear)).toEqual(['multiDay']);
    // Switching a slot service with the boat to multi_day is refused too.
    const day = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Day charter', durationMinutes: 480, resourceIds: [boat.id] } });
    const toStay = await call(h, api(org, `/services/${day.json.id}`), { ...owner(org), method: 'PATCH', body: { bookingMode: 'multi_day' } });
    expect(fieldPaths(toStay)).toEqual(['bookingMode']);
    const badNights = await call(h, api(org, `/resources/${boat.id}`), { ...owner(org), method: 'PATCH', body: { multiDay: { checkInTime: '24:00', checkOutTime: '11:00', minNights: 3, maxNights: 2 } } });
    expect(fieldPaths(badNights)).toEqual(['multiDay.checkInTime', 'multiDay.maxNights']);
  });
});

describe('resources', () => {
  it('creates, lists, updates and archives resources, audited', async () => {
    const org = await createOrg(h);
    const staff = await addMember(h, org, 'staff');
    const sofia = await call(h, api(org, '/resources'), {
      ...owner(org),
      body: { kind: 'staff', name: 'Sofía', description: 'Color specialist', userId: staff.id, photos: ['https://images.example/sofia.jpg'] },
    });
    expect(sofia.status).toBe(201);
    expect(sofia.json).toMatchObject({ kind: 'staff', userId: staff.id, timezone: null, active: true, capacity: 1 });
    const jet = await createResource(org, { kind: 'asset', name: 'Cessna Citation CJ3', section: 'planes', details: { seats: 7, rangeNm: 2040, amenities: ['Wi-Fi'] } });
    await createResource(org, { kind: 'asset', name: 'Bell 407', section: 'helicopters' });

    const planes = await call(h, api(org, '/resources?section=planes'), owner(org));
    expect(planes.json.data.map((r: { name: string }) => r.name)).toEqual(['Cessna Citation CJ3']);
    const assets = await call(h, api(org, '/resources?kind=asset&q=bell'), owner(org));
    expect(assets.json.data.map((r: { name: string }) => r.name)).toEqual(['Bell 407']);
    expect((await call(h, api(org, '/resources'), owner(org))).json.pagination.total).toBe(3);

    const moved = await call(h, api(org, `/resources/${jet.id}`), { ...owner(org), method: 'PATCH', body: { timezone: 'America/Panama', capacity: 7 } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ timezone: 'America/Panama', capacity: 7, name: 'Cessna Citation CJ3', details: { seats: 7 } });
    const [updated] = await audits(org.id, 'resource.updated');
    expect(updated?.changes).toEqual({ before: { timezone: null, capacity: 1 }, after: { timezone: 'America/Panama', capacity: 7 } });

    const archived = await call(h, api(org, `/resources/${jet.id}/archive`), { ...owner(org), method: 'POST' });
    expect(archived.json.active).toBe(false);
    expect((await call(h, api(org, '/resources?active=false'), owner(org))).json.data.map((r: { id: string }) => r.id)).toEqual([jet.id]);
    expect((await audits(org.id, 'resource.archived')).length).toBe(1);
    expect((await audits(org.id, 'resource.created')).length).toBe(3);
  });

  it('validates resources: kind, photos, timezone, details, and links only to members', async () => {
    const org = await createOrg(h);
    const stranger = await signUp(h);
    const bad = await call(h, api(org, '/resources'), {
      ...owner(org),
      body: { kind: 'robot', name: 'x'.repeat(121), photos: ['http://insecure.example/a.jpg'], timezone: 'Mars/Olympus', details: { 'bad key': 1, nested: { a: 1 } }, capacity: 0 },
    });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad)).toEqual(expect.arrayContaining(['kind', 'name', 'photos.0', 'timezone', 'capacity']));
    expect(fieldPaths(bad).some((p: string) => p.startsWith('details'))).toBe(true);
    const notMember = await call(h, api(org, '/resources'), { ...owner(org), body: { kind: 'staff', name: 'Ghost', userId: stranger.id } });
    expect(notMember.status).toBe(400);
    expect(fieldPaths(notMember)).toEqual(['userId']);
    const empty = await call(h, api(org, `/resources/${(await createResource(org)).id}`), { ...owner(org), method: 'PATCH', body: {} });
    expect(empty.status).toBe(400);
  });
});

describe('weekly hours, overrides and blackouts', () => {
  it('replaces business hours atomically and validates ranges', async () => {
    const org = await createOrg(h);
    const empty = await call(h, api(org, '/business-hours'), owner(org));
    expect(empty.json).toEqual({ timezone: 'America/Chicago', weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [] })) });

    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '18:00' }] }));
    const set = await call(h, api(org, '/business-hours'), { ...owner(org), method: 'PUT', body: { weekly: [...weekdays, { weekday: 6, ranges: [{ start: '09:00', end: '15:00' }] }] } });
    expect(set.status).toBe(200);
    expect(set.json.weekly[5]).toEqual({ weekday: 6, ranges: [{ start: '09:00', end: '15:00' }] });
    expect(set.json.weekly[6]).toEqual({ weekday: 7, ranges: [] });

    const replaced = await call(h, api(org, '/business-hours'), {
      ...owner(org),
      method: 'PUT',
      body: { weekly: [{ weekday: 7, ranges: [{ start: '15:00', end: '24:00' }, { start: '00:00', end: '02:00' }] }] },
    });
    expect(replaced.json.weekly.filter((d: { ranges: unknown[] }) => d.ranges.length > 0)).toEqual([
      { weekday: 7, ranges: [{ start: '00:00', end: '02:00' }, { start: '15:00', end: '24:00' }] },
    ]);
    const [audit] = (await audits(org.id, 'business_hours.updated')).slice(-1);
    expect(audit?.changes).toMatchObject({ after: { weekly: [{ weekday: 7 }] } });

    for (const [weekly, paths] of [
      [[{ weekday: 1, ranges: [{ start: '18:00', end: '08:00' }] }], ['weekly.0.ranges.0.end']],
      [[{ weekday: 1, ranges: [{ start: '8:00', end: '25:00' }] }], ['weekly.0.ranges.0.start', 'weekly.0.ranges.0.end']],
      [[{ weekday: 1, ranges: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] }], ['weekly.0.ranges.1']],
      [[{ weekday: 2, ranges: [] }, { weekday: 2, ranges: [] }], ['weekly.1.weekday']],
      [[{ weekday: 0, ranges: [] }], ['weekly.0.weekday']],
      [[{ weekday: 1, ranges: [{ start: '24:00', end: '24:00' }] }], ['weekly.0.ranges.0.end']],
    ] as const) {
      const res = await call(h, api(org, '/business-hours'), { ...owner(org), method: 'PUT', body: { weekly } });
      expect(res.status, JSON.stringify(weekly)).toBe(400);
      expect(fieldPaths(res)).toEqual(paths);
    }
    // The failed attempts changed nothing.
    expect((await call(h, api(org, '/business-hours'), owner(org))).json).toEqual(replaced.json);
  });

  it('concurrent replacements of the business hours never mix', async () => {
    const org = await createOrg(h);
    const week = (start: string, end: string) => ({ weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start, end }] })) });
    const bodies = [week('08:00', '12:00'), week('13:00', '18:00'), week('07:00', '19:00'), week('10:00', '11:00')];
    const results = await Promise.all(bodies.map((body) => call(h, api(org, '/business-hours'), { ...owner(org), method: 'PUT', body })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const final = await call(h, api(org, '/business-hours'), owner(org));
    const monday = final.json.weekly[0].ranges;
    expect(monday).toHaveLength(1);
    expect(bodies.map((b) => b.weekly[0]!.ranges)).toContainEqual(monday);
    expect(final.json.weekly.slice(0, 5).every((d: { ranges: unknown }) => JSON.stringify(d.ranges) === JSON.stringify(monday))).toBe(true);
  });

  it('a resource inherits business hours until it has its own; lunch breaks are gaps', async () => {
    const org = await createOrg(h);
    const pro = await createResource(org);
    await call(h, api(org, '/business-hours'), { ...owner(org), method: 'PUT', body: { weekly: [{ weekday: 1, ranges: [{ start: '09:00', end: '20:00' }] }] } });
    const inherited = await call(h, api(org, `/resources/${pro.id}/hours`), owner(org));
    expect(inherited.json).toMatchObject({ resourceId: pro.id, timezone: 'America/Chicago', inheritsBusinessHours: true });
    expect(inherited.json.weekly[0].ranges).toEqual([{ start: '09:00', end: '20:00' }]);

    const lunch = [
      { start: '15:00', end: '19:30' },
      { start: '09:30', end: '14:00' },
    ];
    const own = await call(h, api(org, `/resources/${pro.id}/hours`), { ...owner(org), method: 'PUT', body: { weekly: [{ weekday: 2, ranges: lunch }] } });
    expect(own.status).toBe(200);
    expect(own.json.inheritsBusinessHours).toBe(false);
    expect(own.json.weekly[0].ranges).toEqual([]);
    expect(own.json.weekly[1].ranges).toEqual([lunch[1], lunch[0]]);
    const detail = await call(h, api(org, `/resources/${pro.id}`), owner(org));
    expect(detail.json.hours).toMatchObject({ inheritsBusinessHours: false, timezone: 'America/Chicago' });
    expect((await audits(org.id, 'resource.hours_updated')).length).toBe(1);

    const reset = await call(h, api(org, `/resources/${pro.id}/hours`), { ...owner(org), method: 'PUT', body: { weekly: [] } });
    expect(reset.json.inheritsBusinessHours).toBe(true);
    expect(reset.json.weekly[0].ranges).toEqual([{ start: '09:00', end: '20:00' }]);
  });

  it('upserts and deletes date overrides, org-wide and per resource', async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const pro = await createResource(org);
    const theirs = await createResource(other);

    const closed = await call(h, api(org, '/date-overrides'), { ...owner(org), body: { date: '2031-12-25', ranges: [], reason: 'Christmas' } });
    expect(closed.status).toBe(201);
    expect(closed.json).toMatchObject({ resourceId: null, date: '2031-12-25', ranges: [], reason: 'Christmas' });
    const shortDay = await call(h, api(org, '/date-overrides'), { ...owner(org), body: { date: '2031-12-25', ranges: [{ start: '10:00', end: '14:00' }] } });
    expect(shortDay.status).toBe(200);
    expect(shortDay.json).toMatchObject({ id: closed.json.id, ranges: [{ start: '10:00', end: '14:00' }], reason: null });
    const mine = await call(h, api(org, '/date-overrides'), { ...owner(org), body: { resourceId: pro.id, date: '2031-12-25', ranges: [] } });
    expect(mine.status).toBe(201);

    const list = await call(h, api(org, '/date-overrides?from=2031-12-01&to=2031-12-31'), owner(org));
    expect(list.json.data.map((o: { resourceId: string | null }) => o.resourceId)).toEqual([null, pro.id]);
    expect((await call(h, api(org, '/date-overrides?resourceId=organization'), owner(org))).json.data).toHaveLength(1);
    expect((await call(h, api(org, `/date-overrides?resourceId=${pro.id}`), owner(org))).json.data).toHaveLength(1);
    expect((await call(h, api(org, '/date-overrides?from=2032-01-01'), owner(org))).json.data).toEqual([]);
    expect((await call(h, api(org, '/date-overrides?to=2031-02-30'), owner(org))).status).toBe(400);

    for (const [body, paths] of [
      [{ date: '2031-02-30', ranges: [] }, ['date']],
      [{ date: '2031-03-01', ranges: [{ start: '10:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }, ['ranges.1']],
      [{ date: '2031-03-01', ranges: [], resourceId: theirs.id }, ['resourceId']],
    ] as const) {
      const res = await call(h, api(org, '/date-overrides'), { ...owner(org), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(res)).toEqual(paths);
    }

    expect((await call(h, api(other, `/date-overrides/${mine.json.id}`), { ...owner(other), method: 'DELETE' })).status).toBe(404);
    const del = await call(h, api(org, `/date-overrides/${mine.json.id}`), { ...owner(org), method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await call(h, api(org, `/date-overrides/${mine.json.id}`), { ...owner(org), method: 'DELETE' })).status).toBe(404);
    expect((await audits(org.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['date_override.created', 'date_override.updated', 'date_override.deleted']),
    );
  });

  it('creates, lists and deletes blackouts', async () => {
    const org = await createOrg(h);
    const jet = await createResource(org, { kind: 'asset', name: 'Jet' });
    const maintenance = await call(h, api(org, '/blackouts'), {
      ...owner(org),
      body: { resourceId: jet.id, startsAt: '2031-05-01T00:00:00-05:00', endsAt: '2031-05-03T00:00:00-05:00', reason: 'Annual inspection' },
    });
    expect(maintenance.status).toBe(201);
    expect(maintenance.json).toMatchObject({ resourceId: jet.id, startsAt: '2031-05-01T05:00:00.000Z', reason: 'Annual inspection' });
    const closure = await call(h, api(org, '/blackouts'), { ...owner(org), body: { startsAt: '2031-06-01T00:00:00Z', endsAt: '2031-06-02T00:00:00Z' } });
    expect(closure.json.resourceId).toBeNull();

    const may = await call(h, api(org, '/blackouts?from=2031-05-02T00:00:00Z&to=2031-05-10T00:00:00Z'), owner(org));
    expect(may.json.data.map((b: { id: string }) => b.id)).toEqual([maintenance.json.id]);
    expect((await call(h, api(org, '/blackouts?resourceId=organization'), owner(org))).json.data.map((b: { id: string }) => b.id)).toEqual([closure.json.id]);

    const backwards = await call(h, api(org, '/blackouts'), { ...owner(org), body: { startsAt: '2031-06-02T00:00:00Z', endsAt: '2031-06-01T00:00:00Z' } });
    expect(fieldPaths(backwards)).toEqual(['endsAt']);
    const noZone = await call(h, api(org, '/blackouts'), { ...owner(org), body: { startsAt: '2031-06-01T00:00:00', endsAt: 'tomorrow' } });
    expect(fieldPaths(noZone)).toEqual(['startsAt', 'endsAt']);

    expect((await call(h, api(org, `/blackouts/${maintenance.json.id}`), { ...owner(org), method: 'DELETE' })).status).toBe(204);
    expect((await call(h, api(org, '/blackouts'), owner(org))).json.pagination.total).toBe(1);
    expect((await audits(org.id, 'blackout.deleted')).length).toBe(1);
    expect((await call(h, api(org, '/blackouts/blk_x'), { ...owner(org), method: 'DELETE' })).status).toBe(400);
  });
});

describe('bad input', () => {
  it('never answers 500, whatever the body or path', async () => {
    const org = await createOrg(h);
    const pro = await createResource(org);
    const svc = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Wash', durationMinutes: 30 } });
    const junk: unknown[] = [
      null,
      [],
      'text',
      42,
      true,
      {},
      { name: { $ne: 1 } },
      { name: 'x', durationMinutes: '30', resourceIds: 'res_x', customFields: 'vehicle' },
      { name: 'x', durationMinutes: 1e308, priceMinor: 1.5, capacity: -0, sortOrder: Number.MAX_SAFE_INTEGER },
      { name: 'x', durationMinutes: 30, customFields: [{ key: 'a', label: 'A', type: 'select', options: 'abc' }, null, 7] },
      { name: 'x', durationMinutes: 30, processSteps: [{ title: null }], features: [1, 2], currency: 12 },
      { kind: 'asset', name: 'x', multiDay: { checkInTime: 9, checkOutTime: '11:00', minNights: 'x', maxNights: null }, details: [], photos: 'https://a' },
      { kind: 'asset', name: 'x', details: { a: { deep: true } }, userId: 'usr_' + 'z'.repeat(26), timezone: 5 },
      { weekly: 'mon' },
      { weekly: [{ weekday: '1', ranges: [{ start: 5, end: null }] }, null] },
      { weekly: [{ weekday: 1, ranges: 'all day' }] },
      { date: 20310101, ranges: [{ start: '10:00' }] },
      { date: '2031-01-01', ranges: [], resourceId: 'res_' + '0'.repeat(26) },
      { date: '99999-01-01', ranges: [] },
      { startsAt: 0, endsAt: {} },
      { startsAt: '1800-01-01T00:00:00Z', endsAt: '9999-12-31T23:59:59Z' },
      { startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-02T00:00:00Z', resourceId: 'res_' + '7'.repeat(26) },
    ];
    const targets: [string, string][] = [
      ['POST', '/services'],
      ['PATCH', `/services/${svc.json.id}`],
      ['POST', '/resources'],
      ['PATCH', `/resources/${pro.id}`],
      ['PUT', '/business-hours'],
      ['PUT', `/resources/${pro.id}/hours`],
      ['POST', '/date-overrides'],
      ['POST', '/blackouts'],
    ];
    for (const [method, path] of targets) {
      for (const body of junk) {
        const res = await call(h, api(org, path), { ...owner(org), method, body });
        expect([400, 404, 409], `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(res.json)}`).toContain(res.status);
      }
    }
    for (const path of ['/services/%27%3B--', `/services/${'svc_'.padEnd(400, 'a')}`, '/resources/res_%00', '/date-overrides?from=yesterday', '/blackouts?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z', '/services?page=0', '/resources?pageSize=1000', '/services?active=maybe']) {
      const res = await call(h, api(org, path), owner(org));
      expect([400, 404], path).toContain(res.status);
    }
    for (const path of ['/services/%27%3B--', '/services/svc_' + 'a'.repeat(26), '/services/' + 'a'.repeat(300)]) {
      expect((await call(h, `/api/v1/public/orgs/${org.slug}${path}`)).status, path).toBe(404);
    }
  });
});

describe('permissions', () => {
  it('viewers and staff read but cannot write; non-members get 404; anonymous gets 401', async () => {
    const org = await createOrg(h);
    const viewer = await addMember(h, org, 'viewer');
    const staff = await addMember(h, org, 'staff');
    const manager = await addMember(h, org, 'manager');
    const outsider = await signUp(h);
    const pro = await createResource(org);

    const writes = [
      ['POST', '/services', { name: 'X', durationMinutes: 30 }],
      ['POST', '/resources', { kind: 'staff', name: 'X' }],
      ['PATCH', `/resources/${pro.id}`, { name: 'Y' }],
      ['POST', `/resources/${pro.id}/archive`, undefined],
      ['PUT', '/business-hours', { weekly: [] }],
      ['PUT', `/resources/${pro.id}/hours`, { weekly: [] }],
      ['POST', '/date-overrides', { date: '2031-01-01', ranges: [] }],
      ['POST', '/blackouts', { startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-02T00:00:00Z' }],
    ] as const;
    for (const user of [viewer, staff]) {
      for (const [method, path, body] of writes) {
        const res = await call(h, api(org, path), { cookie: user.cookie, method, body });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.json.error.details.permission).toBe('catalog:write');
      }
    }
    expect((await call(h, api(org, '/services'), { cookie: manager.cookie, body: { name: 'By manager', durationMinutes: 30 } })).status).toBe(201);

    const reads = ['/services', '/resources', `/resources/${pro.id}`, `/resources/${pro.id}/hours`, '/business-hours', '/date-overrides', '/blackouts'];
    for (const path of reads) {
      expect((await call(h, api(org, path), { cookie: viewer.cookie })).status, path).toBe(200);
      const res = await call(h, api(org, path), { cookie: outsider.cookie });
      expect(res.status, path).toBe(404);
      expect((await call(h, api(org, path))).status, path).toBe(401);
    }
  });
});

describe('public catalog', () => {
  it('shows only active services with their active resources, and nobody’s contact data', async () => {
    const org = await createOrg(h, undefined, { contact: { email: 'shop@example.test' } });
    const staff = await addMember(h, org, 'staff');
    const linked = await createResource(org, { name: 'Sofía', userId: staff.id, description: 'Senior stylist', photos: ['https://images.example/s.jpg'], details: { phone: '+1 555 0100' } });
    const retired = await createResource(org, { name: 'Retired' });
    await call(h, api(org, `/resources/${retired.id}/archive`), { ...owner(org), method: 'POST' });
    const cut = await call(h, api(org, '/services'), {
      ...owner(org),
      body: { name: 'Corte de pelo', durationMinutes: 45, priceMinor: 2800, sortOrder: 2, resourceIds: [linked.id, retired.id], customFields: [vehicleType] },
    });
    await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Manicura', category: 'additional', durationMinutes: 45, resourceIds: [linked.id] } });
    await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Color', durationMinutes: 90, sortOrder: 1 } });
    const old = await call(h, api(org, '/services'), { ...owner(org), body: { name: 'Old service', durationMinutes: 30 } });
    await call(h, api(org, `/services/${old.json.id}/archive`), { ...owner(org), method: 'POST' });

    const res = await call(h, `/api/v1/public/orgs/${org.slug}/services`);
    expect(res.status).toBe(200);
    expect(res.json.data.map((s: { name: string }) => s.name)).toEqual(['Color', 'Corte de pelo', 'Manicura']);
    const publicCut = res.json.data[1];
    expect(publicCut.resources).toEqual([
      {
        id: linked.id,
        name: 'Sofía',
        kind: 'staff',
        section: null,
        description: 'Senior stylist',
        photos: ['https://images.example/s.jpg'],
        // Facts for guests only: no people count stated, no stay, no maintenance; details (the phone) stay private.
        capacity: null,
        checkInTime: null,
        checkOutTime: null,
        maintenance: null,
      },
    ]);
    expect(publicCut).toMatchObject({ slug: 'corte-de-pelo', priceMinor: 2800, currency: 'USD', customFields: [{ key: 'vehicle_type' }] });
    const text = JSON.stringify(res.json);
    for (const secret of [org.owner.email, staff.email, staff.id, org.owner.id, '+1 555 0100', 'userId', 'organizationId']) {
      expect(text).not.toContain(secret);
    }

    const bySlug = await call(h, `/api/v1/public/orgs/${org.slug}/services/corte-de-pelo`);
    expect(bySlug.status).toBe(200);
    const byId = await call(h, `/api/v1/public/orgs/${org.slug}/services/${cut.json.id}`);
    expect(byId.json).toEqual(bySlug.json);
    expect(JSON.stringify(byId.json)).not.toContain(staff.email);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/services/${old.json.id}`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/services/old-service`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/services/NOT%20A%20SLUG`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/${uniq('nope-')}/services`)).status).toBe(404);

    // Another organization's service id does not resolve under this slug.
    const other = await createOrg(h);
    const theirs = await call(h, api(other, '/services'), { ...owner(other), body: { name: 'Theirs', durationMinutes: 30 } });
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/services/${theirs.json.id}`)).status).toBe(404);
  });

  it('shows business hours and org-wide overrides of the next 60 days in the org’s zone', async () => {
    const org = await createOrg(h, undefined, { timezone: 'Europe/Madrid', currency: 'EUR' });
    const pro = await createResource(org);
    await call(h, api(org, '/business-hours'), { ...owner(org), method: 'PUT', body: { weekly: [{ weekday: 1, ranges: [{ start: '09:30', end: '20:00' }] }] } });
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const far = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await call(h, api(org, '/date-overrides'), { ...owner(org), body: { date: soon, ranges: [], reason: 'Fiesta local' } });
    await call(h, api(org, '/date-overrides'), { ...owner(org), body: { date: far, ranges: [] } });
    await call(h, api(org, '/date-overrides'), { ...owner(org), body: { date: soon, ranges: [], resourceId: pro.id } });
    const res = await call(h, `/api/v1/public/orgs/${org.slug}/hours`);
    expect(res.status).toBe(200);
    expect(res.json.timezone).toBe('Europe/Madrid');
    expect(res.json.weekly[0]).toEqual({ weekday: 1, ranges: [{ start: '09:30', end: '20:00' }] });
    expect(res.json.overrides).toEqual([{ date: soon, ranges: [], reason: 'Fiesta local' }]);
  });
});

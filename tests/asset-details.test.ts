/**
 * Asset details (issue #14 item 7): blackouts carry a kind; a maintenance window shows on the
 * public resource (with its reason, in the visitor's language) and is named when a booking
 * overlapping it is refused; the public quote prices a booking with the booking's own
 * computation; the public resource shows how many people it takes and its check-in/out.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, createResource, createService, guest, setBusinessHours } from './support/scheduling';

// Monday 2026-06-01 07:00 in Chicago.
const NOW = '2026-06-01T12:00:00Z';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
const stayAt = { checkInTime: '15:00', checkOutTime: '11:00', minNights: 2, maxNights: 14 };

/** An organization renting two houses by the night at 650.00, with a Spanish translation. */
async function residences(org: TestOrg) {
  await setBusinessHours(h, org, allWeek);
  const pedasi = await createResource(h, org, {
    kind: 'asset',
    name: 'Beach house',
    section: 'residences',
    multiDay: stayAt,
    photos: ['/demo/reservepty/casa-pedasi.svg', 'https://images.example/pool.jpg'],
    details: { maxPeople: 10, bedrooms: 5, tailNumber: 'internal-only' },
    translations: { es: { name: 'Casa de playa' } },
  });
  const lodge = await createResource(h, org, { kind: 'asset', name: 'Mountain lodge', section: 'residences', multiDay: stayAt, details: { maxPeople: 8, capacityLabel: 'guests' } });
  const stay = await createService(h, org, { name: 'Residence stay', bookingMode: 'multi_day', durationMinutes: 1440, priceMinor: 65000, resourceIds: [pedasi.id, lodge.id] });
  return { pedasi, lodge, stay };
}

async function blackout(org: TestOrg, body: Record<string, unknown>) {
  return call(h, `/api/v1/orgs/${org.slug}/blackouts`, { cookie: org.owner.cookie, body });
}

const publicService = async (org: TestOrg, id: string, lang?: string) => call(h, `/api/v1/public/orgs/${org.slug}/services/${id}${lang ? `?lang=${lang}` : ''}`);
const quote = async (org: TestOrg, serviceId: string, query: string) => call(h, `/api/v1/public/orgs/${org.slug}/services/${serviceId}/quote?${query}`);
const book = async (org: TestOrg, body: Record<string, unknown>) => call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body });

describe('blackout kinds', () => {
  it('creates a blackout of a kind (closure by default), lists by kind, audits it, and refuses an unknown kind', async () => {
    const org = await createOrg(h);
    const { resources } = await bookableSetup(h, org);
    const closure = await blackout(org, { startsAt: '2026-06-10T10:00:00Z', endsAt: '2026-06-10T12:00:00Z' });
    expect(closure.status).toBe(201);
    expect(closure.json).toMatchObject({ kind: 'closure', reason: null, translations: {} });
    const maintenance = await blackout(org, {
      resourceId: resources[0]!.id,
      startsAt: '2026-06-11T10:00:00Z',
      endsAt: '2026-06-12T12:00:00Z',
      kind: 'maintenance',
      reason: 'Annual engine inspection',
      translations: { es: { reason: 'Inspección anual de motores' } },
    });
    expect(maintenance.status).toBe(201);
    expect(maintenance.json).toMatchObject({ kind: 'maintenance', reason: 'Annual engine inspection', translations: { es: { reason: 'Inspección anual de motores' } } });

    const onlyMaintenance = await call(h, `/api/v1/orgs/${org.slug}/blackouts?kind=maintenance`, { cookie: org.owner.cookie });
    expect(onlyMaintenance.status).toBe(200);
    expect(onlyMaintenance.json.data.map((b: { id: string }) => b.id)).toEqual([maintenance.json.id]);
    const all = await call(h, `/api/v1/orgs/${org.slug}/blackouts`, { cookie: org.owner.cookie });
    expect(all.json.data.map((b: { kind: string }) => b.kind)).toEqual(['closure', 'maintenance']);
    // The resource's own page lists it with its kind.
    const detail = await call(h, `/api/v1/orgs/${org.slug}/resources/${resources[0]!.id}`, { cookie: org.owner.cookie });
    expect(detail.json.blackouts).toEqual([expect.objectContaining({ id: maintenance.json.id, kind: 'maintenance' })]);

    const [audit] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'blackout.created'), eq(auditLog.entityId, maintenance.json.id)));
    expect((audit!.changes as { after: { kind: string } }).after.kind).toBe('maintenance');

    const bad = await blackout(org, { startsAt: '2026-06-10T10:00:00Z', endsAt: '2026-06-10T12:00:00Z', kind: 'holiday', translations: { fr: { reason: 'x' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['kind', 'translations']));
    expect((await call(h, `/api/v1/orgs/${org.slug}/blackouts?kind=holiday`, { cookie: org.owner.cookie })).status).toBe(400);
  });
});

describe('public resource facts', () => {
  it('shows photos, how many people each takes, check-in/out and the maintenance window, never internal details', async () => {
    const org = await createOrg(h);
    const { pedasi, lodge, stay } = await residences(org);
    // Under way now, with its reason in Spanish too; a closure and a window beyond 60 days stay private.
    await blackout(org, { resourceId: pedasi.id, kind: 'maintenance', startsAt: '2026-05-31T13:00:00Z', endsAt: '2026-06-04T23:00:00Z', reason: 'Roof repairs', translations: { es: { reason: 'Reparación del techo' } } });
    await blackout(org, { resourceId: lodge.id, kind: 'closure', startsAt: '2026-06-02T13:00:00Z', endsAt: '2026-06-03T13:00:00Z', reason: 'Owner visit' });
    await blackout(org, { resourceId: lodge.id, kind: 'maintenance', startsAt: '2026-09-01T13:00:00Z', endsAt: '2026-09-03T13:00:00Z', reason: 'Far ahead' });

    const res = await publicService(org, stay.id);
    expect(res.status).toBe(200);
    const [house, mountain] = res.json.resources;
    expect(house).toEqual({
      id: pedasi.id,
      name: 'Beach house',
      kind: 'asset',
      section: 'residences',
      description: '',
      photos: ['/demo/reservepty/casa-pedasi.svg', 'https://images.example/pool.jpg'],
      capacity: { count: 10, label: 'sleeps' },
      checkInTime: '15:00',
      checkOutTime: '11:00',
      maintenance: { startsAt: '2026-05-31T13:00:00.000Z', until: '2026-06-04T23:00:00.000Z', current: true, reason: 'Roof repairs' },
    });
    expect(mountain).toMatchObject({ capacity: { count: 8, label: 'guests' }, maintenance: null });
    expect(JSON.stringify(res.json)).not.toMatch(/internal-only|Owner visit|Far ahead/);

    const es = await publicService(org, stay.id, 'es');
    expect(es.json.resources[0]).toMatchObject({ name: 'Casa de playa', maintenance: { reason: 'Reparación del techo' } });
    // The menu carries the same facts.
    const menu = await call(h, `/api/v1/public/orgs/${org.slug}/services`);
    expect(menu.json.data[0].resources[0].maintenance).toMatchObject({ current: true, reason: 'Roof repairs' });
  });

  it('announces an upcoming window, and an organization-wide one on every resource', async () => {
    const org = await createOrg(h);
    const { stay, pedasi, lodge } = await residences(org);
    await blackout(org, { kind: 'maintenance', startsAt: '2026-06-20T13:00:00Z', endsAt: '2026-06-21T13:00:00Z', reason: 'Generator service' });
    await blackout(org, { resourceId: lodge.id, kind: 'maintenance', startsAt: '2026-06-10T13:00:00Z', endsAt: '2026-06-11T13:00:00Z' });
    const res = await publicService(org, stay.id);
    const byId = Object.fromEntries(res.json.resources.map((r: { id: string; maintenance: unknown }) => [r.id, r.maintenance]));
    expect(byId[pedasi.id]).toEqual({ startsAt: '2026-06-20T13:00:00.000Z', until: '2026-06-21T13:00:00.000Z', current: false, reason: 'Generator service' });
    // The first window wins: the lodge's own, sooner than the organization's.
    expect(byId[lodge.id]).toEqual({ startsAt: '2026-06-10T13:00:00.000Z', until: '2026-06-11T13:00:00.000Z', current: false, reason: null });
  });

  it('takes photos from this site or https, never other addresses, and checks the capacity facts', async () => {
    const org = await createOrg(h);
    const path = `/api/v1/orgs/${org.slug}/resources`;
    const ok = await call(h, path, { cookie: org.owner.cookie, body: { kind: 'asset', name: 'Jet', photos: ['/demo/jet.svg', 'https://cdn.example/jet.jpg'], details: { maxPeople: 7, capacityLabel: 'passengers' } } });
    expect(ok.status).toBe(201);
    const bad = await call(h, path, {
      cookie: org.owner.cookie,
      body: { kind: 'asset', name: 'Jet', photos: ['//evil.example/x.svg', '/../etc/passwd', 'javascript:alert(1)', 'http://plain.example/a.jpg', '/a b.svg'], details: { maxPeople: 0, capacityLabel: 'crew' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['details.capacityLabel', 'details.maxPeople', 'photos.0', 'photos.1', 'photos.2', 'photos.3', 'photos.4']);
  });
});

describe('maintenance refuses bookings with its reason', () => {
  it('names the window on a stay that overlaps it; a closure stays "not offered"; another resource still books', async () => {
    const org = await createOrg(h);
    const { pedasi, lodge, stay } = await residences(org);
    await blackout(org, { resourceId: pedasi.id, kind: 'maintenance', startsAt: '2026-06-12T13:00:00Z', endsAt: '2026-06-15T23:00:00Z', reason: 'Roof repairs', translations: { es: { reason: 'Reparación del techo' } } });
    await blackout(org, { resourceId: lodge.id, kind: 'closure', startsAt: '2026-06-12T13:00:00Z', endsAt: '2026-06-15T23:00:00Z', reason: 'Owner visit' });
    const body = { serviceId: stay.id, start: '2026-06-10T15:00:00-05:00', end: '2026-06-13T11:00:00-05:00', customer: guest(1) };

    const refused = await book(org, { ...body, resourceId: pedasi.id });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('RULE_VIOLATION');
    expect(refused.json.error.message).toBe('Beach house is in maintenance until 15 Jun 2026, 18:00 (America/Chicago): Roof repairs.');
    expect(refused.json.error.details).toEqual({
      rule: 'maintenance',
      resourceId: pedasi.id,
      resourceName: 'Beach house',
      blackout: { kind: 'maintenance', reason: 'Roof repairs', translations: { es: { reason: 'Reparación del techo' } }, startsAt: '2026-06-12T08:00:00-05:00', until: '2026-06-15T18:00:00-05:00' },
    });
    expect(refused.json.error.requestId).toEqual(expect.any(String));

    const closed = await book(org, { ...body, resourceId: lodge.id });
    expect(closed.status).toBe(422);
    expect(closed.json.error.details).toEqual({ rule: 'not_offered' });

    // "Any resource": both are blocked, but not both by maintenance, so no window is named.
    const any = await book(org, body);
    expect(any.status).toBe(422);
    expect(any.json.error.details.rule).toBe('not_offered');

    // Outside the window the house books as usual.
    const later = await book(org, { ...body, resourceId: pedasi.id, start: '2026-06-16T15:00:00-05:00', end: '2026-06-18T11:00:00-05:00' });
    expect(later.status).toBe(201);
  });

  it('counts the service buffers, and names an organization-wide window for "any resource"', async () => {
    const org = await createOrg(h);
    const { service, resources } = await bookableSetup(h, org, { staff: 2, service: { bufferAfterMinutes: 30 } });
    // 10:00–11:00 Chicago: a 09:00 booking's buffer (until 10:30) runs into it.
    await blackout(org, { resourceId: resources[0]!.id, kind: 'maintenance', startsAt: '2026-06-03T15:00:00Z', endsAt: '2026-06-03T16:00:00Z', reason: 'Chair repair' });
    const buffered = await book(org, { serviceId: service.id, resourceId: resources[0]!.id, start: '2026-06-03T09:00:00-05:00', customer: guest(2) });
    expect(buffered.status).toBe(422);
    expect(buffered.json.error.details).toMatchObject({ rule: 'maintenance', blackout: { reason: 'Chair repair', until: '2026-06-03T11:00:00-05:00' } });

    await blackout(org, { kind: 'maintenance', startsAt: '2026-06-04T14:00:00Z', endsAt: '2026-06-04T18:00:00Z', reason: 'Power work' });
    const any = await book(org, { serviceId: service.id, start: '2026-06-04T10:00:00-05:00', customer: guest(3) });
    expect(any.status).toBe(422);
    expect(any.json.error.details).toMatchObject({ rule: 'maintenance', resourceId: resources[0]!.id, blackout: { kind: 'maintenance', reason: 'Power work' } });
    // Rescheduling into a window is refused the same way.
    const placed = await book(org, { serviceId: service.id, resourceId: resources[1]!.id, start: '2026-06-05T10:00:00-05:00', customer: guest(4) });
    expect(placed.status).toBe(201);
    const moved = await call(h, `/api/v1/orgs/${org.slug}/bookings/${placed.json.booking.id}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-06-04T10:00:00-05:00' } });
    expect(moved.status).toBe(422);
    expect(moved.json.error.details).toMatchObject({ rule: 'maintenance', blackout: { reason: 'Power work' } });
  });
});

describe('price quote', () => {
  it('prices a stay by the night, and the booking stores exactly that total', async () => {
    const org = await createOrg(h);
    const { pedasi, stay } = await residences(org);
    const start = '2026-06-10T15:00:00-05:00';
    const end = '2026-06-13T11:00:00-05:00';
    const q = await quote(org, stay.id, `start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}&resourceId=${pedasi.id}`);
    expect(q.status).toBe(200);
    expect(q.json).toEqual({
      serviceId: stay.id,
      resourceId: pedasi.id,
      start,
      end,
      seats: 1,
      unit: 'night',
      quantity: 3,
      unitPriceMinor: 65000,
      priceMinor: 195000,
      currency: 'USD',
      priceFrom: false,
      // The breakdown (add-ons and party packages, decision 0018): a stay without extras is its base line.
      lines: [{ kind: 'base', label: 'Residence stay', addonId: null, quantity: 1, unitPriceMinor: 195000, amountMinor: 195000 }],
      extraMinutes: 0,
      totalMinor: 195000,
      depositMinor: null,
      balanceMinor: null,
    });
    const booked = await book(org, { serviceId: stay.id, resourceId: pedasi.id, start, end, customer: guest(5) });
    expect(booked.status).toBe(201);
    expect(booked.json.booking.priceMinor).toBe(q.json.priceMinor);
    // The manage link shows the booking's own total.
    const managed = await call(h, `/api/v1/public/bookings/${booked.json.manageToken}`);
    expect(managed.json.booking).toMatchObject({ priceMinor: 195000, currency: 'USD' });
    // A quote says nothing about availability: the booked dates still have a price.
    expect((await quote(org, stay.id, `start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`)).json.priceMinor).toBe(195000);
  });

  it('counts nights as local dates across a DST change', async () => {
    const org = await createOrg(h);
    const { stay } = await residences(org);
    // Chicago falls back on 2026-11-01: four local nights, not 4 × 24 hours.
    const q = await quote(org, stay.id, `start=${encodeURIComponent('2026-10-30T15:00:00-05:00')}&end=${encodeURIComponent('2026-11-03T11:00:00-06:00')}`);
    expect(q.json).toMatchObject({ unit: 'night', quantity: 4, priceMinor: 260000 });
  });

  it('prices a group service per seat and any other per booking', async () => {
    const org = await createOrg(h);
    const { service: group } = await bookableSetup(h, org, { service: { capacity: 10, priceMinor: 800 }, resource: { kind: 'space', capacity: 10 } });
    const seats = await quote(org, group.id, `start=${encodeURIComponent('2026-06-02T09:00:00-05:00')}&seats=3`);
    expect(seats.json).toMatchObject({ unit: 'seat', quantity: 3, unitPriceMinor: 800, priceMinor: 2400, end: '2026-06-02T10:00:00-05:00', seats: 3 });
    const booked = await book(org, { serviceId: group.id, start: '2026-06-02T09:00:00-05:00', seats: 3, customer: guest(6) });
    expect(booked.status).toBe(201);
    expect(booked.json.booking.priceMinor).toBe(2400);

    const single = await createService(h, org, { name: 'Flight', priceMinor: 320000, priceFrom: true, resourceIds: [] });
    const whole = await quote(org, single.id, `start=${encodeURIComponent('2026-06-02T09:00:00-05:00')}`);
    expect(whole.json).toMatchObject({ unit: 'booking', quantity: 1, unitPriceMinor: 320000, priceMinor: 320000, priceFrom: true });
  });

  it('answers bad input with 400 and what is not there (or another organization’s) with 404', async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const { stay, pedasi } = await residences(org);
    const { service: slot, resources: otherResources } = await bookableSetup(h, other);
    const start = encodeURIComponent('2026-06-10T15:00:00-05:00');
    const end = encodeURIComponent('2026-06-13T11:00:00-05:00');

    const noEnd = await quote(org, stay.id, `start=${start}`);
    expect(noEnd.status).toBe(400);
    expect(noEnd.json.error.details.fields).toEqual([{ path: 'end', message: 'is required' }]);
    expect((await quote(org, stay.id, `start=${start}&end=${end}&seats=2`)).status).toBe(400);
    expect((await quote(org, stay.id, `start=${end}&end=${start}`)).status).toBe(400);
    expect((await quote(org, stay.id, `start=tomorrow&end=${end}`)).status).toBe(400);
    expect((await quote(org, stay.id, `start=${start}&end=${end}&seats=abc`)).status).toBe(400);
    expect((await quote(org, stay.id, `start=${start}&end=${encodeURIComponent('2027-06-13T11:00:00-05:00')}`)).status).toBe(400);
    expect((await quote(org, stay.id, `start=${start}&end=${end}&extra=1`)).status).toBe(400);
    expect((await call(h, `/api/v1/public/orgs/${org.slug}/services/not-an-id/quote?start=${start}`)).status).toBe(400);

    // Another organization's service or resource under this slug: not found, like an unknown one.
    expect((await quote(org, slot.id, `start=${start}`)).status).toBe(404);
    expect((await quote(org, stay.id, `start=${start}&end=${end}&resourceId=${otherResources[0]!.id}`)).status).toBe(404);
    expect((await call(h, `/api/v1/public/orgs/no-such-org-here/services/${stay.id}/quote?start=${start}&end=${end}`)).status).toBe(404);
    // An archived service is not quoted.
    await call(h, `/api/v1/orgs/${org.slug}/services/${stay.id}/archive`, { cookie: org.owner.cookie, body: {} });
    const archived = await quote(org, stay.id, `start=${start}&end=${end}&resourceId=${pedasi.id}`);
    expect(archived.status).toBe(404);
    expect(archived.json.error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });
});

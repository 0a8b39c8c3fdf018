/**
 * The demo catalogs: each demo organization gets the catalog its business needs, and every
 * demo entry obeys the same input rules as data entered through the API.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, blackouts, organizations, resources, serviceAddons, servicePackages, serviceResources, services, users, workingHours } from '@/db/schema';
import { demoCatalogs, seedDemo } from '@/seed';
import { newId } from '@/lib/ids';
import { catalogSchemas } from '@/modules/catalog';
import { call } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Other test files may seed the same shared PostgreSQL database at the same moment: seeding
  // takes an advisory lock per organization, so this must simply work.
  await seedDemo(h.database.db);
});
afterAll(() => h.close());

async function catalogOf(slug: string) {
  const db = h.database.db;
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  const svc = await db.select().from(services).where(eq(services.organizationId, org!.id));
  const res = await db.select().from(resources).where(eq(resources.organizationId, org!.id));
  const hours = await db.select().from(workingHours).where(eq(workingHours.organizationId, org!.id));
  const links = await db.select().from(serviceResources).where(eq(serviceResources.organizationId, org!.id));
  return { org: org!, services: svc, resources: res, hours, links };
}

describe('demo catalogs', () => {
  it('every demo entry passes the catalog input schemas and links only its own resources', () => {
    for (const [slug, catalog] of Object.entries(demoCatalogs)) {
      const keys = new Set(catalog.resources.map((r) => r.key));
      for (const { key: _key, userEmail: _email, hours, maintenance, ...resource } of catalog.resources) {
        const parsed = catalogSchemas.createResourceInput.safeParse(resource);
        expect(parsed.error?.issues ?? [], `${slug} ${resource.name}`).toEqual([]);
        if (maintenance) {
          const window = { kind: 'maintenance', startsAt: '2026-06-01T08:00:00Z', endsAt: '2026-06-04T18:00:00Z', reason: maintenance.reason, translations: { es: { reason: maintenance.es } } };
          expect(catalogSchemas.createBlackoutInput.safeParse(window).success, `${slug} ${resource.name} maintenance`).toBe(true);
          expect(maintenance.toDay > maintenance.fromDay || maintenance.to > maintenance.from).toBe(true);
        }
        if (hours) expect(catalogSchemas.setHoursInput.safeParse({ weekly: Object.entries(hours).map(([weekday, ranges]) => ({ weekday: Number(weekday), ranges })) }).success).toBe(true);
      }
      for (const { resources: linked, addons, ...service } of catalog.services) {
        const parsed = catalogSchemas.createServiceInput.safeParse(service);
        expect(parsed.error?.issues ?? [], `${slug} ${service.name}`).toEqual([]);
        for (const { translated, stock, ...addon } of addons ?? []) {
          // The seed names the stock item it creates; the API takes that item's id.
          if (stock) expect(stock.onHand, `${slug} ${addon.name} stock`).toBeGreaterThan(0);
          const a = catalogSchemas.createAddonInput.safeParse({ ...addon, ...(stock ? { stockItemId: newId('stockItem') } : {}), translations: { es: translated } });
          expect(a.error?.issues ?? [], `${slug} ${service.name} ${addon.name}`).toEqual([]);
        }
        expect(linked.every((k) => keys.has(k)), `${slug} ${service.name}`).toBe(true);
        expect(linked.length).toBeGreaterThan(0);
        if (service.bookingMode === 'multi_day') {
          expect(linked.every((k) => catalog.resources.find((r) => r.key === k)?.multiDay)).toBe(true);
        }
      }
      const weekly = Object.entries(catalog.businessHours).map(([weekday, ranges]) => ({ weekday: Number(weekday), ranges }));
      expect(catalogSchemas.setHoursInput.safeParse({ weekly }).success, slug).toBe(true);
    }
  });

  it('One Detail At A Time: five or more primary services with the vehicle type, two detailers', async () => {
    const c = await catalogOf('one-detail-at-a-time');
    const primary = c.services.filter((s) => s.category === 'primary');
    expect(primary.length).toBeGreaterThanOrEqual(5);
    expect(primary.map((s) => s.name)).toEqual(expect.arrayContaining(['Full Detail', 'Interior Detail', 'Exterior Detail', 'Ceramic Coating', 'Paint Correction']));
    expect(c.services.filter((s) => s.category === 'additional').length).toBeGreaterThanOrEqual(3);
    for (const s of c.services) {
      expect(s).toMatchObject({ currency: 'USD', requiresConfirmation: true, priceFrom: true, active: true });
      expect(s.customFields.find((f) => f.key === 'vehicle_type')).toMatchObject({ type: 'select', required: true, options: ['sedan', 'suv', 'truck', 'van', 'coupe', 'sports'] });
      expect(s.features.length + s.benefits.length).toBeGreaterThan(0);
    }
    expect(primary.every((s) => s.processSteps.length >= 3)).toBe(true);
    expect(c.resources.map((r) => r.kind)).toEqual(['staff', 'staff']);
    const [staffUser] = await h.database.db.select().from(users).where(eq(users.email, 'staff@one-detail-at-a-time.demo'));
    expect(c.resources.filter((r) => r.userId === staffUser!.id)).toHaveLength(1);
    const business = c.hours.filter((r) => r.resourceId === null);
    expect(business.map((r) => `${r.weekday} ${r.startTime}-${r.endTime}`).sort()).toEqual(
      ['1', '2', '3', '4', '5'].map((d) => `${d} 08:00:00-18:00:00`).concat('6 09:00:00-15:00:00'),
    );
    const [seeded] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, c.org.id), eq(auditLog.action, 'catalog.seeded')));
    expect(seeded?.changes).toMatchObject({ after: { services: c.services.length, resources: 2 } });
  });

  it('Bella: three professionals linked to their accounts, each with a lunch break and own days off', async () => {
    const c = await catalogOf('bella-salon');
    expect(c.resources).toHaveLength(3);
    const linked = await h.database.db
      .select({ email: users.email })
      .from(users)
      .where(inArray(users.id, c.resources.map((r) => r.userId!)));
    expect(linked.map((u) => u.email).sort()).toEqual(['daniel@bella-salon.demo', 'lucia@bella-salon.demo', 'sofia@bella-salon.demo']);
    const daysOff = new Set<string>();
    for (const r of c.resources) {
      const own = c.hours.filter((h) => h.resourceId === r.id);
      const rangesOn = (weekday: number) => own.filter((row) => row.weekday === weekday).length;
      expect([1, 2, 3, 4, 5, 6, 7].some((d) => rangesOn(d) === 2), `${r.name} has a lunch break`).toBe(true);
      daysOff.add(JSON.stringify([1, 2, 3, 4, 5, 6, 7].filter((d) => rangesOn(d) === 0)));
    }
    expect(daysOff.size).toBe(3);
    expect(c.services.every((s) => s.currency === 'EUR' && !s.requiresConfirmation && s.slotIntervalMinutes === 15)).toBe(true);
    expect(c.services.find((s) => s.slug === 'color')?.bufferAfterMinutes).toBe(10);
    expect(c.services.map((s) => s.name)).toEqual(expect.arrayContaining(['Corte de pelo', 'Color', 'Mechas', 'Tratamiento facial', 'Manicura']));
  });

  it('ReservePTY: assets in all four sections; residences by the night; flights need approval', async () => {
    const c = await catalogOf('reservepty');
    expect(new Set(c.resources.map((r) => r.section))).toEqual(new Set(['planes', 'helicopters', 'residences', 'watercraft']));
    // Photos are files the install serves (public/demo/reservepty), never remote addresses.
    expect(c.resources.every((r) => r.kind === 'asset' && r.photos.length > 0 && r.photos.every((p) => p.startsWith('/demo/reservepty/')))).toBe(true);
    for (const photo of c.resources.flatMap((r) => r.photos)) expect(existsSync(path.resolve(import.meta.dirname, '../public', `.${photo}`)), photo).toBe(true);
    // How many people each takes, and how to say it.
    const people = Object.fromEntries(c.resources.map((r) => [r.name, [r.details.maxPeople, r.details.capacityLabel]]));
    expect(people).toMatchObject({ 'Cessna Citation CJ3': [7, 'passengers'], 'Casa Pedasí beach house': [10, 'sleeps'], 'Azimut 55 yacht': [12, 'guests'] });
    const residences = c.resources.filter((r) => r.section === 'residences');
    expect(residences.map((r) => r.name).sort()).toEqual(['Boquete mountain lodge', 'Casa Pedasí beach house']);
    expect(residences.every((r) => r.multiDay?.checkInTime === '15:00' && r.multiDay.checkOutTime === '11:00' && r.multiDay.minNights === 2 && r.multiDay.maxNights === 14)).toBe(true);
    // The CJ3 is in its annual inspection: a maintenance window from yesterday to three days ahead.
    const cj3 = c.resources.find((r) => r.name === 'Cessna Citation CJ3')!;
    const windows = await h.database.db.select().from(blackouts).where(eq(blackouts.organizationId, c.org.id));
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ resourceId: cj3.id, kind: 'maintenance', reason: 'Annual engine inspection', translations: { es: { reason: 'Inspección anual de motores' } } });
    expect(windows[0]!.endsAt.getTime() - windows[0]!.startsAt.getTime()).toBeGreaterThan(3 * 86_400_000);
    const bySlug = new Map(c.services.map((s) => [s.slug, s]));
    expect(bySlug.get('flight-hourly')).toMatchObject({ bookingMode: 'slot', requiresConfirmation: true });
    expect(bySlug.get('residence-stay')).toMatchObject({ bookingMode: 'multi_day', capacity: 1, priceMinor: 65000, priceFrom: false });
    expect(bySlug.get('yacht-day-charter')).toBeDefined();
    const stayLinks = c.links.filter((l) => l.serviceId === bySlug.get('residence-stay')!.id).map((l) => l.resourceId);
    expect(stayLinks.sort()).toEqual(residences.map((r) => r.id).sort());
  });

  it('Xplorium: party rooms for 40 guests, three party packages with custom fields, add-ons and policies, a 30-seat open play', async () => {
    const c = await catalogOf('xplorium');
    const rooms = c.resources.filter((r) => r.kind === 'room');
    expect(rooms.map((r) => r.name).sort()).toEqual(['Party Room Jungle', 'Party Room Space']);
    expect(rooms.every((r) => r.details.maxGuests === 40)).toBe(true);
    const play = c.services.find((s) => s.slug === 'open-play-session')!;
    expect(play.capacity).toBe(30);
    const playground = c.resources.find((r) => r.name === 'Playground')!;
    expect(playground).toMatchObject({ kind: 'space', capacity: 30 });
    expect(c.links.filter((l) => l.serviceId === play.id).map((l) => l.resourceId)).toEqual([playground.id]);
    const parties = c.services.filter((s) => s.slug.startsWith('birthday-party'));
    expect(parties.map((s) => s.slug).sort()).toEqual(['birthday-party-classic', 'birthday-party-mega', 'birthday-party-premium']);
    const packages = await h.database.db.select().from(servicePackages).where(eq(servicePackages.organizationId, c.org.id));
    const addons = await h.database.db.select().from(serviceAddons).where(eq(serviceAddons.organizationId, c.org.id)).orderBy(asc(serviceAddons.position), asc(serviceAddons.id));
    for (const party of parties) {
      expect(party.currency).toBe('RSD');
      // The guests are the package's children and adults, no longer a question of the form.
      expect(party.customFields.map((f) => [f.key, f.type])).toEqual([
        ['child_name', 'text'],
        ['child_age', 'number'],
      ]);
      const pkg = packages.find((p) => p.serviceId === party.id)!;
      expect(pkg.maxGuests).toBeLessThanOrEqual(40);
      expect(pkg.cancellationPolicy.length).toBeGreaterThan(0);
      expect(party.translations.es?.name).toBeTruthy();
      const own = addons.filter((a) => a.serviceId === party.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((a) => a.translations.es?.name)).toBe(true);
    }
    const classic = parties.find((s) => s.slug === 'birthday-party-classic')!;
    expect(packages.find((p) => p.serviceId === classic.id)).toMatchObject({ depositType: 'percent', depositValue: 30 });
    expect(addons.filter((a) => a.serviceId === classic.id).map((a) => [a.name, a.pricing, a.extraMinutes])).toEqual([
      ['Themed cake', 'per_booking', 0],
      ['Decorations', 'per_booking', 0],
      ['Extra hour', 'per_booking', 60],
      ['Pizza menu', 'per_guest', 0],
    ]);
  });

  it('add-ons: Bella’s cut takes colour (+90 min), the detailer’s main services take the extra offers', async () => {
    const bella = await catalogOf('bella-salon');
    const cut = bella.services.find((s) => s.slug === 'corte-de-pelo')!;
    const cutAddons = await h.database.db.select().from(serviceAddons).where(and(eq(serviceAddons.organizationId, bella.org.id), eq(serviceAddons.serviceId, cut.id)));
    expect(cutAddons.find((a) => a.name === 'Color')).toMatchObject({ extraMinutes: 90, priceMinor: 5500, translations: { en: { name: 'Colour' } } });
    const detail = await catalogOf('one-detail-at-a-time');
    const full = detail.services.find((s) => s.slug === 'full-detail')!;
    const fullAddons = await h.database.db.select().from(serviceAddons).where(and(eq(serviceAddons.organizationId, detail.org.id), eq(serviceAddons.serviceId, full.id)));
    expect(fullAddons.map((a) => a.name).sort()).toEqual(['Engine bay cleaning', 'Headlight restoration', 'Odor elimination', 'Pet hair removal']);
  });

  it('Bookline Shop has no bookable catalog', async () => {
    const c = await catalogOf('bookline-shop');
    expect(c.services).toEqual([]);
    expect(c.resources).toEqual([]);
    expect(c.hours).toEqual([]);
  });

  it('the public menu of a demo organization shows the services without anyone’s email', async () => {
    const res = await call(h, '/api/v1/public/orgs/bella-salon/services');
    expect(res.status).toBe(200);
    expect(res.json.data.length).toBe(demoCatalogs['bella-salon']!.services.length);
    expect(res.json.data.find((s: { slug: string }) => s.slug === 'mechas').resources.map((r: { name: string }) => r.name)).toEqual(['Sofía Martín']);
    expect(JSON.stringify(res.json)).not.toMatch(/@bella-salon\.demo/);
    const hours = await call(h, '/api/v1/public/orgs/one-detail-at-a-time/hours');
    expect(hours.json.timezone).toBe('America/Chicago');
    expect(hours.json.weekly[5]).toEqual({ weekday: 6, ranges: [{ start: '09:00', end: '15:00' }] });
    const business = await h.database.db.select().from(workingHours).where(isNull(workingHours.resourceId));
    expect(business.length).toBeGreaterThan(0);
  });
});

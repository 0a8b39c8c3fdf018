/**
 * Issue #11, items 2 and 4: the zone-validity cache kept every string it was asked about
 * (10,000 unique 8,000-character `timezone=` values retained +146 MB), and zones Node accepts
 * but PostgreSQL refuses could be saved, after which every `AT TIME ZONE` query on them failed.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedTimeZoneNames, canonicalTimeZone, isValidTimeZone } from '@/lib/time';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';

describe('isValidTimeZone', () => {
  it('gives canonical spellings and refuses offsets, abbreviations and junk', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    for (const bad of ['', '+05:00', 'UTC+5', 'Mars/Olympus_Mons', 'Europe/Madrid ', '../etc/passwd', 'x'.repeat(65), `America/New_York${'_'.repeat(60)}`]) {
      expect(isValidTimeZone(bad), bad).toBe(false);
    }
  });

  it('caches only valid, canonical names, never what callers send', () => {
    for (let i = 0; i < 2_000; i++) {
      isValidTimeZone(`Nowhere/Zone_${i}`);
      isValidTimeZone(`x${i}`.repeat(100));
    }
    // Case variants of a valid name are valid, but only its canonical spelling is kept.
    for (const variant of ['AMERICA/NEW_YORK', 'america/new_york', 'America/new_York', 'aMeRiCa/NeW_yOrK']) expect(isValidTimeZone(variant)).toBe(true);
    const cached = cachedTimeZoneNames();
    const listed = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.every((name) => listed.has(name))).toBe(true);
    expect(cached).toContain('America/New_York');
    expect(cached).not.toContain('america/new_york');
    expect(cached.length).toBeLessThanOrEqual(listed.size);
  });

  it('does not retain memory for unique long invalid names (heap measured after a forced GC)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10_000; i++) {
      // 8,000 characters each, all different: 80 MB of strings if anything kept them.
      isValidTimeZone(`${i}`.padStart(8, '0').repeat(1_000));
      isValidTimeZone(`Zone/${i}_${'a'.repeat(50)}`);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // The old cache retained well over 80 MB here; allow a generous margin for noise.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('time zones the database accepts', () => {
  let h: Harness;
  let org: TestOrg;
  beforeAll(async () => {
    h = await createHarness();
    org = await createOrg(h, undefined, { timezone: 'america/new_york' });
  });
  afterAll(() => h.close());

  const orgRequest = (body: Record<string, unknown>, method = 'POST', path = '/api/v1/orgs') => call(h, path, { method, cookie: org.owner.cookie, body });

  it('stores the canonical spelling of a zone typed in another case', async () => {
    const created = await call(h, `/api/v1/orgs/${org.slug}`, { cookie: org.owner.cookie });
    expect(created.json.organization.timezone).toBe('America/New_York');
    const updated = await orgRequest({ timezone: 'utc' }, 'PATCH', `/api/v1/orgs/${org.slug}`);
    expect(updated.status).toBe(200);
    expect(updated.json.timezone).toBe('UTC');
    const resource = await orgRequest({ kind: 'staff', name: 'Ana', timezone: 'europe/madrid' }, 'POST', `/api/v1/orgs/${org.slug}/resources`);
    expect(resource.status).toBe(201);
    expect(resource.json.timezone).toBe('Europe/Madrid');
  });

  it('refuses zones Node knows but the database does not, on organizations and resources (400, never saved)', async () => {
    for (const zone of ['US/Pacific-New', 'Canada/East-Saskatchewan']) {
      expect(isValidTimeZone(zone)).toBe(true); // Node's word alone was the bug
      const created = await orgRequest({ name: 'Pacific New', slug: `pn-${Date.now().toString(36)}`, timezone: zone, currency: 'USD' });
      expect(created.status, zone).toBe(400);
      expect(created.json.error.details.fields).toEqual([{ path: 'timezone', message: expect.stringContaining('IANA') }]);
      const updated = await orgRequest({ timezone: zone }, 'PATCH', `/api/v1/orgs/${org.slug}`);
      expect(updated.status).toBe(400);
      const resource = await orgRequest({ kind: 'staff', name: 'Ben', timezone: zone }, 'POST', `/api/v1/orgs/${org.slug}/resources`);
      expect(resource.status).toBe(400);
    }
    const after = await call(h, `/api/v1/orgs/${org.slug}`, { cookie: org.owner.cookie });
    expect(after.json.organization.timezone).toBe('UTC');
  });

  it('checks the availability timezone parameter the same way', async () => {
    const other = await createOrg(h);
    const { service } = await bookableSetup(h, other);
    const ask = (timezone: string) => call(h, `/api/v1/public/orgs/${other.slug}/availability?serviceId=${service.id}&from=2031-03-03&to=2031-03-03&timezone=${encodeURIComponent(timezone)}`);
    const lower = await ask('america/new_york');
    expect(lower.status).toBe(200);
    expect(lower.json.timezone).toBe('America/New_York');
    const dropped = await ask('US/Pacific-New');
    expect(dropped.status).toBe(400);
    expect(dropped.json.error.details.fields[0].path).toBe('timezone');
    expect((await ask('x'.repeat(8_000))).status).toBe(400);
  });
});

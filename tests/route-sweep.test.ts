/**
 * Route-wide sweeps over every route the Hono app declares (enumerated from the app, so a new
 * route is swept without anyone listing it): junk input never answers 5xx and every error uses
 * the envelope; tenant routes answer 401 to anonymous callers and 404 to another
 * organization's owner. (The fuller fast-check sweep and the viewer pass come with #5.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await createOrg(h);
  other = await createOrg(h);
  await bookableSetup(h, org);
});
afterAll(() => h.close());

const routes = () => h.app.routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/auth')).filter((r, i, all) => all.findIndex((x) => x.method === r.method && x.path === r.path) === i);

/** Fills path params: the org's slug, the first alternative of a constrained param, else `value`. */
const fill = (path: string, slug: string, value: string) =>
  path.replace(':slug', slug).replace(/:([A-Za-z]+)(\{([^|}]+)[^}]*\})?/g, (_m, _name, _re, first: string | undefined) => first ?? encodeURIComponent(value));

const junkParams = ['x', '%00', 'svc_01h455vb4pex5vsknk084sn02q', "'; drop table x;--", 'a'.repeat(300), '-1'];
const junkQueries = ['', '?page=-1&pageSize=abc', '?from=2026-99-99&to=x&serviceId=zzz', '?status=foo,bar&sort=zzz&q=%25%5F', '?serviceId=svc_01h455vb4pex5vsknk084sn02q&from=2026-01-01&to=2026-01-02&timezone=%00'];
const junkBodies: unknown[] = [
  {},
  [],
  'text',
  42,
  null,
  { start: 'nope', serviceId: 1, customer: [], fields: 'x', weekly: 'x', role: 7, email: {} },
  { sourceIds: ['x'], reason: 'x'.repeat(5000), name: 'y'.repeat(500) },
  { start: '2026-13-45T99:99:99Z', end: 5, seats: -3 },
];

describe('every route', () => {
  it('is swept (the app declares routes under /api/v1)', () => {
    expect(routes().length).toBeGreaterThan(40);
  });

  it('answers junk with a 4xx in the envelope, never a 5xx', { timeout: 240_000 }, async () => {
    const bad: string[] = [];
    for (const r of routes()) {
      for (const param of junkParams) {
        const path = fill(r.path, org.slug, param);
        for (const query of r.method === 'GET' ? junkQueries : ['']) {
          for (const body of r.method === 'GET' || r.method === 'DELETE' ? [undefined] : junkBodies) {
            const res = await call(h, path + query, { method: r.method, cookie: org.owner.cookie, body });
            if (res.status >= 500 || (res.status >= 400 && !res.json?.error?.code)) {
              bad.push(`${r.method} ${path}${query} ${JSON.stringify(body)?.slice(0, 60)} → ${res.status}`);
            }
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps tenant routes closed to anonymous callers (401) and to another organization's owner (404)", async () => {
    const tenantRoutes = routes().filter((r) => r.path.startsWith('/api/v1/orgs/:slug'));
    expect(tenantRoutes.length).toBeGreaterThan(25);
    for (const r of tenantRoutes) {
      const path = fill(r.path, org.slug, 'x');
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const anonymous = await call(h, path, { method: r.method, body });
      expect(anonymous.status, `${r.method} ${path} anonymous`).toBe(401);
      const outsider = await call(h, path, { method: r.method, body, cookie: other.owner.cookie });
      expect(outsider.status, `${r.method} ${path} other org`).toBe(404);
      expect(outsider.json.error.code).toBe('NOT_FOUND');
    }
  });
});

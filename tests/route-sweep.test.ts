/**
 * Tenant isolation over every route the Hono app declares (enumerated from `app.routes`, and
 * classified in tests/support/sweep-world.ts; an unclassified route fails the sweep by name).
 *
 * For each route, with real rows of org A in the path (and, for mutations, a request that
 * succeeds for A's owner, sent last as the positive control):
 * - anonymous callers get 401 on tenant and signed-in routes;
 * - the owner of org B gets 404 on A's routes, and 404 for A's ids under B's own slug;
 * - A's viewer reads (200) but every mutation answers 403;
 * - manage links answer 404 to any token but the booking's own; calendar feeds likewise, and
 *   another organization's feed shows none of A's data;
 * - public routes answer, but never with A's private data;
 * - no answer to anyone outside A contains A's private data, and denied calls write no audit row
 *   (a read that is audited, an export, writes its one row for the viewer who may make it).
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { send, type SweepResponse } from './support/sweep-client';
import { appRoutes, createWorld, type Example, fillPath, isMutation, paramValues, routeTable, stale, SWEEP_METRICS_TOKEN, unclassified, type World } from './support/sweep-world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 120_000);
afterAll(() => w?.h.close());

const auditRows = async (organizationId: string) =>
  (await w.h.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.organizationId, organizationId)))[0]!.n;

describe('the route table', () => {
  it('classifies every route the app declares, and every mutation has an example that succeeds', () => {
    const routes = appRoutes(w.h);
    expect(routes.length).toBeGreaterThan(45);
    expect(unclassified(w.h), 'add these routes to routeTable in tests/support/sweep-world.ts').toEqual([]);
    expect(stale(w.h), 'routeTable rows for routes the app no longer declares').toEqual([]);
    const withoutExample = routes.filter((r) => isMutation(r.method) && !routeTable[r.key]?.example).map((r) => r.key);
    expect(withoutExample, 'mutations need an example request in routeTable').toEqual([]);
  });
});

describe('tenant isolation sweep', () => {
  it('answers 401 / 404 / 403 as the caller deserves, never leaks org A to outsiders, and denied calls change nothing', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    const expectStatus = (label: string, res: SweepResponse, status: number, code?: string) => {
      if (res.status !== status || (code && res.json?.error?.code !== code)) {
        failures.push(`${label} → ${res.status} ${res.text.slice(0, 160)} (expected ${status}${code ? ` ${code}` : ''})`);
      }
    };
    const expectNoLeak = (label: string, res: SweepResponse) => {
      const found = w.markers.filter((m) => res.text.includes(m));
      if (found.length) failures.push(`${label} → ${res.status} leaks org A's ${found.join(', ')}`);
      if (res.status >= 500) failures.push(`${label} → ${res.status}`);
    };
    const values = paramValues(w);
    const owner = w.a.owner.cookie;
    const outsider = w.b.owner.cookie;

    for (const route of appRoutes(w.h)) {
      const spec = routeTable[route.key];
      if (!spec) continue; // reported by the table test
      const method = route.method;
      const mutation = isMutation(method);
      const examples: Example[] = mutation
        ? [await spec.example!(w)].flat()
        : [{ path: fillPath(route.path, values) + (spec.query?.(w) ?? ''), status: 200, audit: { organizationId: w.a.id, action: '', actor: 'user' } }];
      const hasIds = /:(?!slug\b)[A-Za-z]+/.test(route.path);

      for (const ex of examples) {
        const label = (who: string, path = ex.path) => `${method} ${path} as ${who}`;
        const req = { method, path: ex.path, body: ex.body };
        const auditBefore = await auditRows(w.a.id);
        let allowedRows = 0;

        switch (spec.access) {
          case 'system': {
            const res = await send(w.h, req);
            expectStatus(label('anonymous'), res, 200);
            expectNoLeak(label('anonymous'), res);
            break;
          }
          case 'operator': {
            // Sessions grant nothing here: anonymous, A's owner, B's owner and A's viewer all get 401.
            for (const [who, cookie] of [['anonymous', undefined], ["A's owner", owner], ["org B's owner", outsider], ["A's viewer", w.viewer.cookie]] as const) {
              const res = await send(w.h, { ...req, cookie });
              expectStatus(label(who), res, 401, 'UNAUTHENTICATED');
              expectNoLeak(label(who), res);
            }
            const wrong = await send(w.h, { ...req, headers: { authorization: `Bearer ${SWEEP_METRICS_TOKEN}x` } });
            expectStatus(label('a wrong token'), wrong, 401, 'UNAUTHENTICATED');
            break;
          }
          case 'public': {
            // A public mutation (a guest booking) is checked through its positive control below.
            if (!mutation) {
              for (const [who, cookie] of [['anonymous', undefined], ["org B's owner", outsider]] as const) {
                const res = await send(w.h, { ...req, cookie });
                expectStatus(label(who), res, 200);
                expectNoLeak(label(who), res);
              }
            }
            break;
          }
          case 'token': {
            const token = values.token!;
            const wrongTokens = [
              `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
              'A'.repeat(token.length),
              w.booking.id,
              encodeURIComponent(`${token}' or '1'='1`),
            ];
            const wrongPaths = wrongTokens.map((t) => ex.path.replace(token, t).replace(/\/public\/bookings\/[^/]+/, `/public/bookings/${t}`));
            for (const path of wrongPaths) {
              const res = await send(w.h, { ...req, path });
              expectStatus(label('anonymous with a wrong token', path), res, 404, 'NOT_FOUND');
              expectNoLeak(label('anonymous with a wrong token', path), res);
            }
            if (!mutation) {
              // Another organization's booking link shows that booking only.
              const res = await send(w.h, { ...req, path: `/api/v1/public/bookings/${w.bBooking.token}` });
              expectStatus(label("org B's manage link"), res, 200);
              expectNoLeak(label("org B's manage link"), res);
            }
            break;
          }
          case 'feed': {
            const file = values.feedFile!;
            const token = file.replace(/\.ics$/, '');
            const wrongFiles = [
              `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}.ics`,
              `${'A'.repeat(token.length)}.ics`,
              token,
              `${values.token}.ics`,
              w.feed.id,
              encodeURIComponent(`${file}' or '1'='1`),
            ];
            for (const wrong of wrongFiles) {
              const path = ex.path.replace(file, wrong);
              for (const [who, cookie] of [['anonymous', undefined], ["A's owner", owner]] as const) {
                const res = await send(w.h, { ...req, path, cookie });
                expectStatus(label(`${who} with a wrong feed token`, path), res, 404, 'NOT_FOUND');
                expectNoLeak(label(`${who} with a wrong feed token`, path), res);
              }
            }
            // Another organization's feed shows that organization's bookings only.
            const res = await send(w.h, { ...req, path: ex.path.replace(file, w.bFeed.file) });
            expectStatus(label("org B's feed"), res, 200);
            expectNoLeak(label("org B's feed"), res);
            break;
          }
          case 'session': {
            expectStatus(label('anonymous'), await send(w.h, req), 401, 'UNAUTHENTICATED');
            if (!mutation) {
              const res = await send(w.h, { ...req, cookie: outsider });
              expectStatus(label("org B's owner"), res, 200);
              expectNoLeak(label("org B's owner"), res);
            } else if (route.key === 'POST /api/v1/invitations/accept') {
              // An invitation addressed to someone else is invisible to both outsiders and members.
              for (const [who, cookie] of [["org B's owner", outsider], ["A's viewer", w.viewer.cookie]] as const) {
                const res = await send(w.h, { ...req, cookie });
                expectStatus(label(who), res, 404, 'NOT_FOUND');
                expectNoLeak(label(who), res);
              }
            }
            break;
          }
          case 'tenant': {
            const anonymous = await send(w.h, req);
            expectStatus(label('anonymous'), anonymous, 401, 'UNAUTHENTICATED');
            expectNoLeak(label('anonymous'), anonymous);
            const other = await send(w.h, { ...req, cookie: outsider });
            expectStatus(label("org B's owner"), other, 404, 'NOT_FOUND');
            expectNoLeak(label("org B's owner"), other);
            // B's owner passes B's own tenant check: A's ids under B's slug must still be unknown.
            const crossPath = ex.path.replace(`/orgs/${w.a.slug}`, `/orgs/${w.b.slug}`);
            const cross = await send(w.h, { ...req, path: crossPath, cookie: outsider });
            if (hasIds) expectStatus(label("org B's owner", crossPath), cross, 404, 'NOT_FOUND');
            expectNoLeak(label("org B's owner", crossPath), cross);
            // A member's own things (their notifications, their preferences): the viewer acts for
            // themself (200), or finds another member's row unknown (404). An audited read (an
            // export) the viewer may make is on record: exactly its one row. What the viewer may
            // write is left out of the denied calls' count below.
            const viewerStatus = spec.viewer ?? (mutation ? 403 : 200);
            const beforeViewer = await auditRows(w.a.id);
            const viewer = await send(w.h, { ...req, cookie: w.viewer.cookie });
            expectStatus(label("A's viewer"), viewer, viewerStatus, viewerStatus === 403 ? 'FORBIDDEN' : viewerStatus === 404 ? 'NOT_FOUND' : undefined);
            if (spec.audits && viewer.status === 200) {
              const written = (await auditRows(w.a.id)) - beforeViewer;
              if (written !== 1) failures.push(`${label("A's viewer")}: an audited read wrote ${written} audit rows, expected 1`);
              allowedRows += written;
            } else if (viewerStatus === 200 && mutation) allowedRows += (await auditRows(w.a.id)) - beforeViewer;
            break;
          }
        }

        const auditAfterDenied = await auditRows(w.a.id);
        if (auditAfterDenied !== auditBefore + allowedRows) failures.push(`${method} ${ex.path}: denied calls wrote ${auditAfterDenied - auditBefore - allowedRows} audit rows in org A`);

        // The positive control: the same request succeeds for whom it is meant.
        const caller = ex.as === undefined ? owner : ex.as?.cookie;
        const anonymousByDesign = spec.access === 'public' || spec.access === 'token' || spec.access === 'feed' || spec.access === 'system' || spec.access === 'operator';
        const headers = spec.access === 'operator' ? { authorization: `Bearer ${SWEEP_METRICS_TOKEN}` } : undefined;
        const res = await send(w.h, { ...req, headers: ex.headers ?? headers, cookie: ex.cookie ?? (anonymousByDesign ? undefined : caller) });
        expectStatus(label(ex.as === null ? 'the guest' : 'its user'), res, ex.status);
        if (spec.access === 'public' || spec.access === 'system' || spec.access === 'operator') expectNoLeak(label('the guest'), res);
      }
    }
    expect(failures).toEqual([]);
  });

  it("shows A's private data to A's members (the markers are real, so their absence elsewhere means something)", async () => {
    const customers = await send(w.h, { path: `/api/v1/orgs/${w.a.slug}/customers`, cookie: w.viewer.cookie });
    expect(customers.text).toContain(w.markers[0]);
    const booking = await send(w.h, { path: `/api/v1/orgs/${w.a.slug}/bookings/${w.booking.id}`, cookie: w.viewer.cookie });
    expect(booking.text).toContain(w.booking.id);
    const members = await send(w.h, { path: `/api/v1/orgs/${w.a.slug}/members`, cookie: w.viewer.cookie });
    expect(members.text).toContain(w.staff.email);
  });
});

/**
 * Audit sweep: every mutating route writes exactly one audit row (a counts-only step, none), with actor, organization,
 * action, entity, IP and user agent. Routes come from the app (`app.routes`) and, for
 * /api/auth/*, from Better Auth's endpoint list; each needs a row in the tables of
 * tests/support/sweep-world.ts or tests/support/auth-routes.ts, or the sweep fails naming it.
 *
 * Requests carry a client address the way the node server hands it over (the socket, read by
 * getConnInfo), a user agent and a request id; the row is found by that request id, so the
 * count is exact even when other test files share the database.
 */
import { isDeepStrictEqual } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountAuditLog, auditLog } from '@/db/schema';
import { uniq } from '../support/factories';
import { authPostPaths, authRouteTable } from '../support/auth-routes';
import { newRequestId, send, testIp } from '../support/sweep-client';
import { appRoutes, createWorld, isMutation, routeTable, type World } from '../support/sweep-world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 120_000);
afterAll(() => w?.h.close());

const db = () => w.h.database.db;
const orgRows = async (organizationId: string) => (await db().select({ n: count() }).from(auditLog).where(eq(auditLog.organizationId, organizationId)))[0]!.n;

describe('audit sweep: /api/v1', () => {
  it('every mutating route writes exactly one audit row with actor, organization, action, entity, IP and user agent', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    const mutations = appRoutes(w.h).filter((r) => isMutation(r.method));
    expect(mutations.length).toBeGreaterThan(25);
    const missing = mutations.filter((r) => !routeTable[r.key]?.example).map((r) => r.key);
    expect(missing, 'mutating routes without an example in routeTable (tests/support/sweep-world.ts)').toEqual([]);

    for (const route of mutations) {
      for (const ex of [await routeTable[route.key]!.example!(w)].flat()) {
        const ip = testIp();
        const userAgent = `SweepAgent/1.0 (${uniq()})`;
        const requestId = newRequestId();
        const label = `${route.method} ${ex.path}`;
        const orgBefore = !ex.audit || ex.audit.organizationId === '(created)' ? 0 : await orgRows(ex.audit.organizationId);
        const cookie = ex.cookie ?? (ex.as === undefined ? w.a.owner.cookie : ex.as?.cookie);
        const res = await send(w.h, { method: route.method, path: ex.path, body: ex.body, cookie, headers: ex.headers, ip, userAgent, requestId });
        if (res.status !== ex.status) {
          failures.push(`${label} → ${res.status} ${res.text.slice(0, 200)} (expected ${ex.status})`);
          continue;
        }
        if (ex.audit === null) {
          // Counts only by design (the funnel's steps): no row at all.
          const written = await db().select().from(auditLog).where(eq(auditLog.requestId, requestId));
          if (written.length) failures.push(`${label} wrote ${written.length} audit rows, expected none (counts only)`);
          continue;
        }
        const organizationId = ex.audit.organizationId === '(created)' ? res.json.id : ex.audit.organizationId;
        const rows = await db().select().from(auditLog).where(eq(auditLog.requestId, requestId));
        if (rows.length !== 1) {
          failures.push(`${label} wrote ${rows.length} audit rows (${rows.map((r) => r.action).join(', ')}), expected exactly 1`);
          continue;
        }
        const orgAfter = await orgRows(organizationId);
        if (orgAfter - orgBefore !== 1) failures.push(`${label} added ${orgAfter - orgBefore} rows to its organization's log`);
        const row = rows[0]!;
        const expected = {
          organizationId,
          action: ex.audit.action,
          actorType: ex.audit.actor,
          actorUserId: ex.audit.actor === 'user' ? ex.audit.userId : null,
          ip,
          userAgent,
        };
        const actual = { organizationId: row.organizationId, action: row.action, actorType: row.actorType, actorUserId: row.actorUserId, ip: row.ip, userAgent: row.userAgent };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push(`${label}: row ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
        if (!row.entity || (!row.entityId && row.entity !== 'organization')) failures.push(`${label}: row names no entity (${row.entity} ${row.entityId})`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('audit sweep: audited reads (exports)', () => {
  it('every read that is audited writes exactly one row for its caller, with IP and user agent, and is declared so', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    const reads = appRoutes(w.h).filter((r) => !isMutation(r.method) && routeTable[r.key]?.audits);
    expect(reads.map((r) => r.key)).toEqual(expect.arrayContaining(['GET /api/v1/orgs/:slug/exports/bookings.csv', 'GET /api/v1/orgs/:slug/exports/customers.pdf']));
    for (const route of reads) {
      const spec = routeTable[route.key]!;
      const ip = testIp();
      const userAgent = `SweepAgent/1.0 (${uniq()})`;
      const requestId = newRequestId();
      const path = route.path.replace(':slug', w.a.slug) + (spec.query?.(w) ?? '');
      const res = await send(w.h, { method: 'GET', path, cookie: w.a.owner.cookie, ip, userAgent, requestId });
      if (res.status !== 200) {
        failures.push(`GET ${path} → ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      const rows = await db().select().from(auditLog).where(eq(auditLog.requestId, requestId));
      if (rows.length !== 1) {
        failures.push(`GET ${path} wrote ${rows.length} audit rows, expected exactly 1`);
        continue;
      }
      const row = rows[0]!;
      const actual = { organizationId: row.organizationId, action: row.action, actorType: row.actorType, actorUserId: row.actorUserId, ip: row.ip, userAgent: row.userAgent };
      const expected = { organizationId: w.a.id, action: spec.audits, actorType: 'user', actorUserId: w.a.owner.id, ip, userAgent };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push(`GET ${path}: row ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
      if (!row.entity || !row.entityId) failures.push(`GET ${path}: row names no entity (${row.entity} ${row.entityId})`);
    }
    expect(failures).toEqual([]);
  });
});

describe('audit sweep: /api/auth', () => {
  it('classifies every Better Auth POST endpoint', () => {
    const paths = authPostPaths(w.h);
    expect(paths.length).toBeGreaterThan(20);
    expect(
      paths.filter((p) => !authRouteTable[p]),
      'classify these endpoints in tests/support/auth-routes.ts',
    ).toEqual([]);
  });

  it('every account-changing call (and every failed sign-in or second factor) writes exactly one account audit row with IP and user agent', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const path of authPostPaths(w.h)) {
      const route = authRouteTable[path];
      if (route?.kind !== 'audited') continue;
      for (const ex of await route.examples(w.h)) {
        const ip = testIp();
        const userAgent = `SweepAgent/1.0 (${uniq()})`;
        const requestId = newRequestId();
        const res = await send(w.h, { path: ex.path, body: ex.body, cookie: ex.cookie, ip, userAgent, requestId });
        const label = `POST ${ex.path} (${ex.label})`;
        if (res.status !== ex.status) {
          failures.push(`${label} → ${res.status} ${res.text.slice(0, 200)} (expected ${ex.status})`);
          continue;
        }
        const rows = await db().select().from(accountAuditLog).where(eq(accountAuditLog.requestId, requestId));
        if (rows.length !== 1) {
          failures.push(`${label} wrote ${rows.length} account audit rows (${rows.map((r) => r.action).join(', ')}), expected exactly 1`);
          continue;
        }
        const row = rows[0]!;
        const userId = ex.audit.userId === '(created)' ? res.json.user.id : ex.audit.userId;
        const actual = { action: row.action, userId: row.userId, ip: row.ip, userAgent: row.userAgent, details: row.details ?? undefined };
        const expected = { action: ex.audit.action, userId, ip, userAgent, details: ex.audit.details };
        if (!isDeepStrictEqual(actual, expected)) failures.push(`${label}: row ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('disabled endpoints keep failing and write nothing; reads write nothing', async () => {
    const failures: string[] = [];
    const signedIn = w.viewer;
    for (const path of authPostPaths(w.h)) {
      const route = authRouteTable[path];
      if (!route || route.kind === 'audited') continue;
      const requestId = newRequestId();
      const body = route.kind === 'disabled' ? (route.body ?? {}) : { password: signedIn.password };
      const res = await send(w.h, { path: `/api/auth${path.replace(':id', 'github')}`, body, cookie: signedIn.cookie, requestId, ip: testIp(), userAgent: 'SweepAgent/1.0' });
      if (res.status >= 500) failures.push(`POST ${path} → ${res.status}`);
      if (route.kind === 'disabled' && res.status < 400) failures.push(`POST ${path} is not disabled any more (${res.status}): audit it and move it to 'audited'`);
      const rows = await db().select().from(accountAuditLog).where(eq(accountAuditLog.requestId, requestId));
      if (rows.length) failures.push(`POST ${path} (${route.kind}) wrote ${rows.length} account audit rows`);
    }
    expect(failures).toEqual([]);
  });
});

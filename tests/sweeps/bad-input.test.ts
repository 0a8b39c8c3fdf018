/**
 * Bad-input sweep: fast-check generates malformed bodies, query strings and path params for
 * every route the app declares (and every Better Auth POST endpoint), sent as org A's owner
 * (past authentication, into the use cases) and anonymously. No answer may be a 5xx, and
 * every non-2xx answer is the envelope `{ error: { code, message, requestId } }` with a code
 * from the fixed set and this request's id.
 *
 * Bounded: NUM_RUNS cases per route and caller. Reproduce a failure with the seed it prints:
 * `SWEEP_SEED=<n> npm test -- tests/sweeps/bad-input.test.ts`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '@/lib/env';
import { errorStatus } from '@/lib/errors';
import { signUp, type TestUser, uniq } from '../support/factories';
import { authPostPaths, authRouteTable } from '../support/auth-routes';
import { isEnvelope, newRequestId, send, type SweepRequest } from '../support/sweep-client';
import { appRoutes, createWorld, encodeParam, type Example, fillPath, isMutation, paramValues, routeTable, type World } from '../support/sweep-world';

const NUM_RUNS = 25;
const AUTH_NUM_RUNS = 8;
const SEED = testEnv().SWEEP_SEED ?? Math.floor(Math.random() * 2 ** 31);
const codes = new Set(Object.keys(errorStatus));

let w: World;
let authUser: TestUser;
beforeAll(async () => {
  w = await createWorld();
  authUser = await signUp(w.h);
}, 120_000);
afterAll(() => w?.h.close());

// ─── Generators ─────────────────────────────────────────────────────────────────────────────

const fragments = [
  "' OR '1'='1",
  "'; DROP TABLE bookings; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦',
  'ﷺ',
  '\u202Egnp.exe',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];
const dates = ['2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '2026-06-02T25:00:00Z', '2026-06-02T09:00:00', '2026-06-02T09:00:00+25:00', '2026-06-02T09:00:00-05:00', '1970-01-01T00:00:00Z', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '24:00', '23:59:60', '99:99'];
const ids = ['svc_01h455vb4pex5vsknk084sn02q', 'bkg_00000000000000000000000000', 'cus_zzzzzzzzzzzzzzzzzzzzzzzzzz', 'res_', 'org_01h455vb4pex5vsknk084sn02q', 'usr_01h455vb4pex5vsknk084sn02q', 'mem_01h455vb4pex5vsknk084sn02q', 'x'.repeat(26)];

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...fragments, ...dates, ...ids),
  fc.integer({ min: 200, max: 6000 }).map((n) => 'x'.repeat(n)),
  fc.constant('é'.repeat(40_000)),
);

const fieldNames = [
  'name', 'email', 'phone', 'slug', 'timezone', 'currency', 'locale', 'description', 'industry', 'contact', 'settings',
  'start', 'end', 'serviceId', 'resourceId', 'resourceIds', 'customer', 'fields', 'message', 'seats', 'status', 'internalNotes',
  'reason', 'role', 'token', 'weekly', 'weekday', 'ranges', 'date', 'startsAt', 'endsAt', 'sourceIds', 'notes', 'address', 'vehicles',
  'kind', 'capacity', 'details', 'photos', 'multiDay', 'section', 'userId', 'active', 'sortOrder', 'durationMinutes', 'priceMinor',
  'customFields', 'processSteps', 'features', 'bookingMode', 'slotIntervalMinutes', 'password', 'currentPassword', 'newPassword', 'code',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '',
];

const leaf = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -1e308, 1e-308),
  fc.boolean(),
  fc.constant(null),
);

const { value: junkValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...fieldNames), tie('value'), { maxKeys: 4 }),
  ),
}));

/** An object whose keys are the fields routes read, holding wrong, huge or hostile values. */
const fieldObject = fc.dictionary(fc.constantFrom(...fieldNames), junkValue, { minKeys: 1, maxKeys: 8 });

/** A body as raw text: JSON of junk, or text that is not JSON at all. */
const rawBody = fc.oneof(
  { weight: 5, arbitrary: fieldObject.map((o) => JSON.stringify(o)) },
  { weight: 3, arbitrary: junkValue.map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '{"a":',
      '{',
      "{'single': 'quotes'}",
      '\uFEFF{}',
      'undefined',
      '',
      ' ',
      '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      '{"a": 1, "a": 2}',
      '[1, 2, 3]',
      '"string"',
      '12345678901234567890123456789',
    ),
  },
);

const queryKeys = ['page', 'pageSize', 'from', 'to', 'serviceId', 'resourceId', 'customerId', 'status', 'q', 'sort', 'timezone', 'active', 'category', 'kind', 'section', 'seats', 'end', '__proto__', 'constructor'];
const queryString = fc
  .array(fc.tuple(fc.constantFrom(...queryKeys), fc.oneof(junkString, fc.constantFrom('-1', '0', '1e9', '2026-06-02', 'true', 'organization'))), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeParam(k)}=${encodeParam(v)}`).join('&')}` : ''));

/** A path param as sent on the wire: junk percent-encoded, or raw text that is not valid percent-encoding. */
const paramJunk = fc.oneof(
  junkString.map((s) => encodeParam(s === '' ? 'x' : s)),
  fc.constantFrom(...ids, '%2e%2e', '..', '%', '%zz', '%C0%AE', '%E0%A4%A', '%FF%FE', '%00', 'a%2Fb', '%25'),
);

/**
 * A valid body with one field broken: replaced by junk, removed, or joined by a
 * prototype-pollution key. Gets past the schema's shape to the checks behind it.
 */
function brokenTemplate(template: unknown): fc.Arbitrary<string> {
  if (!template || typeof template !== 'object' || Array.isArray(template)) return rawBody;
  const paths: string[][] = [];
  for (const [k, v] of Object.entries(template)) {
    paths.push([k]);
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) paths.push([k, k2]);
  }
  if (!paths.length) return rawBody;
  return fc.tuple(fc.constantFrom(...paths), junkValue, fc.constantFrom('replace', 'replace', 'delete', 'pollute')).map(([path, value, op]) => {
    const copy = structuredClone(template) as Record<string, any>;
    const parent = path.length === 2 ? copy[path[0]!] : copy;
    const key = path[path.length - 1]!;
    if (op === 'replace') parent[key] = value;
    else if (op === 'delete') delete parent[key];
    else Object.defineProperty(parent, '__proto__', { value: { polluted: true, role: 'owner' }, enumerable: true });
    return JSON.stringify(copy);
  });
}

// ─── The sweep ──────────────────────────────────────────────────────────────────────────────

function hashKey(key: string): number {
  let hash = 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

/** Why this answer breaks the rule, or null when it keeps it. */
function violation(res: { status: number; json: any; headers: Headers }, requestId: string, allowRedirect = false): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${JSON.stringify(res.json)?.slice(0, 200)}`;
  if (res.status < 300) return null;
  if (res.status < 400 && allowRedirect && res.headers.get('location')) return null;
  if (!isEnvelope(res.json)) return `answered ${res.status} without the error envelope: ${JSON.stringify(res.json)?.slice(0, 200)}`;
  if (!codes.has(res.json.error.code)) return `answered code ${res.json.error.code}, not one of the fixed set`;
  if (res.json.error.requestId !== requestId) return `answered requestId ${res.json.error.requestId}, not ${requestId}`;
  return null;
}

async function sweep(key: string, arbitrary: fc.Arbitrary<SweepRequest>, runs: number, allowRedirect = false) {
  const seed = (SEED ^ hashKey(key)) | 0;
  // No shrinking (endOnFailure): a failing case is reported as generated, within the time bound.
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (req) => {
      const requestId = newRequestId();
      const res = await send(w.h, { ...req, requestId });
      const why = violation(res, requestId, allowRedirect);
      if (why) throw new Error(`${req.method ?? 'GET'} ${req.path.slice(0, 300)} ${req.rawBody === undefined ? '' : `body ${req.rawBody.slice(0, 200)} `}${why}`);
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${key}: ${cause}\n  reproduce with SWEEP_SEED=${SEED} (fast-check seed ${details.seed})`);
  }
}

describe('bad-input sweep', () => {
  // Names that render as nothing: zero-width and format characters, bidi marks, Hangul fillers,
  // the braille blank, combining marks with no base, ideographic space.
  const invisibleNames = ['\u200B', '\u200F\u200E', '\u3164', '\u2800\u2800', '\u0301\u0308', '\u115F\u1160', '\uFFA0', '\u2060\uFE0F', '\u3000\u200D', '\u034F\u00AD', '\u{E0041}'];

  // First: it builds requests from the routes' examples, which need A as it was before fuzzing.
  it('refuses names made only of invisible characters everywhere a name is taken (400 VALIDATION)', { timeout: 120_000 }, async () => {
    const user = await signUp(w.h);
    const failures: string[] = [];
    const checked: string[] = [];
    let n = 0;
    const next = () => invisibleNames[n++ % invisibleNames.length]!;
    const refused = async (what: string, req: SweepRequest) => {
      const res = await send(w.h, req);
      checked.push(what);
      if (res.status !== 400 || res.json?.error?.code !== 'VALIDATION') failures.push(`${what}: ${res.status} ${JSON.stringify(res.json)?.slice(0, 200)}`);
    };
    // Every route whose successful example sends a name (top level or a customer's), and the
    // partial updates that accept one.
    const addName = new Set(['PATCH /api/v1/orgs/:slug', 'PATCH /api/v1/orgs/:slug/customers/:customerId', 'PATCH /api/v1/orgs/:slug/services/:serviceId']);
    for (const route of appRoutes(w.h).filter((r) => isMutation(r.method))) {
      const examples = [await routeTable[route.key]?.example?.(w)].flat().filter((e): e is Example => !!e);
      const example = examples[0];
      if (!example || !example.body || typeof example.body !== 'object') continue;
      const body = structuredClone(example.body) as Record<string, any>;
      const hasCustomer = body.customer && typeof body.customer === 'object';
      if ('name' in body || addName.has(route.key)) body.name = next();
      else if (hasCustomer && 'name' in body.customer) body.customer.name = next();
      else continue;
      const cookie = example.as === undefined ? w.a.owner.cookie : example.as?.cookie;
      await refused(route.key, { method: example.method ?? route.method, path: example.path, body, cookie });
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'POST /api/v1/orgs',
        'PATCH /api/v1/orgs/:slug',
        'POST /api/v1/orgs/:slug/services',
        'PATCH /api/v1/orgs/:slug/services/:serviceId',
        'POST /api/v1/orgs/:slug/resources',
        'PATCH /api/v1/orgs/:slug/resources/:resourceId',
        'POST /api/v1/orgs/:slug/bookings',
        'POST /api/v1/public/orgs/:slug/bookings',
        'PATCH /api/v1/orgs/:slug/customers/:customerId',
      ]),
    );
    // Accounts: the sign-up and profile names.
    for (const name of invisibleNames) {
      await refused(`sign-up ${JSON.stringify(name)}`, { path: '/api/auth/sign-up/email', body: { email: `${uniq('inv')}@example.test`, name, password: 'correct-horse-battery' } });
      await refused(`update-user ${JSON.stringify(name)}`, { path: '/api/auth/update-user', body: { name }, cookie: user.cookie });
    }
    expect(failures).toEqual([]);
    // Invisible characters inside a visible name are still fine (joined emoji, decomposed accents).
    const fine = await send(w.h, { path: '/api/auth/update-user', body: { name: 'Zoe\u0308 👩\u200D👩\u200D👧' }, cookie: user.cookie });
    expect(fine.status).toBe(200);
  });

  it('every /api/v1 route answers junk with a 4xx in the envelope, never a 5xx (owner and anonymous)', { timeout: 300_000 }, async () => {
    const routes = appRoutes(w.h);
    expect(routes.length).toBeGreaterThan(45);
    const values = paramValues(w);
    const failures: string[] = [];
    // Examples first: fuzzing may legitimately change A (close its hours, move its zone), and
    // the builders need the world as it was.
    const examples = new Map<string, Example | undefined>();
    for (const route of routes.filter((r) => isMutation(r.method))) examples.set(route.key, [await routeTable[route.key]?.example?.(w)].flat()[0]);
    for (const route of routes) {
      if (!routeTable[route.key]) failures.push(`${route.key} is not in routeTable (tests/support/sweep-world.ts)`);
      const params = [...route.path.matchAll(/:([A-Za-z]+)(?![A-Za-z{])/g)].map((m) => m[1]!);
      const paramArb = fc.record(Object.fromEntries(params.map((p) => [p, fc.oneof(fc.constant(encodeParam(values[p] ?? 'x')), paramJunk)])));
      const mutation = isMutation(route.method);
      // A request that would succeed, to break one field at a time (on fresh rows of A).
      const example = examples.get(route.key);
      for (const [who, cookie] of [['owner', w.a.owner.cookie], ['anonymous', undefined]] as const) {
        const junk = fc
          .tuple(paramArb, queryString, mutation ? fc.option(rawBody, { nil: undefined, freq: 8 }) : fc.constant(undefined))
          .map(([p, query, body]): SweepRequest => ({
            method: route.method,
            path: fillPath(route.path, p as Record<string, string>, { raw: true }) + query,
            rawBody: body,
            cookie,
          }));
        const broken = example
          ? brokenTemplate(example.body).map((body): SweepRequest => ({ method: route.method, path: example.path, rawBody: body, cookie: example.as === undefined ? cookie : example.as?.cookie }))
          : undefined;
        const arbitrary = broken ? fc.oneof(junk, broken) : junk;
        try {
          await sweep(`${route.key} as ${who}`, arbitrary, NUM_RUNS);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('every Better Auth POST endpoint answers junk with a 4xx in the envelope, never a 5xx', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (const path of authPostPaths(w.h)) {
      if (!authRouteTable[path]) failures.push(`${path} is not in authRouteTable (tests/support/auth-routes.ts)`);
      for (const [who, cookie] of [['a signed-in user', authUser.cookie], ['anonymous', undefined]] as const) {
        const arbitrary = rawBody.map((body): SweepRequest => ({ method: 'POST', path: `/api/auth${path.replace(':id', 'github')}`, rawBody: body, cookie }));
        try {
          await sweep(`POST /api/auth${path} as ${who}`, arbitrary, AUTH_NUM_RUNS, path === '/callback/:id');
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  // Characters no database text column can hold: NUL, and UTF-16 surrogates without their
  // pair (JSON can carry both as escapes). Sent deterministically in every field Better Auth
  // reads, so an endpoint that passes them to the database (a 500, an unrecorded failed
  // sign-in) cannot hide behind the random sample above.
  it('every Better Auth endpoint refuses NUL and lone surrogates with 400 in the envelope (body, query and path)', { timeout: 120_000 }, async () => {
    const user = await signUp(w.h);
    const unstorable = ['\u0000', '\uD800', '\uDC00'];
    const fields = ['email', 'password', 'name', 'image', 'token', 'code', 'newPassword', 'currentPassword', 'callbackURL', 'provider', 'providerId', 'newEmail'];
    const failures: string[] = [];
    const expect400 = async (what: string, req: SweepRequest) => {
      const requestId = newRequestId();
      const res = await send(w.h, { ...req, requestId });
      if (res.status !== 400 || res.json?.error?.code !== 'VALIDATION' || res.json.error.requestId !== requestId) {
        failures.push(`${what}: ${res.status} ${JSON.stringify(res.json)?.slice(0, 160)}`);
      }
    };
    for (const path of authPostPaths(w.h)) {
      const route = authRouteTable[path];
      const base = route?.kind === 'disabled' ? (route.body ?? {}) : {};
      for (const [i, field] of fields.entries()) {
        const ch = unstorable[i % unstorable.length]!;
        await expect400(`POST ${path} ${field}=${JSON.stringify(ch)}`, {
          method: 'POST',
          path: `/api/auth${path.replace(':id', 'github')}`,
          rawBody: JSON.stringify({ ...base, [field]: `a${ch}b@example.test` }),
          cookie: user.cookie,
        });
      }
    }
    // The four the adversarial run found, by name, anonymous and signed in; a key; a form body.
    await expect400('sign-in email', { path: '/api/auth/sign-in/email', body: { email: 'a\u0000@example.test', password: 'whatever-pass' } });
    await expect400('reset-password token', { path: '/api/auth/reset-password', body: { token: 'tok\uD800en', newPassword: 'another-horse-battery' } });
    await expect400('update-user image', { path: '/api/auth/update-user', body: { image: 'https://x.test/\u0000.png' }, cookie: user.cookie });
    await expect400('revoke-session token', { path: '/api/auth/revoke-session', body: { token: '\uDC00' }, cookie: user.cookie });
    await expect400('a key', { path: '/api/auth/sign-in/email', body: { email: 'a@example.test', password: 'whatever-pass', ['k\u0000']: 1 } });
    await expect400('a form body', {
      path: '/api/auth/sign-in/email',
      rawBody: new URLSearchParams({ email: 'a\u0000@example.test', password: 'whatever-pass' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expect400('a query string', { method: 'GET', path: '/api/auth/reset-password/x?callbackURL=%2F%00' });
    await expect400('a path', { method: 'GET', path: '/api/auth/reset-password/%00?callbackURL=%2F' });
    expect(failures).toEqual([]);
    // Ordinary text still passes the check (the sign-in answers on the credentials).
    expect((await send(w.h, { path: '/api/auth/sign-in/email', body: { email: 'zoe@example.test', password: 'zoë whatever 👩‍👩‍👧' } })).status).toBe(401);
  });

});

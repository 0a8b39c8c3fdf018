/**
 * The OpenAPI document is the contract as API users read it: generated from the route
 * declarations, it must name every route the app serves (and nothing else), describe each
 * one fully, and accept the real requests and answers of the sweep world — the example that
 * makes each mutation succeed, and what each read answers — validated against the document's
 * own JSON Schemas by an independent validator (ajv, JSON Schema 2020-12, with formats).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './support/sweep-client';
import { appRoutes, createWorld, type Example, fillPath, isMutation, paramValues, routeTable, SWEEP_METRICS_TOKEN, type World } from './support/sweep-world';

let w: World;
let doc: any;
beforeAll(async () => {
  w = await createWorld();
  const res = await w.h.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
}, 120_000);
afterAll(() => w?.h.close());

const toOpenApiPath = (honoPath: string) => honoPath.replace(/^\/api\/v1/, '').replace(/:([A-Za-z]+)(\{[^}]*\})?/g, '{$1}');
const methods = ['get', 'post', 'put', 'patch', 'delete'];

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // The formats the document declares (date-time, uri, email…) are checked, not ignored.
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  // Schemas refer to `#/components/schemas/X`: resolve them inside the document.
  return (schema: unknown) => ajv.compile({ ...(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object) });
}

describe('GET /api/v1/openapi.json', () => {
  it('is OpenAPI 3.1 and lists exactly the routes the app serves', () => {
    expect(doc.openapi).toBe('3.1.0');
    const served = appRoutes(w.h).map((r) => `${r.method} ${toOpenApiPath(r.path)}`).sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented, 'routes served but not in the document, or documented but not served').toEqual(served);
  });

  it('describes every operation: summary, tags, a success answer, each path parameter, and the error envelope', () => {
    const problems: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const label = `${method.toUpperCase()} ${p}`;
        if (!op.summary) problems.push(`${label}: no summary`);
        if (!op.tags?.length) problems.push(`${label}: no tags`);
        const statuses = Object.keys(op.responses ?? {});
        if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${label}: no success response`);
        for (const name of p.match(/\{([^}]+)\}/g)?.map((m) => m.slice(1, -1)) ?? []) {
          if (!op.parameters?.some((x: any) => x.in === 'path' && x.name === name && x.required)) problems.push(`${label}: path parameter ${name} not declared`);
        }
        for (const s of statuses.filter((x) => x.startsWith('4'))) {
          if (op.responses[s].content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error') problems.push(`${label}: ${s} is not the error envelope`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("accepts each mutation's working example and each read's real answer (validated against the document's schemas)", { timeout: 240_000 }, async () => {
    const compile = validator();
    const problems: string[] = [];
    const values = paramValues(w);
    for (const route of appRoutes(w.h)) {
      const spec = routeTable[route.key];
      if (!spec) continue; // the route sweep reports unclassified routes
      const op = doc.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()];
      if (!op) continue; // reported above
      if (isMutation(route.method)) {
        for (const ex of [await spec.example!(w)].flat() as Example[]) {
          const bodySchema = op.requestBody?.content?.['application/json']?.schema;
          if (ex.body !== undefined && bodySchema) {
            const validate = compile(bodySchema);
            if (!validate(ex.body)) problems.push(`${route.key} example body: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
          }
          if (ex.body !== undefined && !bodySchema) problems.push(`${route.key}: takes a body the document does not describe`);
        }
        continue;
      }
      const headers = spec.access === 'operator' ? { authorization: `Bearer ${SWEEP_METRICS_TOKEN}` } : undefined;
      const cookie = spec.access === 'tenant' || spec.access === 'session' ? w.a.owner.cookie : undefined;
      const res = await send(w.h, { method: 'GET', path: fillPath(route.path, values) + (spec.query?.(w) ?? ''), cookie, headers });
      const schema = op.responses?.[String(res.status)]?.content?.['application/json']?.schema;
      if (res.status !== 200) problems.push(`${route.key}: answered ${res.status}`);
      else if (schema) {
        const validate = compile(schema);
        if (!validate(res.json)) problems.push(`${route.key} answer: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

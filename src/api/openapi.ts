/**
 * How a route is declared (decision 0006). Every /api/v1 route is a `createRoute` config with
 * its request schemas (params, query, JSON body) and response schemas taken from the module's
 * `schemas.ts`, registered on a `router()`:
 *
 * - validation failures become the one 400 envelope with `details.fields`, exactly as
 *   `parseInput` words them;
 * - a route with a JSON body has it read by `readJsonBody` first (content type, size, empty or
 *   malformed JSON → 400), so the validator only ever sees parsed JSON;
 * - `'x-permission'` on a route is checked before anything is parsed, so a caller without the
 *   right gets 403 whatever they sent (the use case checks it again: it is the authority);
 * - `'x-challenge'` puts the route behind its organization's public-form challenge
 *   (src/api/middleware/public-challenge.ts), checked before the route's limit and body;
 * - `'x-rate-limit'` names the route's own limit (src/api/middleware/rate-limit.ts `routeLimits`),
 *   counted before the body is parsed;
 * - the handler's answer is typed against the declared responses, and the client's types and
 *   the OpenAPI document are derived from the same declaration.
 */
import { createRoute, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { readJson } from '@/api/body';
import { type ChallengeScope, requirePublicChallenge } from '@/api/middleware/public-challenge';
import { type RouteLimit, routeLimits } from '@/api/middleware/rate-limit';
import { errorEnvelope } from '@/api/schemas';
import type { ApiEnv } from '@/api/types';
import { authorize, type Permission, validationFailure } from '@/modules/kernel';

export { createRoute };
export { errorEnvelope };

// ─── Declaring routes ───────────────────────────────────────────────────────────────────────

const targetLabels: Record<string, string> = { json: 'request body', query: 'query', param: 'path', header: 'header', cookie: 'cookie', form: 'form' };

/** A sub-app whose `openapi()` registers a declared route with our validation and guards. */
export function router() {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailure(result.error, targetLabels[result.target] ?? 'request');
    },
  });
  const register = app.openapi;
  app.openapi = ((route: RouteConfig, handler: never, hook: never) => {
    const before: MiddlewareHandler<ApiEnv>[] = [];
    const permission = (route as { 'x-permission'?: Permission })['x-permission'];
    if (permission) before.push(requirePermission(permission));
    const challenge = (route as { 'x-challenge'?: ChallengeScope })['x-challenge'];
    if (challenge) before.push(requirePublicChallenge(challenge));
    const limit = (route as { 'x-rate-limit'?: RouteLimit })['x-rate-limit'];
    if (limit) before.push(routeLimits[limit]);
    const body = route.request?.body;
    if (body) before.push(body.required ? readJsonBody : readOptionalJsonBody);
    const own = route.middleware ? [route.middleware].flat() : [];
    return register({ ...route, middleware: [...before, ...own] as never }, handler, hook);
  }) as typeof app.openapi;
  return app;
}

function requirePermission(permission: Permission): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    authorize(c.get('ctx'), permission);
    await next();
  };
}

/** Reads and parses the JSON body with our rules (400s in the envelope, size cap) before validation. */
const readJsonBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
  await readJson(c);
  await next();
};

/** An optional body (a transition's reason): none at all counts as `{}`. */
const readOptionalJsonBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (hasBody(c)) await readJson(c);
  await next();
};

const hasBody = (c: Context) => c.req.header('content-length') !== '0' && !!(c.req.header('content-type') || c.req.header('transfer-encoding'));

// ─── Pieces of a route config ───────────────────────────────────────────────────────────────

/** A required JSON body validated with `schema`. */
export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  content: { 'application/json': { schema } },
  required: true as const,
  ...(description ? { description } : {}),
});

/** An optional JSON body: absent means `{}` (validated as such). */
export const optionalJsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  content: { 'application/json': { schema } },
  required: false as const,
  ...(description ? { description } : {}),
});

/** A JSON answer. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const error = (description: string) => json(errorEnvelope, description);

/**
 * The error answers a route can give, by who may call it. Declared so the OpenAPI document is
 * complete and the client knows every status; the envelope is the same for all.
 */
export const errors = {
  public: {
    400: error('The request is not valid: `details.fields` lists each problem.'),
    404: error('Not found.'),
    429: error('Too many requests: see `Retry-After`.'),
    503: error('Temporarily unavailable.'),
  },
  session: {
    400: error('The request is not valid: `details.fields` lists each problem.'),
    401: error('Sign in first.'),
    404: error('Not found (another organization’s data is never revealed).'),
    429: error('Too many requests: see `Retry-After`.'),
    503: error('Temporarily unavailable.'),
  },
  tenant: {
    400: error('The request is not valid: `details.fields` lists each problem.'),
    401: error('Sign in first.'),
    403: error('Your role does not allow this (`details.permission`), or two-factor authentication is required.'),
    404: error('Not found (another organization’s data is never revealed).'),
    429: error('Too many requests: see `Retry-After`.'),
    503: error('Temporarily unavailable.'),
  },
} as const;

/** The public-form challenge's refusal (routes declaring `'x-challenge'`). */
export const challengeResponse = error(
  "The organization asks public forms for a solved proof-of-work challenge: fetch one from `GET /public/orgs/{slug}/challenge`, solve it (ALTCHA) and send `X-Altcha: base64(JSON({ challenge, solution }))`. `details.reason`: `challenge_required` (none sent) or `challenge_invalid` (wrong, expired, another organization's, or already used; `details.why`).",
);

export const conflictResponse = error('It collides with current data: `details` says what (for a taken slot, `alternatives`).');
export const ruleResponse = error('A business rule refuses it: `details.rule` names the rule.');
export const noContent = { description: 'Done; no content.' } as const;

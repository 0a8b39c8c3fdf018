/**
 * The Hono app for everything under /api: Better Auth at /api/auth/*, Bookline's API at
 * /api/v1. Built from its dependencies so tests run it in-process with `app.request()`.
 */
import { Hono, type HonoRequest } from 'hono';
import { codeForStatus, errorBody, respondError } from '@/api/errors';
import { type ApiMetrics, createMetrics } from '@/api/metrics';
import { docsRoutes, openApiDocument } from '@/api/docs';
import { responseContract } from '@/api/response-contract';
import { createRoute, json, router } from '@/api/openapi';
import { openApiDocumentDto } from '@/api/schemas';
import { apiLimit, authLimits, createRateLimits, rateLimitSettingsFromEnv } from '@/api/middleware/rate-limit';
import { csrfGuard } from '@/api/middleware/csrf';
import { challengeKeys } from '@/api/middleware/sign-in-challenge';
import { publicChallengeKeys } from '@/api/middleware/public-challenge';
import { requestContext } from '@/api/middleware/request-context';
import { securityHeaders } from '@/api/middleware/security-headers';
import { publicFeedRoutes } from '@/api/routes/feeds';
import { meRoutes } from '@/api/routes/me';
import { meLoyaltyRoutes } from '@/api/routes/loyalty';
import { meReviewRoutes } from '@/api/routes/reviews';
import { orgRoutes } from '@/api/routes/orgs';
import { publicRoutes } from '@/api/routes/public';
import { systemRoutes } from '@/api/routes/system';
import type { ApiDeps, ApiEnv } from '@/api/types';
import { env } from '@/lib/env';
import { MAX_BODY_BYTES, payloadTooLarge, validationError } from '@/lib/errors';
import { hasUnstorableText, UNSTORABLE_MESSAGE } from '@/lib/text';
import { CLIENT_IP_HEADER, recentSignInAddresses } from '@/modules/identity';

export type { ApiDeps } from '@/api/types';


export function createApp(deps: ApiDeps) {
  const app = new Hono<ApiEnv>();
  const metrics = createMetrics(deps.database);
  const baseUrl = deps.baseUrl ?? env().BASE_URL;
  // Ours: the deployment's own origins; a test's explicit baseUrl alone.
  const origins = deps.origins ?? (deps.baseUrl ? [new URL(deps.baseUrl).origin] : env().origins);

  // First, so it times and counts every answer, including those of the middleware below.
  app.use('*', metrics.middleware);
  app.use('*', securityHeaders(baseUrl)); // it decorates every answer, errors included
  app.use('*', requestContext(deps));
  app.use('*', csrfGuard(origins));
  // A declared length over the limit is refused before reading; bodies without one (chunked)
  // are measured where they are read (jsonBody, withClientIp). Hono's bodyLimit is not used:
  // it re-wraps the request, which fails on the node server's lightweight request (500 on a
  // DELETE without a body, or any chunked body).
  app.use('*', async (c, next) => {
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw payloadTooLarge();
    await next();
  });
  // The sign-in rule reads who signed in from where (the account log) and signs its challenges
  // with a key derived from the auth secret, shared by every instance.
  const signInPolicy = {
    knownAddresses: (email: string) => recentSignInAddresses(deps.database.db, email),
    challengeKeys: challengeKeys(deps.auth.options.secret ?? ''),
  };
  const limits = deps.rateLimits ?? createRateLimits({ settings: rateLimitSettingsFromEnv(env()), logger: deps.logger });
  app.use('*', apiLimit(limits));
  // Public forms' proof of work (public-challenge.ts): its own keys, from the same secret.
  const formChallengeKeys = publicChallengeKeys(deps.auth.options.secret ?? '');
  app.use('/api/v1/*', async (c, next) => {
    c.set('publicChallengeKeys', formChallengeKeys);
    await next();
  });
  // A change that was written: the realtime publisher goes now instead of at its next tick.
  if (deps.realtime) {
    const realtime = deps.realtime;
    app.use('*', async (c, next) => {
      await next();
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400) realtime.wake();
    });
  }

  app.use('/api/auth/*', authLimits(limits, signInPolicy));
  app.on(['GET', 'POST'], '/api/auth/*', async (c) => {
    await refuseUnstorableText(c.req);
    const res = await deps.auth.handler(await withClientIp(c.req, c.get('ctx').request.ip, c.get('requestId')));
    return res.status >= 400 ? toEnvelope(res, c.get('requestId')) : res;
  });

  const v1 = v1Routes(deps, metrics);
  if (deps.checkResponses) app.use('/api/v1/*', responseContract(v1, '/api/v1'));
  app.route('/api/v1', v1);
  app.route('/api/docs', docsRoutes(baseUrl));

  app.notFound((c) => c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`, c.get('requestId')), 404));
  app.onError((err, c) => respondError(c, err, c.get('requestId') ?? 'unknown', c.get('log') ?? deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * Everything under /api/v1, declared route by route (src/api/openapi.ts). Its type is the
 * contract the pages' client is typed from (`ApiRoutes`), and its registry is the OpenAPI
 * document.
 */
export function v1Routes(deps: ApiDeps, metrics: ApiMetrics) {
  const v1 = router()
    .route('/', systemRoutes(deps, metrics))
    .route('/public', publicRoutes(deps))
    .route('/', publicFeedRoutes())
    .route('/orgs', orgRoutes(deps))
    .route('/', meRoutes(deps))
    .route('/', meReviewRoutes(deps))
    .route('/', meLoyaltyRoutes(deps));
  let document: ReturnType<typeof openApiDocument> | undefined;
  return v1.openapi(openApiRoute, (c) => c.json((document ??= openApiDocument(v1)) as unknown as Record<string, unknown>, 200));
}

const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['System'],
  summary: 'This document: OpenAPI 3.1, generated from the declared routes',
  security: [],
  responses: { 200: json(openApiDocumentDto, 'The OpenAPI document') },
});

export type ApiRoutes = ReturnType<typeof v1Routes>;

/**
 * The request as Better Auth should see it: the client address we resolved in our header,
 * never the client's, and our request id (the account audit records both). Rebuilt from its
 * parts: under the node server the incoming object is Hono's lightweight request, which
 * `new Request(request, init)` cannot copy. The body comes through Hono's cache, since the
 * rate limiter may have read it already. Bodies are small here (the body limit applies first).
 */
async function withClientIp(req: HonoRequest, ip: string | null, requestId: string): Promise<Request> {
  const request = req.raw;
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  headers.set('x-request-id', requestId);
  const body = request.method !== 'GET' && request.method !== 'HEAD' ? await req.arrayBuffer() : undefined;
  if (body && body.byteLength > MAX_BODY_BYTES) throw payloadTooLarge();
  return new Request(request.url, { method: request.method, headers, body });
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json/i;
const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/**
 * NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL in text; a lone surrogate
 * has no UTF-8 form), and Better Auth passes strings to the database as it got them: a NUL in
 * a sign-in email or a reset token answered 500, and the failed sign-in went unrecorded. One
 * check on everything a client sends Better Auth (query, path, JSON or form body) answers 400
 * first. Unparseable bodies are Better Auth's to refuse.
 */
async function refuseUnstorableText(req: HonoRequest): Promise<void> {
  let path = req.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // malformed escapes: Better Auth's router answers 404
  }
  const query = [...new URL(req.url).searchParams.entries()];
  const found = (v: unknown) => hasUnstorableText(v);
  let bad = found(path) || query.some(([k, v]) => found(k) || found(v));
  if (!bad && req.method !== 'GET' && req.method !== 'HEAD') {
    const type = req.header('content-type') ?? '';
    const bytes = await req.arrayBuffer();
    if (bytes.byteLength > MAX_BODY_BYTES) throw payloadTooLarge();
    const text = new TextDecoder().decode(bytes);
    if (JSON_TYPE.test(type)) {
      try {
        bad = found(JSON.parse(text));
      } catch {
        // not JSON: Better Auth answers 400
      }
    } else if (FORM_TYPE.test(type)) {
      try {
        const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
        bad = [...form.entries()].some(([k, v]) => found(k) || (typeof v === 'string' && found(v)));
      } catch {
        // unreadable form: Better Auth answers 400
      }
    }
  }
  if (bad) throw validationError(`Text ${UNSTORABLE_MESSAGE}.`, { reason: 'UNSTORABLE_TEXT' });
}

/** Better Auth answers errors as `{ code, message }`; re-shape them into the one envelope. */
async function toEnvelope(res: Response, requestId: string): Promise<Response> {
  let message = res.statusText || 'Request failed.';
  let authCode: string | undefined;
  try {
    const body = (await res.clone().json()) as { message?: string; code?: string };
    if (body?.message) message = body.message;
    authCode = body?.code;
  } catch {
    // not JSON: keep the status text
  }
  const headers = new Headers(res.headers);
  headers.set('content-type', 'application/json; charset=UTF-8');
  headers.delete('content-length');
  const body = errorBody(codeForStatus(res.status), message, requestId, authCode ? { authCode } : undefined);
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

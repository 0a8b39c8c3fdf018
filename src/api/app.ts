/**
 * The Hono app for everything under /api: Better Auth at /api/auth/*, Bookline's API at
 * /api/v1. Built from its dependencies so tests run it in-process with `app.request()`.
 */
import { Hono, type HonoRequest } from 'hono';
import { codeForStatus, errorBody, respondError } from '@/api/errors';
import { type ApiMetrics, createMetrics } from '@/api/metrics';
import { docsRoutes, openApiDocument } from '@/api/docs';
import { responseContract } from '@/api/response-contract';
import { createRoute, json, router, z } from '@/api/openapi';
import { createRateLimits, rateLimit, rateLimitSettingsFromEnv } from '@/api/middleware/rate-limit';
import { csrfGuard } from '@/api/middleware/csrf';
import { requestContext } from '@/api/middleware/request-context';
import { securityHeaders } from '@/api/middleware/security-headers';
import { meRoutes } from '@/api/routes/me';
import { orgRoutes } from '@/api/routes/orgs';
import { publicRoutes } from '@/api/routes/public';
import { systemRoutes } from '@/api/routes/system';
import type { ApiDeps, ApiEnv } from '@/api/types';
import { env } from '@/lib/env';
import { MAX_BODY_BYTES, payloadTooLarge } from '@/lib/errors';
import { CLIENT_IP_HEADER } from '@/modules/identity';

export type { ApiDeps } from '@/api/types';


export function createApp(deps: ApiDeps) {
  const app = new Hono<ApiEnv>();
  const metrics = createMetrics(deps.database);
  const baseUrl = deps.baseUrl ?? env().BASE_URL;

  // First, so it times and counts every answer, including those of the middleware below.
  app.use('*', metrics.middleware);
  app.use('*', securityHeaders(baseUrl)); // it decorates every answer, errors included
  app.use('*', requestContext(deps));
  app.use('*', csrfGuard(baseUrl));
  // A declared length over the limit is refused before reading; bodies without one (chunked)
  // are measured where they are read (jsonBody, withClientIp). Hono's bodyLimit is not used:
  // it re-wraps the request, which fails on the node server's lightweight request (500 on a
  // DELETE without a body, or any chunked body).
  app.use('*', async (c, next) => {
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw payloadTooLarge();
    await next();
  });
  app.use('*', rateLimit(deps.rateLimits ?? createRateLimits({ settings: rateLimitSettingsFromEnv(env()), logger: deps.logger })));

  app.on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const res = await deps.auth.handler(await withClientIp(c.req, c.var.ctx.request.ip, c.var.requestId));
    return res.status >= 400 ? toEnvelope(res, c.var.requestId) : res;
  });

  const v1 = v1Routes(deps, metrics);
  if (deps.checkResponses) app.use('/api/v1/*', responseContract(v1, '/api/v1'));
  app.route('/api/v1', v1);
  app.route('/api/docs', docsRoutes(baseUrl));

  app.notFound((c) => c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`, c.var.requestId), 404));
  app.onError((err, c) => respondError(c, err, c.var.requestId ?? 'unknown', c.var.log ?? deps.logger));
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
    .route('/public', publicRoutes())
    .route('/orgs', orgRoutes(deps))
    .route('/', meRoutes(deps));
  let document: ReturnType<typeof openApiDocument> | undefined;
  return v1.openapi(openApiRoute, (c) => c.json((document ??= openApiDocument(v1)) as unknown as Record<string, unknown>, 200));
}

const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['System'],
  summary: 'This document: OpenAPI 3.1, generated from the declared routes',
  security: [],
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document') },
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

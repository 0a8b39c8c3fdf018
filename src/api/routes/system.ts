import { createRoute, errorEnvelope, json, router } from '@/api/openapi';
import { healthDto, metricsText, readyDto } from '@/api/schemas';
import { errorBody } from '@/api/errors';
import type { ApiMetrics } from '@/api/metrics';
import type { ApiDeps } from '@/api/types';
import { safeEqual, sha256 } from '@/lib/crypto';

const tags = ['System'];

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags,
  summary: 'The process is up',
  responses: { 200: json(healthDto, 'Up') },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags,
  summary: 'The database answers and the process is not draining',
  responses: {
    200: json(readyDto, 'Ready'),
    503: json(errorEnvelope, 'Not ready: the database does not answer, or the server is shutting down'),
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags,
  summary: 'Prometheus metrics (with METRICS_TOKEN as a bearer token)',
  security: [{ metricsToken: [] }],
  responses: {
    200: { description: 'Prometheus text format', content: { 'text/plain': { schema: metricsText } } },
    401: json(errorEnvelope, 'A valid metrics token is required'),
    404: json(errorEnvelope, 'No METRICS_TOKEN is configured: the endpoint does not exist'),
  },
});

/**
 * The replica is reported, not required: every instance reads from the same replica, so
 * failing readiness on it would take all of them, writes included, out of the load balancer.
 * While it is down the reads routed to it answer 503 and bookings still work.
 */
async function replicaStatus(deps: ApiDeps, log: { warn(obj: object, msg: string): void }): Promise<{ replica?: 'ok' | 'unavailable' }> {
  const replica = deps.database.kind === 'postgres' ? deps.database.replica : undefined;
  if (!replica) return {};
  try {
    await replica.ping();
    return { replica: 'ok' };
  } catch (err) {
    log.warn({ err }, 'read replica not answering');
    return { replica: 'unavailable' };
  }
}

export function systemRoutes(deps: ApiDeps, metrics: ApiMetrics) {
  return router()
    .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyRoute, async (c) => {
      // A draining process still answers its last requests, but a load balancer should send
      // it no new ones.
      if (deps.lifecycle?.draining) {
        return c.json(errorBody('UNAVAILABLE', 'The server is shutting down.', c.get('requestId')), 503);
      }
      try {
        await deps.database.ping();
        return c.json({ status: 'ok' as const, database: 'ok' as const, ...(await replicaStatus(deps, c.get('log'))) }, 200);
      } catch (err) {
        c.get('log').warn({ err }, 'readiness check failed');
        return c.json(errorBody('UNAVAILABLE', 'The database is not answering.', c.get('requestId')), 503);
      }
    })
    .openapi(metricsRoute, async (c) => {
      const token = deps.metricsToken;
      // Without a configured token there is no safe way to expose it: the route does not exist.
      if (!token) return c.json(errorBody('NOT_FOUND', `No route for GET ${c.req.path}.`, c.get('requestId')), 404);
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
      // Hashing both sides makes the comparison constant-time whatever the lengths.
      if (!safeEqual(sha256(given), sha256(token))) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json(errorBody('UNAUTHENTICATED', 'A valid metrics token is required.', c.get('requestId')), 401);
      }
      c.header('Cache-Control', 'no-store');
      return c.text(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
    });
}

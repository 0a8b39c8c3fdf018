import { Hono } from 'hono';
import { errorBody } from '@/api/errors';
import type { ApiMetrics } from '@/api/metrics';
import type { ApiDeps, ApiEnv } from '@/api/types';
import { safeEqual, sha256 } from '@/lib/crypto';

export function systemRoutes(deps: ApiDeps, metrics: ApiMetrics) {
  return new Hono<ApiEnv>()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      // A draining process still answers its last requests, but a load balancer should send
      // it no new ones.
      if (deps.lifecycle?.draining) {
        return c.json(errorBody('UNAVAILABLE', 'The server is shutting down.', c.var.requestId), 503);
      }
      try {
        await deps.database.ping();
        return c.json({ status: 'ok', database: 'ok' });
      } catch (err) {
        c.var.log.warn({ err }, 'readiness check failed');
        return c.json(errorBody('UNAVAILABLE', 'The database is not answering.', c.var.requestId), 503);
      }
    })
    .get('/metrics', async (c) => {
      const token = deps.metricsToken;
      // Without a configured token there is no safe way to expose it: the route does not exist.
      if (!token) return c.json(errorBody('NOT_FOUND', `No route for GET ${c.req.path}.`, c.var.requestId), 404);
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
      // Hashing both sides makes the comparison constant-time whatever the lengths.
      if (!safeEqual(sha256(given), sha256(token))) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json(errorBody('UNAUTHENTICATED', 'A valid metrics token is required.', c.var.requestId), 401);
      }
      c.header('Cache-Control', 'no-store');
      return c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
    });
}

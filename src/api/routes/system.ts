import { Hono } from 'hono';
import { errorBody } from '@/api/errors';
import type { ApiDeps, ApiEnv } from '@/api/types';

export function systemRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      try {
        await deps.database.ping();
        return c.json({ status: 'ok', database: 'ok' });
      } catch (err) {
        c.var.log.warn({ err }, 'readiness check failed');
        return c.json(errorBody('UNAVAILABLE', 'The database is not answering.', c.var.requestId), 503);
      }
    });
}

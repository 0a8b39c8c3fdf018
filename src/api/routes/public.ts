import { Hono } from 'hono';
import { getPublicProfile } from '@/modules/organizations';
import type { ApiEnv } from '@/api/types';

/** Anonymous endpoints. Nothing here returns anyone's personal data. */
export function publicRoutes() {
  return new Hono<ApiEnv>().get('/orgs/:slug', async (c) => c.json(await getPublicProfile(c.var.ctx, c.req.param('slug'))));
}

import { Hono } from 'hono';
import { publicBookingRoutes } from '@/api/routes/bookings';
import { publicCatalogRoutes } from '@/api/routes/catalog';
import type { ApiDeps, ApiEnv } from '@/api/types';
import { getPublicProfile } from '@/modules/organizations';

/** Anonymous endpoints. Nothing here returns anyone's personal data. */
export function publicRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get('/orgs/:slug', async (c) => c.json(await getPublicProfile(c.var.ctx, c.req.param('slug'))))
    .route('/orgs/:slug', publicCatalogRoutes())
    .route('/', publicBookingRoutes(deps));
}

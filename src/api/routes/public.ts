import { createRoute, errors, json, router } from '@/api/openapi';
import { publicFunnelRoutes } from '@/api/routes/analytics';
import { publicBookingRoutes } from '@/api/routes/bookings';
import { publicCatalogRoutes } from '@/api/routes/catalog';
import { publicProductRoutes } from '@/api/routes/products';
import { publicStreamRoutes } from '@/api/routes/realtime';
import { shopRoutes } from '@/api/routes/shop';
import { publicEventRoutes } from '@/api/routes/events';
import { publicReviewRoutes } from '@/api/routes/reviews';
import type { ApiDeps } from '@/api/types';
import { getPublicProfile, organizationSchemas as s } from '@/modules/organizations';

const publicProfileRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}',
  tags: ['Public'],
  summary: "An organization's public profile",
  request: { params: s.slugParams },
  responses: { 200: json(s.publicProfileDto, 'The profile'), ...errors.public },
});

/** Anonymous endpoints. Nothing here returns anyone's personal data. */
export function publicRoutes(deps: ApiDeps) {
  return router()
    .openapi(publicProfileRoute, async (c) => c.json(await getPublicProfile(c.var.ctx, c.req.valid('param').slug), 200))
    .route('/', publicCatalogRoutes())
    .route('/', publicProductRoutes())
    .route('/', publicBookingRoutes())
    .route('/', publicStreamRoutes(deps))
    .route('/', publicFunnelRoutes())
    .route('/', shopRoutes(deps))
    .route('/', publicEventRoutes())
    .route('/', publicReviewRoutes());
}

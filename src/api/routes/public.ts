import { issuePublicChallenge } from '@/api/middleware/public-challenge';
import { createRoute, errors, json, router } from '@/api/openapi';
import { publicFunnelRoutes } from '@/api/routes/analytics';
import { publicBookingRoutes } from '@/api/routes/bookings';
import { publicCatalogRoutes } from '@/api/routes/catalog';
import { publicProductRoutes } from '@/api/routes/products';
import { publicStreamRoutes } from '@/api/routes/realtime';
import { shopRoutes } from '@/api/routes/shop';
import { publicEventRoutes } from '@/api/routes/events';
import { publicReviewRoutes } from '@/api/routes/reviews';
import { publicChallengeDto } from '@/api/schemas';
import type { ApiDeps } from '@/api/types';
import { notFound } from '@/lib/errors';
import { findOrganizationSettings, getPublicProfile, organizationSchemas as s } from '@/modules/organizations';
import { onReplica } from '@/api/read-replica';

const publicProfileRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}',
  tags: ['Public'],
  summary: "An organization's public profile",
  request: { params: s.slugParams },
  responses: { 200: json(s.publicProfileDto, 'The profile'), ...errors.public },
});

const challengeRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/challenge',
  tags: ['Public'],
  summary: "A proof-of-work challenge (ALTCHA) for the organization's public forms, valid 10 minutes and accepted once",
  description:
    "When the organization's profile says `publicFormChallenge: true`, guest bookings, checkout and reviews must send one, solved, in the `X-Altcha` header: `base64(JSON({ challenge, solution }))` (altcha-lib's `solveChallenge`, or the ALTCHA widget with this URL as its challenge URL). Issued whatever the setting.",
  security: [],
  request: { params: s.slugParams },
  responses: { 200: json(publicChallengeDto, 'The challenge: signed parameters to solve'), ...errors.public },
});

/** Anonymous endpoints. Nothing here returns anyone's personal data. */
export function publicRoutes(deps: ApiDeps) {
  return router()
    // From memory when this instance keeps organizations (organization-cache.ts), else the replica.
    .openapi(publicProfileRoute, async (c) => c.json(await getPublicProfile(onReplica(c), c.req.valid('param').slug), 200))
    .openapi(challengeRoute, async (c) => {
      const org = await findOrganizationSettings(c.get('ctx').db, { slug: c.req.valid('param').slug });
      const keys = c.get('publicChallengeKeys');
      if (!org || !keys) throw notFound('Organization');
      // Answers differ every time and must never be reused from a cache.
      c.header('Cache-Control', 'no-store');
      const { parameters, signature } = await issuePublicChallenge(keys, org.id);
      return c.json({ parameters, signature: signature ?? '' }, 200);
    })
    .route('/', publicCatalogRoutes())
    .route('/', publicProductRoutes())
    .route('/', publicBookingRoutes())
    .route('/', publicStreamRoutes(deps))
    .route('/', publicFunnelRoutes())
    .route('/', shopRoutes(deps))
    .route('/', publicEventRoutes())
    .route('/', publicReviewRoutes());
}

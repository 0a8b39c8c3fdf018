/**
 * Reviews: the moderation queue under `/orgs/{slug}/reviews…` (reviews:moderate), a review of a
 * completed booking through its manage link (`/public/bookings/{token}/review`) or by the
 * signed-in customer owning it (`/me/bookings/{bookingId}/review`), and the approved reviews
 * anyone may read (`/public/orgs/{slug}/services|products/{id}/reviews`, `/reviews/featured`).
 */
import { requireSession } from '@/api/middleware/auth';
import { challengeResponse, conflictResponse, createRoute, errors, json, jsonBody, router, ruleResponse } from '@/api/openapi';
import { errorEnvelope } from '@/api/schemas';
import type { ApiDeps } from '@/api/types';
import { bookingSchemas } from '@/modules/bookings';
import {
  approveReview,
  featureReview,
  getManagedReview,
  getOrderReviews,
  listFeaturedReviews,
  listProductReviews,
  listReviews,
  listServiceReviews,
  rejectReview,
  reviewSchemas as s,
  submitManagedReview,
  submitOrderReview,
  submitOwnReview,
} from '@/modules/reviews';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Reviews'];
const gone = json(errorEnvelope, 'The link was replaced or has expired (`details.reason: link_expired`).');
const notReviewable = json(errorEnvelope, 'The booking is not completed (`details.reason: not_completed`).');
const already = json(errorEnvelope, 'The booking already has a review (`details.reason: already_reviewed`).');

// ─── Moderation: /orgs/{slug}/reviews ───────────────────────────────────────────────────────

const listReviewsRoute = createRoute({
  method: 'get',
  path: '/{slug}/reviews',
  tags,
  summary: 'The moderation queue: pending first, then newest; filter by status and subject',
  'x-permission': 'reviews:moderate',
  request: { params: organizationSchemas.slugParams, query: s.listReviewsQuery },
  responses: { 200: json(s.reviewPage, 'A page of reviews'), ...errors.tenant },
});

const approveReviewRoute = createRoute({
  method: 'post',
  path: '/{slug}/reviews/{reviewId}/approve',
  tags,
  summary: 'Approve a review: it is shown publicly and counted in the average',
  'x-permission': 'reviews:moderate',
  request: { params: s.reviewParams },
  responses: { 200: json(s.reviewDto, 'The approved review'), 409: conflictResponse, ...errors.tenant },
});

const rejectReviewRoute = createRoute({
  method: 'post',
  path: '/{slug}/reviews/{reviewId}/reject',
  tags,
  summary: 'Reject a review with a reason (required); an approved one leaves the public pages and the average',
  'x-permission': 'reviews:moderate',
  request: { params: s.reviewParams, body: jsonBody(s.rejectReviewInput) },
  responses: { 200: json(s.reviewDto, 'The rejected review'), 409: conflictResponse, ...errors.tenant },
});

const featureReviewRoute = createRoute({
  method: 'put',
  path: '/{slug}/reviews/{reviewId}/featured',
  tags,
  summary: 'Feature or unfeature a review (only an approved one can be featured)',
  'x-permission': 'reviews:moderate',
  request: { params: s.reviewParams, body: jsonBody(s.featureReviewInput) },
  responses: { 200: json(s.reviewDto, 'The review'), 422: ruleResponse, ...errors.tenant },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function reviewRoutes() {
  return router()
    .openapi(listReviewsRoute, async (c) => c.json(await listReviews(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(approveReviewRoute, async (c) => c.json(await approveReview(c.get('ctx'), c.req.valid('param').reviewId), 200))
    .openapi(rejectReviewRoute, async (c) => c.json(await rejectReview(c.get('ctx'), c.req.valid('param').reviewId, c.req.valid('json')), 200))
    .openapi(featureReviewRoute, async (c) => c.json(await featureReview(c.get('ctx'), c.req.valid('param').reviewId, c.req.valid('json')), 200));
}

// ─── Anyone: the manage link's review, approved reviews ─────────────────────────────────────

const publicTags = ['Public'];

const getManagedReviewRoute = createRoute({
  method: 'get',
  path: '/bookings/{token}/review',
  tags: publicTags,
  summary: 'Whether the booking a manage link opens can be reviewed, and the review sent for it',
  security: [],
  request: { params: bookingSchemas.tokenParams },
  responses: { 200: json(s.reviewEligibilityDto, 'Eligibility and the review, if any'), 410: gone, ...errors.public },
});

const submitManagedReviewRoute = createRoute({
  method: 'post',
  path: '/bookings/{token}/review',
  tags: publicTags,
  summary: 'Review a completed booking through its manage link (one review per booking; moderated before it is shown)',
  security: [],
  'x-challenge': 'manageToken',
  request: { params: bookingSchemas.tokenParams, body: jsonBody(s.submitReviewInput) },
  responses: { 201: json(s.ownReviewDto, 'The review, pending moderation'), 403: challengeResponse, 409: already, 410: gone, 422: notReviewable, ...errors.public },
});

const orderReviewsRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/orders/{orderToken}/reviews',
  tags: publicTags,
  summary: "Each line of the order a status link opens: whether it can be reviewed, and the review sent for it",
  security: [],
  request: { params: s.orderReviewsParams },
  responses: { 200: json(s.orderReviewsDto, 'The order lines and their reviews'), ...errors.public },
});

const submitOrderReviewRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/orders/{orderToken}/lines/{orderLineId}/review',
  tags: publicTags,
  summary: 'Review a product bought in a fulfilled or delivered order, through its status link (one review per line; moderated before it is shown)',
  security: [],
  'x-challenge': 'slug',
  request: { params: s.orderLineReviewParams, body: jsonBody(s.submitReviewInput) },
  responses: {
    201: json(s.ownReviewDto, 'The review, pending moderation'),
    403: challengeResponse,
    409: json(errorEnvelope, 'The line already has a review (`details.reason: already_reviewed`).'),
    422: json(errorEnvelope, 'The order is not fulfilled yet (`not_received`) or the product is no longer sold (`product_unavailable`).'),
    ...errors.public,
  },
});

const serviceReviewsRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/services/{serviceId}/reviews',
  tags: publicTags,
  summary: "A service's approved reviews (featured first, then newest) with its average rating and count",
  security: [],
  request: { params: s.publicServiceReviewsParams, query: s.publicReviewsQuery },
  responses: { 200: json(s.publicReviewPage, 'A page of approved reviews'), ...errors.public },
});

const productReviewsRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/products/{productId}/reviews',
  tags: publicTags,
  summary: "A product's approved reviews (featured first, then newest) with its average rating and count",
  security: [],
  request: { params: s.publicProductReviewsParams, query: s.publicReviewsQuery },
  responses: { 200: json(s.publicReviewPage, 'A page of approved reviews'), ...errors.public },
});

const featuredReviewsRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/reviews/featured',
  tags: publicTags,
  summary: "The organization's featured reviews, newest first (at most 6)",
  security: [],
  request: { params: organizationSchemas.slugParams },
  responses: { 200: json(s.featuredReviewsDto, 'Featured reviews'), ...errors.public },
});

/** `/api/v1/public/…`: mounted with the other anonymous routes. */
export function publicReviewRoutes() {
  return router()
    .openapi(getManagedReviewRoute, async (c) => c.json(await getManagedReview(c.get('ctx'), c.req.valid('param').token), 200))
    .openapi(submitManagedReviewRoute, async (c) => c.json(await submitManagedReview(c.get('ctx'), c.req.valid('param').token, c.req.valid('json')), 201))
    .openapi(orderReviewsRoute, async (c) => {
      const { slug, orderToken } = c.req.valid('param');
      return c.json(await getOrderReviews(c.get('ctx'), slug, orderToken), 200);
    })
    .openapi(submitOrderReviewRoute, async (c) => {
      const { slug, orderToken, orderLineId } = c.req.valid('param');
      return c.json(await submitOrderReview(c.get('ctx'), slug, orderToken, orderLineId, c.req.valid('json')), 201);
    })
    .openapi(serviceReviewsRoute, async (c) => {
      const { slug, serviceId } = c.req.valid('param');
      return c.json(await listServiceReviews(c.get('ctx'), slug, serviceId, c.req.valid('query')), 200);
    })
    .openapi(productReviewsRoute, async (c) => {
      const { slug, productId } = c.req.valid('param');
      return c.json(await listProductReviews(c.get('ctx'), slug, productId, c.req.valid('query')), 200);
    })
    .openapi(featuredReviewsRoute, async (c) => c.json(await listFeaturedReviews(c.get('ctx'), c.req.valid('param').slug), 200));
}

// ─── The signed-in customer: /me/bookings/{bookingId}/review ───────────────────────────────

const submitOwnReviewRoute = createRoute({
  method: 'post',
  path: '/me/bookings/{bookingId}/review',
  tags: ['Me'],
  summary: 'Review a completed booking of yours (made by you or under your email); one review per booking',
  request: { params: s.ownBookingParams, body: jsonBody(s.submitReviewInput) },
  responses: { 201: json(s.ownReviewDto, 'The review, pending moderation'), 409: already, 422: notReviewable, ...errors.session },
});

/** Signed-in, tenant-less: the booking's id names its organization. */
export function meReviewRoutes(deps: ApiDeps) {
  return router().openapi({ ...submitOwnReviewRoute, middleware: [requireSession(deps)] }, async (c) =>
    c.json(await submitOwnReview(c.get('ctx'), c.req.valid('param').bookingId, c.req.valid('json')), 201),
  );
}

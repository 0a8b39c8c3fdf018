/**
 * Booking-funnel analytics: the booking page's steps at `POST /api/v1/public/orgs/{slug}/funnel`
 * (anonymous, counts only), the public booking route's outcomes (`countBookingAttempt`, on that
 * route's declaration), and the counts for owners, admins and managers at
 * `GET /api/v1/orgs/{slug}/analytics/funnel`.
 */
import type { MiddlewareHandler } from 'hono';
import { createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
import type { ApiEnv } from '@/api/types';
import { isId } from '@/lib/ids';
import { analyticsSchemas as s, type BookingAttemptOutcome, getBookingFunnel, recordBookingAttempt, recordFunnelStep, venueOverview } from '@/modules/analytics';

const tags = ['Analytics'];

const funnelBeaconRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/funnel',
  tags: ['Public'],
  summary: 'Count a step of the booking page (service viewed, time chosen): no cookie, no identity, counts only',
  security: [],
  request: { params: s.funnelParams, body: jsonBody(s.funnelBeaconInput) },
  responses: { 204: noContent, ...errors.public },
});

const getFunnelRoute = createRoute({
  method: 'get',
  path: '/{slug}/analytics/funnel',
  tags,
  summary: 'The booking funnel of the last 7, 30 or 90 days: steps, drop-offs and conversion by service',
  'x-permission': 'analytics:read',
  request: { params: s.funnelParams, query: s.funnelQuery },
  responses: { 200: json(s.funnelDto, 'The counts, in the organization’s local days'), ...errors.tenant },
});

const venueOverviewRoute = createRoute({
  method: 'get',
  path: '/{slug}/analytics/venue',
  tags,
  summary: 'Today at the venue: parties with guests, deposit and balance; the next events’ sales and check-ins; tickets sold this week; loyalty points this month',
  'x-permission': 'bookings:read',
  request: { params: s.funnelParams },
  responses: { 200: json(s.venueOverviewDto, 'The figures, in the organization’s zone'), ...errors.tenant },
});

/** `/api/v1/public/…`: the booking page's steps. */
export function publicFunnelRoutes() {
  return router().openapi(funnelBeaconRoute, async (c) => {
    await recordFunnelStep(c.get('ctx'), c.req.valid('param').slug, c.req.valid('json'));
    return c.body(null, 204);
  });
}

/** `/api/v1/orgs/{slug}/analytics/…`. */
export function analyticsRoutes() {
  return router()
    .openapi(getFunnelRoute, async (c) => c.json(await getBookingFunnel(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(venueOverviewRoute, async (c) => c.json(await venueOverview(c.get('ctx')), 200));
}

const outcomes: Record<number, BookingAttemptOutcome> = { 201: 'booked', 409: 'conflict', 422: 'rule', 400: 'invalid' };

/**
 * On the public booking route (its declaration's `middleware`): once the route has answered,
 * counts the attempt's funnel steps — details submitted, then booked, or the drop-off (409
 * conflict, 422 rule, 400 invalid). In memory only, after the booking's transaction: it adds
 * no statement to a booking. A replay of an idempotent request, an unknown organization or
 * service (404), and a body that names no service id are not counted.
 */
export const countBookingAttempt: MiddlewareHandler<ApiEnv> = async (c, next) => {
  try {
    await next();
  } finally {
    const status = c.res.status;
    if (status !== 404 && c.get('bookingOutcome') !== 'replayed') {
      const serviceId = await bodyServiceId(c);
      if (serviceId) recordBookingAttempt(c.req.param('slug') ?? '', serviceId, outcomes[status] ?? 'other', c.get('ctx').now);
    }
  }
};

/** The service id the guest sent, read from the body the route already parsed (no second read of the stream). */
async function bodyServiceId(c: Parameters<MiddlewareHandler<ApiEnv>>[0]): Promise<string | null> {
  try {
    const body = (await c.req.json()) as { serviceId?: unknown } | null;
    const id = body && typeof body === 'object' ? body.serviceId : null;
    return typeof id === 'string' && isId('service', id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Live streams (Server-Sent Events, modules/realtime). Errors come before the first byte as the
 * usual envelope (sign-in, membership, a bad service id, too many streams from one address);
 * after that the answer is the stream, open until the client or the server ends it.
 */
import type { Context } from 'hono';
import { createRoute, errors, router } from '@/api/openapi';
import type { ApiDeps, ApiEnv } from '@/api/types';
import { AppError } from '@/lib/errors';
import { type RealtimeHub, openAvailabilityStream, openMemberStream, openSeatsStream, realtimeSchemas as s } from '@/modules/realtime';
import { organizationSchemas } from '@/modules/organizations';
import { schedulingSchemas } from '@/modules/scheduling';

const sse = (schema: typeof s.memberEventStreamText) => ({ description: 'The stream (text/event-stream), until either side ends it', content: { 'text/event-stream': { schema } } });

const memberEventsRoute = createRoute({
  method: 'get',
  path: '/{slug}/events',
  tags: ['Realtime'],
  summary: "Live booking changes of the organization (a club member: their own), as Server-Sent Events",
  'x-permission': 'bookings:read',
  request: { params: organizationSchemas.slugParams, headers: s.lastEventIdHeaders },
  responses: { 200: sse(s.memberEventStreamText), ...errors.tenant },
});

const availabilityStreamRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/availability/stream',
  tags: ['Realtime'],
  summary: 'Times taken and freed on a service’s resources, live, for the booking page (no personal data)',
  security: [],
  request: { params: schedulingSchemas.availabilityParams, query: s.availabilityStreamQuery, headers: s.lastEventIdHeaders },
  responses: { 200: sse(s.slotEventStreamText), ...errors.public },
});

const seatsStreamRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/seats/stream',
  tags: ['Realtime'],
  summary: 'Seats left of the organization’s public events (or one, `?event=`), live, for the event pages (no personal data)',
  security: [],
  request: { params: schedulingSchemas.availabilityParams, query: s.seatsStreamQuery, headers: s.lastEventIdHeaders },
  responses: { 200: sse(s.seatsEventStreamText), ...errors.public },
});

function hubOf(deps: ApiDeps): RealtimeHub {
  if (!deps.realtime) throw new AppError('UNAVAILABLE', 'Live updates are not running on this server.');
  return deps.realtime.hub;
}

function stream(c: Context<ApiEnv>, body: ReadableStream<Uint8Array>) {
  return c.body(body, 200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    // nginx and similar proxies pass frames on as they come instead of buffering the answer.
    'X-Accel-Buffering': 'no',
  });
}

/** Mounted with the other /orgs/{slug} routes (session and tenant resolved). */
export function memberEventRoutes(deps: ApiDeps) {
  return router().openapi(memberEventsRoute, (c) => stream(c, openMemberStream(c.get('ctx'), hubOf(deps), c.req.valid('header')['last-event-id'])));
}

/** Mounted under /public. */
export function publicStreamRoutes(deps: ApiDeps) {
  return router()
    .openapi(availabilityStreamRoute, async (c) =>
      stream(c, await openAvailabilityStream(c.get('ctx'), hubOf(deps), c.req.valid('param').slug, c.req.valid('query').serviceId, c.req.valid('header')['last-event-id'])),
    )
    .openapi(seatsStreamRoute, async (c) =>
      stream(c, await openSeatsStream(c.get('ctx'), hubOf(deps), c.req.valid('param').slug, c.req.valid('query').event, c.req.valid('header')['last-event-id'])),
    );
}

/**
 * Calendar feeds: `/api/v1/orgs/{slug}/feeds…` to create, list and revoke them (signed-in
 * members), and the feed itself at `/api/v1/feeds/{token}.ics` — public, the token is the only
 * key, answered as text/calendar with an ETag (If-None-Match → 304) for calendar apps' polling.
 */
import { createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
import { createCalendarFeed, FEED_REFRESH_SECONDS, feedSchemas as s, listCalendarFeeds, renderCalendarFeed, revokeCalendarFeed } from '@/modules/feeds';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Calendar feeds'];
const slug = organizationSchemas.slugParams;

const listFeedsRoute = createRoute({
  method: 'get',
  path: '/{slug}/feeds',
  tags,
  summary: 'Calendar feeds that work, newest first, without their URLs (owners and admins: all; others: their own)',
  'x-permission': 'org:read',
  request: { params: slug, query: s.listFeedsQuery },
  responses: { 200: json(s.feedPage, 'A page of feeds'), ...errors.tenant },
});

const createFeedRoute = createRoute({
  method: 'post',
  path: '/{slug}/feeds',
  tags,
  summary: 'A secret calendar feed of a resource (owners and admins) or of your own bookings; the answer holds its URL, shown once',
  'x-permission': 'org:read',
  request: { params: slug, body: jsonBody(s.createFeedInput) },
  responses: { 201: json(s.createdFeedDto, 'The feed and its URL (https:// and webcal://)'), ...errors.tenant },
});

const revokeFeedRoute = createRoute({
  method: 'delete',
  path: '/{slug}/feeds/{feedId}',
  tags,
  summary: 'Revoke a feed: its URL answers 404 from now on (owners and admins: any feed; others: their own)',
  'x-permission': 'org:read',
  request: { params: s.feedParams },
  responses: { 204: noContent, ...errors.tenant },
});

const feedRoute = createRoute({
  method: 'get',
  path: '/feeds/{feedFile}',
  tags,
  summary: 'A calendar feed, `<token>.ics`: the bookings of the last 30 days and the next 365 in the organization’s time zone (unknown or revoked token: 404)',
  security: [],
  request: { params: s.feedFileParams },
  responses: {
    200: { description: 'The calendar (text/calendar; charset=utf-8)', headers: s.feedHeadersDto, content: { 'text/calendar': { schema: s.feedText } } },
    304: { description: 'Not modified since the ETag sent in If-None-Match' },
    ...errors.public,
  },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function feedRoutes() {
  return router()
    .openapi(listFeedsRoute, async (c) => c.json(await listCalendarFeeds(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createFeedRoute, async (c) => c.json(await createCalendarFeed(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(revokeFeedRoute, async (c) => {
      await revokeCalendarFeed(c.get('ctx'), c.req.valid('param').feedId);
      return c.body(null, 204);
    });
}

/** The public feed; the token in the path is the only key. */
export function publicFeedRoutes() {
  return router().openapi(feedRoute, async (c) => {
    const feed = await renderCalendarFeed(c.get('ctx'), c.req.valid('param').feedFile);
    const headers = {
      ETag: feed.etag,
      'Last-Modified': feed.lastModified.toUTCString(),
      // Private: the URL is a secret. Calendar apps poll every FEED_REFRESH_SECONDS; within five
      // minutes a cached copy is good enough, after that a revalidation costs a 304.
      'Cache-Control': `private, max-age=${Math.min(300, FEED_REFRESH_SECONDS)}`,
    };
    const sent = c.req.header('if-none-match');
    if (sent && sent.split(',').some((tag) => tag.trim().replace(/^W\//, '') === feed.etag)) return c.body(null, 304, headers);
    return c.body(feed.body, 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${feed.filename}"` });
  });
}

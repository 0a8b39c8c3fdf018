/**
 * The waitlist: `/api/v1/orgs/{slug}/waitlist…` — a member joins for a taken asset and range
 * (for themself), lists their entries (staff with bookings:read: everyone's), leaves, and books
 * the hold the waitlist offered them (claim).
 */
import { conflictResponse, createRoute, errors, json, jsonBody, ruleResponse, router } from '@/api/openapi';
import { organizationSchemas } from '@/modules/organizations';
import { claimWaitlistHold, joinWaitlist, leaveWaitlist, listWaitlist, waitlistSchemas as s } from '@/modules/waitlist';

const tags = ['Waitlist'];
const slug = organizationSchemas.slugParams;

const listRoute = createRoute({
  method: 'get',
  path: '/{slug}/waitlist',
  tags,
  summary: 'Waitlist entries, newest first: a member sees their own; staff see everyone’s (filter by asset, status)',
  'x-permission': 'bookings:read',
  request: { params: slug, query: s.listWaitlistQuery },
  responses: { 200: json(s.waitlistPage, 'A page of entries'), ...errors.tenant },
});

const joinRoute = createRoute({
  method: 'post',
  path: '/{slug}/waitlist',
  tags,
  summary: 'Join the waitlist for a taken range of an asset (free: 409 `slot_free`; rules that deny the booking: 422 with `details.rules`)',
  'x-permission': 'bookings:write',
  request: { params: slug, body: jsonBody(s.joinWaitlistInput) },
  responses: { 201: json(s.waitlistEntryDto, 'The entry, waiting'), 409: conflictResponse, 422: ruleResponse, ...errors.tenant },
});

const leaveRoute = createRoute({
  method: 'delete',
  path: '/{slug}/waitlist/{entryId}',
  tags,
  summary: 'Leave the waitlist (a hold the entry holds is released and passed on)',
  'x-permission': 'bookings:write',
  request: { params: s.entryParams },
  responses: { 200: json(s.waitlistEntryDto, 'The entry, left'), 409: conflictResponse, ...errors.tenant },
});

const claimRoute = createRoute({
  method: 'post',
  path: '/{slug}/waitlist/{entryId}/claim',
  tags,
  summary: 'Book the range the waitlist holds for you, within the hold (expired: 409 `hold_expired`; rules deny: 422)',
  'x-permission': 'bookings:write',
  request: { params: s.entryParams },
  responses: { 200: json(s.claimedDto, 'The booking the hold became'), 409: conflictResponse, 422: ruleResponse, ...errors.tenant },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function waitlistRoutes() {
  return router()
    .openapi(listRoute, async (c) => c.json(await listWaitlist(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(joinRoute, async (c) => c.json(await joinWaitlist(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(leaveRoute, async (c) => c.json(await leaveWaitlist(c.get('ctx'), c.req.valid('param').entryId), 200))
    .openapi(claimRoute, async (c) => c.json(await claimWaitlistHold(c.get('ctx'), c.req.valid('param').entryId), 200));
}

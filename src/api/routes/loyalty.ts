/**
 * Loyalty points: `/api/v1/orgs/{slug}/loyalty` (the program: every member reads it, owners,
 * admins and managers change it — loyalty:manage), a customer's points and ledger
 * (customers:read) and staff adjustments (loyalty:manage); and `/api/v1/me/orgs/{slug}/loyalty`,
 * the signed-in customer's own points.
 */
import { conflictResponse, createRoute, errors, json, jsonBody, router } from '@/api/openapi';
import { requireSession } from '@/api/middleware/auth';
import type { ApiDeps } from '@/api/types';
import { adjustPoints, getCustomerLoyalty, getMyLoyalty, getProgram, loyaltySchemas as s, updateProgram } from '@/modules/loyalty';

const tags = ['Loyalty'];

const getProgramRoute = createRoute({
  method: 'get',
  path: '/{slug}/loyalty',
  tags,
  summary: 'The loyalty program: earn and redeem rates, expiry, tier thresholds (defaults until saved)',
  'x-permission': 'org:read',
  request: { params: s.slugParams },
  responses: { 200: json(s.programDto, 'The program'), ...errors.tenant },
});

const updateProgramRoute = createRoute({
  method: 'put',
  path: '/{slug}/loyalty',
  tags,
  summary: 'Change the loyalty program (omitted fields keep their value); thresholds must rise silver < gold < platinum',
  'x-permission': 'loyalty:manage',
  request: { params: s.slugParams, body: jsonBody(s.updateProgramInput) },
  responses: { 200: json(s.programDto, 'The program after the change'), ...errors.tenant },
});

const customerLoyaltyRoute = createRoute({
  method: 'get',
  path: '/{slug}/customers/{customerId}/loyalty',
  tags,
  summary: "A customer's points, tier, next tier and ledger (newest first, paginated)",
  'x-permission': 'customers:read',
  request: { params: s.customerLoyaltyParams, query: s.ledgerQuery },
  responses: { 200: json(s.customerLoyaltyDto, "The customer's loyalty"), ...errors.tenant },
});

const adjustRoute = createRoute({
  method: 'post',
  path: '/{slug}/customers/{customerId}/loyalty/adjustments',
  tags,
  summary: "Add or take points with a reason (taking more than the balance: 409 insufficient_points)",
  'x-permission': 'loyalty:manage',
  request: { params: s.customerLoyaltyParams, body: jsonBody(s.adjustmentInput) },
  responses: { 201: json(s.adjustmentDto, 'The ledger row and the account after it'), 409: conflictResponse, ...errors.tenant },
});

const myLoyaltyRoute = createRoute({
  method: 'get',
  path: '/me/orgs/{slug}/loyalty',
  tags,
  summary: 'Your own points, tier and history in an organization (under your confirmed account email)',
  request: { params: s.slugParams, query: s.ledgerQuery },
  responses: { 200: json(s.myLoyaltyDto, 'Your loyalty'), ...errors.session },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function loyaltyRoutes() {
  return router()
    .openapi(getProgramRoute, async (c) => c.json(await getProgram(c.get('ctx')), 200))
    .openapi(updateProgramRoute, async (c) => c.json(await updateProgram(c.get('ctx'), c.req.valid('json')), 200))
    .openapi(customerLoyaltyRoute, async (c) => c.json(await getCustomerLoyalty(c.get('ctx'), c.req.valid('param').customerId, c.req.valid('query')), 200))
    .openapi(adjustRoute, async (c) => c.json(await adjustPoints(c.get('ctx'), c.req.valid('param').customerId, c.req.valid('json')), 201));
}

/** Signed-in, tenant-less: the organization is named by slug and only the caller's own points are shown. */
export function meLoyaltyRoutes(deps: ApiDeps) {
  return router().openapi({ ...myLoyaltyRoute, middleware: [requireSession(deps)] }, async (c) =>
    c.json(await getMyLoyalty(c.get('ctx'), c.req.valid('param').slug, c.req.valid('query')), 200),
  );
}

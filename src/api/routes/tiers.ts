/**
 * Member tiers: `/api/v1/orgs/{slug}/tiers…` to list (members:read) and manage them (owners and
 * admins: tiers:manage), and `PUT /orgs/{slug}/members/{memberId}/tier` to assign one (members:manage).
 */
import { conflictResponse, createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
import { assignMemberTier, createTier, deleteTier, listTiers, tierSchemas as s, updateTier } from '@/modules/tiers';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Member tiers'];
const slug = organizationSchemas.slugParams;

const listTiersRoute = createRoute({
  method: 'get',
  path: '/{slug}/tiers',
  tags,
  summary: 'Member tiers by rank (highest priority first), with how many members hold each',
  'x-permission': 'members:read',
  request: { params: slug, query: s.listTiersQuery },
  responses: { 200: json(s.tierPage, 'A page of tiers'), ...errors.tenant },
});

const createTierRoute = createRoute({
  method: 'post',
  path: '/{slug}/tiers',
  tags,
  summary: 'Create a tier (last in rank unless a free rank is given); names are unique ignoring case',
  'x-permission': 'tiers:manage',
  request: { params: slug, body: jsonBody(s.createTierInput) },
  responses: { 201: json(s.tierDto, 'The new tier'), 409: conflictResponse, ...errors.tenant },
});

const updateTierRoute = createRoute({
  method: 'patch',
  path: '/{slug}/tiers/{tierId}',
  tags,
  summary: 'Rename, describe, translate or move a tier (a rank another tier holds swaps the two)',
  'x-permission': 'tiers:manage',
  request: { params: s.tierParams, body: jsonBody(s.updateTierInput) },
  responses: { 200: json(s.tierDto, 'The tier after the change'), 409: conflictResponse, ...errors.tenant },
});

const deleteTierRoute = createRoute({
  method: 'delete',
  path: '/{slug}/tiers/{tierId}',
  tags,
  summary: 'Delete a tier nobody holds (held: 409 with `details.memberCount`)',
  'x-permission': 'tiers:manage',
  request: { params: s.tierParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

const assignTierRoute = createRoute({
  method: 'put',
  path: '/{slug}/members/{memberId}/tier',
  tags,
  summary: "Set a member's tier (`tierId: null` takes them out of it)",
  'x-permission': 'members:manage',
  request: { params: s.memberParams, body: jsonBody(s.assignTierInput) },
  responses: { 200: json(s.memberTierDto, "The member's tier after the change"), ...errors.tenant },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function tierRoutes() {
  return router()
    .openapi(listTiersRoute, async (c) => c.json(await listTiers(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createTierRoute, async (c) => c.json(await createTier(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(updateTierRoute, async (c) => c.json(await updateTier(c.get('ctx'), c.req.valid('param').tierId, c.req.valid('json')), 200))
    .openapi(deleteTierRoute, async (c) => {
      await deleteTier(c.get('ctx'), c.req.valid('param').tierId);
      return c.body(null, 204);
    })
    .openapi(assignTierRoute, async (c) => c.json(await assignMemberTier(c.get('ctx'), c.req.valid('param').memberId, c.req.valid('json')), 200));
}

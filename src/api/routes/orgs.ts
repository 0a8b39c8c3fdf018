import { createRoute, errors, json, jsonBody, noContent, conflictResponse, ruleResponse, router } from '@/api/openapi';
import { requireSession, requireTenant } from '@/api/middleware/auth';
import { analyticsRoutes } from '@/api/routes/analytics';
import { bookingRoutes } from '@/api/routes/bookings';
import { seriesRoutes } from '@/api/routes/series';
import { catalogRoutes } from '@/api/routes/catalog';
import { inboxRoutes } from '@/api/routes/inbox';
import { webhookRoutes } from '@/api/routes/webhooks';
import { exportRoutes } from '@/api/routes/exports';
import { feedRoutes } from '@/api/routes/feeds';
import { productRoutes } from '@/api/routes/products';
import { reviewRoutes } from '@/api/routes/reviews';
import { tierRoutes } from '@/api/routes/tiers';
import { loyaltyRoutes } from '@/api/routes/loyalty';
import { orderRoutes } from '@/api/routes/orders';
import { eventRoutes } from '@/api/routes/events';
import { ruleRoutes } from '@/api/routes/rules';
import { waitlistRoutes } from '@/api/routes/waitlist';
import { memberEventRoutes } from '@/api/routes/realtime';
import { mailRoutes } from '@/api/routes/mail';
import type { ApiDeps } from '@/api/types';
import {
  changeMemberRole,
  getOrganization,
  inviteMember,
  listInvitations,
  listMembers,
  organizationSchemas as s,
  removeMember,
  revokeInvitation,
  updateOrganization,
} from '@/modules/organizations';

const tags = ['Organization'];
const { slugParams: slug, memberParams, invitationParams } = s;

const getOrganizationRoute = createRoute({
  method: 'get',
  path: '/{slug}',
  tags,
  summary: 'The organization, its settings and your role',
  'x-permission': 'org:read',
  request: { params: slug },
  responses: { 200: json(s.organizationWithRoleDto, 'The organization and your role in it'), ...errors.tenant },
});

const updateOrganizationRoute = createRoute({
  method: 'patch',
  path: '/{slug}',
  tags,
  summary: 'Change business details, time zone, currency, language or settings',
  'x-permission': 'settings:manage',
  request: { params: slug, body: jsonBody(s.updateOrganizationInput) },
  responses: { 200: json(s.organizationDto, 'The organization after the change'), 422: ruleResponse, ...errors.tenant },
});

const listMembersRoute = createRoute({
  method: 'get',
  path: '/{slug}/members',
  tags: ['Members'],
  summary: 'Members and their roles',
  'x-permission': 'members:read',
  request: { params: slug, query: s.listMembersQuery },
  responses: { 200: json(s.memberPage, 'A page of members'), ...errors.tenant },
});

const changeMemberRoleRoute = createRoute({
  method: 'patch',
  path: '/{slug}/members/{memberId}',
  tags: ['Members'],
  summary: "Change a member's role (only an owner grants or removes owner)",
  'x-permission': 'members:manage',
  request: { params: memberParams, body: jsonBody(s.changeMemberRoleInput) },
  responses: { 200: json(s.membershipDto, 'The membership after the change'), 409: conflictResponse, ...errors.tenant },
});

const removeMemberRoute = createRoute({
  method: 'delete',
  path: '/{slug}/members/{memberId}',
  tags: ['Members'],
  summary: 'Remove a member (the organization always keeps an owner)',
  'x-permission': 'members:manage',
  request: { params: memberParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

const listInvitationsRoute = createRoute({
  method: 'get',
  path: '/{slug}/invitations',
  tags: ['Members'],
  summary: 'Invitations, newest first',
  'x-permission': 'members:manage',
  request: { params: slug, query: s.listInvitationsQuery },
  responses: { 200: json(s.invitationPage, 'A page of invitations'), ...errors.tenant },
});

const inviteMemberRoute = createRoute({
  method: 'post',
  path: '/{slug}/invitations',
  tags: ['Members'],
  summary: 'Invite someone by email (the link is answered once)',
  'x-permission': 'members:manage',
  request: { params: slug, body: jsonBody(s.inviteMemberInput) },
  responses: { 201: json(s.createdInvitationDto, 'The invitation and its link'), 409: conflictResponse, ...errors.tenant },
});

const revokeInvitationRoute = createRoute({
  method: 'delete',
  path: '/{slug}/invitations/{invitationId}',
  tags: ['Members'],
  summary: 'Revoke a pending invitation',
  'x-permission': 'members:manage',
  request: { params: invitationParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

/** `/api/v1/orgs/:slug/...`: signed-in members of the organization, permission-checked per route and use case. */
export function orgRoutes(deps: ApiDeps) {
  const app = router();
  app.use('/:slug/*', requireSession(deps), requireTenant());
  return app
    .openapi(getOrganizationRoute, async (c) => c.json(await getOrganization(c.get('ctx')), 200))
    .openapi(updateOrganizationRoute, async (c) => c.json(await updateOrganization(c.get('ctx'), c.req.valid('json')), 200))
    .openapi(listMembersRoute, async (c) => c.json(await listMembers(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(changeMemberRoleRoute, async (c) => c.json(await changeMemberRole(c.get('ctx'), c.req.valid('param').memberId, c.req.valid('json')), 200))
    .openapi(removeMemberRoute, async (c) => {
      await removeMember(c.get('ctx'), c.req.valid('param').memberId);
      return c.body(null, 204);
    })
    .openapi(listInvitationsRoute, async (c) => c.json(await listInvitations(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(inviteMemberRoute, async (c) => c.json(await inviteMember(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(revokeInvitationRoute, async (c) => {
      await revokeInvitation(c.get('ctx'), c.req.valid('param').invitationId);
      return c.body(null, 204);
    })
    .route('/', catalogRoutes())
    .route('/', seriesRoutes())
    .route('/', bookingRoutes())
    .route('/', inboxRoutes())
    .route('/', webhookRoutes(deps))
    .route('/', exportRoutes())
    .route('/', mailRoutes())
    .route('/', feedRoutes())
    .route('/', tierRoutes())
    .route('/', loyaltyRoutes())
    .route('/', productRoutes())
    .route('/', orderRoutes())
    .route('/', eventRoutes())
    .route('/', reviewRoutes())
    .route('/', ruleRoutes())
    .route('/', waitlistRoutes())
    .route('/', memberEventRoutes(deps))
    .route('/', analyticsRoutes());
}

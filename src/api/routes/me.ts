import { createRoute, errors, json, jsonBody, conflictResponse, router } from '@/api/openapi';
import { requireSession } from '@/api/middleware/auth';
import type { ApiDeps } from '@/api/types';
import { identitySchemas, listSecurityEvents } from '@/modules/identity';
import { requireUser } from '@/modules/kernel';
import { acceptInvitation, createOrganization, listMyOrganizations, organizationSchemas as s } from '@/modules/organizations';

const tags = ['Me'];

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags,
  summary: 'Who you are and your organizations',
  responses: { 200: json(s.meDto, 'You and your memberships'), ...errors.session },
});

const securityEventsRoute = createRoute({
  method: 'get',
  path: '/me/security-events',
  tags,
  summary: "Your account's security events, newest first",
  request: { query: identitySchemas.listSecurityEventsQuery },
  responses: { 200: json(identitySchemas.securityEventPage, 'A page of events'), ...errors.session },
});

const createOrganizationRoute = createRoute({
  method: 'post',
  path: '/orgs',
  tags,
  summary: 'Create an organization (you become its owner)',
  request: { body: jsonBody(s.createOrganizationInput) },
  responses: { 201: json(s.organizationDto, 'The new organization'), 409: conflictResponse, ...errors.session },
});

const acceptInvitationRoute = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags,
  summary: 'Accept an invitation addressed to your email',
  request: { body: jsonBody(s.acceptInvitationInput) },
  responses: { 200: json(s.acceptedInvitationDto, 'The organization you joined'), 409: conflictResponse, ...errors.session },
});

/** Signed-in, tenant-less endpoints: who am I, my account's security events, create an organization, accept an invitation. */
export function meRoutes(deps: ApiDeps) {
  const session = { middleware: [requireSession(deps)] };
  return router()
    .openapi({ ...meRoute, ...session }, async (c) => {
      const user = requireUser(c.get('ctx'));
      const organizations = await listMyOrganizations(c.get('ctx'));
      return c.json({ user: { id: user.userId, email: user.email, name: user.name }, organizations }, 200);
    })
    .openapi({ ...securityEventsRoute, ...session }, async (c) => c.json(await listSecurityEvents(c.get('ctx'), c.req.valid('query')), 200))
    .openapi({ ...createOrganizationRoute, ...session }, async (c) => c.json(await createOrganization(c.get('ctx'), c.req.valid('json')), 201))
    .openapi({ ...acceptInvitationRoute, ...session }, async (c) => c.json(await acceptInvitation(c.get('ctx'), c.req.valid('json')), 200));
}

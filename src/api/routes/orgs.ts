import { Hono } from 'hono';
import {
  changeMemberRole,
  getOrganization,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  updateOrganization,
} from '@/modules/organizations';
import { jsonBody, queryObject } from '@/api/body';
import { requireSession, requireTenant } from '@/api/middleware/auth';
import { bookingRoutes } from '@/api/routes/bookings';
import { catalogRoutes } from '@/api/routes/catalog';
import type { ApiDeps, ApiEnv } from '@/api/types';

/** `/api/v1/orgs/:slug/...`: signed-in members of the organization, permission-checked per use case. */
export function orgRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .use('/:slug/*', requireSession(deps), requireTenant())
    .get('/:slug', async (c) => c.json(await getOrganization(c.var.ctx)))
    .patch('/:slug', async (c) => c.json(await updateOrganization(c.var.ctx, (await jsonBody(c)) as never)))
    .get('/:slug/members', async (c) => c.json(await listMembers(c.var.ctx, queryObject(c))))
    .patch('/:slug/members/:memberId', async (c) =>
      c.json(await changeMemberRole(c.var.ctx, c.req.param('memberId'), await jsonBody(c))),
    )
    .delete('/:slug/members/:memberId', async (c) => {
      await removeMember(c.var.ctx, c.req.param('memberId'));
      return c.body(null, 204);
    })
    .get('/:slug/invitations', async (c) => c.json(await listInvitations(c.var.ctx, queryObject(c))))
    .post('/:slug/invitations', async (c) => c.json(await inviteMember(c.var.ctx, (await jsonBody(c)) as never), 201))
    .delete('/:slug/invitations/:invitationId', async (c) => {
      await revokeInvitation(c.var.ctx, c.req.param('invitationId'));
      return c.body(null, 204);
    })
    .route('/:slug', catalogRoutes(deps))
    .route('/:slug', bookingRoutes(deps));
}

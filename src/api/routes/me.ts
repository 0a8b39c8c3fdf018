import { Hono } from 'hono';
import { requireUser } from '@/modules/kernel';
import { acceptInvitation, createOrganization, listMyOrganizations } from '@/modules/organizations';
import { listSecurityEvents } from '@/modules/identity';
import { jsonBody, queryObject } from '@/api/body';
import { requireSession } from '@/api/middleware/auth';
import type { ApiDeps, ApiEnv } from '@/api/types';

/** Signed-in, tenant-less endpoints: who am I, my account's security events, create an organization, accept an invitation. */
export function meRoutes(deps: ApiDeps) {
  const session = requireSession(deps);
  return new Hono<ApiEnv>()
    .get('/me', session, async (c) => {
      const user = requireUser(c.var.ctx);
      const organizations = await listMyOrganizations(c.var.ctx);
      return c.json({ user: { id: user.userId, email: user.email, name: user.name }, organizations });
    })
    .get('/me/security-events', session, async (c) => c.json(await listSecurityEvents(c.var.ctx, queryObject(c))))
    .post('/orgs', session, async (c) => c.json(await createOrganization(c.var.ctx, (await jsonBody(c)) as never), 201))
    .post('/invitations/accept', session, async (c) => c.json(await acceptInvitation(c.var.ctx, await jsonBody(c))));
}

/** Session → actor; `/orgs/:slug` → tenant + the actor's role (non-members get 404). */
import type { MiddlewareHandler } from 'hono';
import { unauthenticated } from '@/lib/errors';
import { getSessionUser } from '@/modules/identity';
import { resolveTenant } from '@/modules/organizations';
import type { ApiDeps, ApiEnv } from '@/api/types';

export function requireSession(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user = await getSessionUser(deps.auth, c.req.raw.headers);
    if (!user) throw unauthenticated();
    c.set('ctx', { ...c.var.ctx, actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role: null } });
    await next();
  };
}

export function requireTenant(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { tenant, actor } = await resolveTenant(c.var.ctx, c.req.param('slug') ?? '');
    c.set('ctx', { ...c.var.ctx, tenant, actor });
    await next();
  };
}

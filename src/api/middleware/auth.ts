/** Session → actor; `/orgs/:slug` → tenant + the actor's role (non-members get 404). */
import type { Context, MiddlewareHandler } from 'hono';
import { unauthenticated } from '@/lib/errors';
import { getSessionUser } from '@/modules/identity';
import { resolveTenant } from '@/modules/organizations';
import type { ApiDeps, ApiEnv } from '@/api/types';

export function requireSession(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    // Staff idle timeout (identity/session-idle.ts): an idle session is ended here, 401 session_idle.
    const user = await getSessionUser(deps.auth, c.req.raw.headers, { db: c.get('ctx').db, now: c.get('ctx').now });
    if (!user) throw unauthenticated();
    c.set('ctx', { ...c.get('ctx'), actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role: null } });
    await next();
  };
}

/**
 * Reading the organization itself (`GET /api/v1/orgs/:slug`: its name, settings and the
 * caller's role) stays open to an owner or admin the two-factor policy keeps out, so a client
 * can explain why; everything else under the organization answers 403 two_factor_required
 * until they enrol (an account-level step under /api/auth, outside any organization).
 */
const readsOrganizationItself = (c: Context<ApiEnv>) => c.req.method === 'GET' && /^\/api\/v1\/orgs\/[^/]+$/.test(c.req.path);

export function requireTenant(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { tenant, actor } = await resolveTenant(c.get('ctx'), c.req.param('slug') ?? '', {
      allowTwoFactorEnrolment: readsOrganizationItself(c),
    });
    c.set('ctx', { ...c.get('ctx'), tenant, actor });
    await next();
  };
}

import 'server-only';
import { can } from '@/modules/kernel';
import { cachedMemberCtx } from '../../../../_lib/request-cache';

/** The member ctx of a catalog page and what the member may do there. */
export async function catalogAccess(slug: string) {
  const ctx = await cachedMemberCtx(slug);
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const tenant = ctx.tenant!;
  return { ctx, tenant, canRead: !!role && can(role, 'catalog:read'), canWrite: !!role && can(role, 'catalog:write') };
}

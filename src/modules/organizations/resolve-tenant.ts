import { notFound, unauthenticated } from '@/lib/errors';
import { type Actor, type Ctx, type Tenant, tenantTx } from '@/modules/kernel';
import { findMemberRole, findOrganizationBySlug, toTenant } from './queries';
import { slugSchema } from './schemas';

/**
 * Resolves `/orgs/:slug` for the signed-in actor: the tenant and the actor's role in it.
 * An unknown slug and an organization the user is not a member of both answer 404.
 */
export async function resolveTenant(ctx: Ctx, slug: string): Promise<{ tenant: Tenant; actor: Actor }> {
  const actor = ctx.actor;
  if (actor.type !== 'user') throw unauthenticated();
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  return tenantTx(ctx, async (tx) => {
    const org = await findOrganizationBySlug(tx, parsed.data);
    if (!org) throw notFound('Organization');
    const role = await findMemberRole(tx, org.id, actor.userId);
    if (!role) throw notFound('Organization');
    return { tenant: toTenant(org), actor: { ...actor, role } };
  });
}

import { and, eq } from 'drizzle-orm';
import { members, organizations } from '@/db/schema';
import { notFound, unauthenticated } from '@/lib/errors';
import type { Actor, Ctx, Tenant } from '@/modules/kernel';
import { toTenant } from './queries';
import { slugSchema } from './schemas';

/**
 * Resolves `/orgs/:slug` for the signed-in actor: the tenant and the actor's role in it.
 * An unknown slug and an organization the user is not a member of both answer 404.
 *
 * Runs on every organization request, so it is one statement on the owner connection rather
 * than a transaction under the app role (which costs four round trips). It reads exactly what
 * the RLS policies would show that user: the organization (readable by anyone) and the
 * caller's own membership row, keyed by their user id.
 */
export async function resolveTenant(ctx: Ctx, slug: string): Promise<{ tenant: Tenant; actor: Actor }> {
  const actor = ctx.actor;
  if (actor.type !== 'user') throw unauthenticated();
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  const [row] = await ctx.db
    .select({ org: organizations, role: members.role })
    .from(organizations)
    .innerJoin(members, and(eq(members.organizationId, organizations.id), eq(members.userId, actor.userId)))
    .where(eq(organizations.slug, parsed.data))
    .limit(1);
  if (!row) throw notFound('Organization');
  return { tenant: toTenant(row.org), actor: { ...actor, role: row.role } };
}

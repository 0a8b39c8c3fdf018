import { asc, eq } from 'drizzle-orm';
import { members, organizations } from '@/db/schema';
import { type Ctx, requireUser, tenantTx } from '@/modules/kernel';
import type { MyOrganization } from './schemas';

/** The signed-in user's organizations and role in each (RLS shows a user their own memberships). */
export async function listMyOrganizations(ctx: Ctx): Promise<MyOrganization[]> {
  const user = requireUser(ctx);
  return tenantTx(ctx, (tx) =>
    tx
      .select({
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        timezone: organizations.timezone,
        currency: organizations.currency,
        locale: organizations.locale,
        role: members.role,
      })
      .from(members)
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .where(eq(members.userId, user.userId))
      .orderBy(asc(organizations.name)),
  );
}

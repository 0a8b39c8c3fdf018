import { eq } from 'drizzle-orm';
import { type MemberRole, organizations } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentOrganization } from './present';
import type { OrganizationDto } from './schemas';

/** The organization as its members see it (settings included) and the caller's role. */
export async function getOrganization(ctx: Ctx): Promise<{ organization: OrganizationDto; role: MemberRole | null }> {
  authorize(ctx, 'org:read');
  const orgId = ctx.tenant.id;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const [org] = await tenantTx(ctx, (tx) => tx.select().from(organizations).where(eq(organizations.id, orgId)));
  if (!org) throw notFound('Organization');
  return { organization: presentOrganization(org), role };
}

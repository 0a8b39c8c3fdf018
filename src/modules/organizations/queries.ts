/** Read helpers of the organizations module. All run under the app role (RLS applies). */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { type MemberRole, members, organizations } from '@/db/schema';
import type { Tenant } from '@/modules/kernel';

export type OrganizationRow = typeof organizations.$inferSelect;

export function toTenant(org: OrganizationRow): Tenant {
  return { id: org.id, slug: org.slug, name: org.name, timezone: org.timezone, currency: org.currency, locale: org.locale };
}

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug.toLowerCase())).limit(1);
  return row ?? null;
}

export async function findMemberRole(db: Executor, organizationId: string, userId: string): Promise<MemberRole | null> {
  const [row] = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

/** Locks the organization row: serialises membership changes (owner invariant, invitations). */
export async function lockOrganization(db: Executor, organizationId: string): Promise<void> {
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('update');
}

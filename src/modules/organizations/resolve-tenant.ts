import { and, eq, sql } from 'drizzle-orm';
import { preparedSelect } from '@/db/prepared-select';
import { members, organizations, users } from '@/db/schema';
import { notFound, unauthenticated } from '@/lib/errors';
import type { MemberRole } from '@/db/schema';
import type { Actor, Ctx, Tenant } from '@/modules/kernel';
import { hasOrganizationCache, type OrganizationRow, organizationBySlug } from './organization-cache';
import { toTenant } from './queries';
import { slugSchema } from './schemas';
import { type TwoFactorStanding, twoFactorRequired, twoFactorStanding } from './two-factor-policy';

export interface ResolveTenantOptions {
  /**
   * Let an owner or admin who still has to enrol in two-factor through (their standing is
   * returned instead of a 403): only for what they need to fix it — the account page and its
   * dashboard shell, reading the organization itself.
   */
  allowTwoFactorEnrolment?: boolean;
}

/**
 * Resolves `/orgs/:slug` for the signed-in actor: the tenant and the actor's role in it.
 * An unknown slug and an organization the user is not a member of both answer 404. A member
 * the organization's two-factor policy keeps out answers 403 with details.reason
 * 'two_factor_required'.
 *
 * Runs on every organization request, so it is one statement on the owner connection rather
 * than a transaction under the app role (which costs four round trips). It reads exactly what
 * the RLS policies would show that user: the organization (readable by anyone), the caller's
 * own membership row and their own user row, keyed by their user id. With the organization
 * cache started (decision 0024) the organization comes from memory and the statement reads only
 * the membership and the two-factor flag.
 */
export async function resolveTenant(
  ctx: Ctx,
  slug: string,
  options: ResolveTenantOptions = {},
): Promise<{ tenant: Tenant; actor: Actor; twoFactor: TwoFactorStanding }> {
  const actor = ctx.actor;
  if (actor.type !== 'user') throw unauthenticated();
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  const found = hasOrganizationCache(ctx.db) ? await cachedOrgMembership(ctx, parsed.data, actor.userId) : await orgMembership(ctx, parsed.data, actor.userId);
  if (!found) throw notFound('Organization');
  const { org, role, totpEnabled } = found;
  const twoFactor = twoFactorStanding(org.settings, role, totpEnabled);
  if (twoFactor === 'enrolment_required' && !options.allowTwoFactorEnrolment) throw twoFactorRequired();
  return { tenant: toTenant(org), actor: { ...actor, role }, twoFactor };
}

interface OrgMembership {
  org: OrganizationRow;
  role: MemberRole;
  totpEnabled: boolean;
}

/**
 * With the organization cache started for this handle (decision 0024): the organization from
 * memory, and only the caller's membership and two-factor flag from the table (never cached: a
 * removed member is out at once).
 */
async function cachedOrgMembership(ctx: Ctx, slug: string, userId: string): Promise<OrgMembership | null> {
  const org = await organizationBySlug(ctx.db, slug);
  if (!org) return null;
  const [row] = await membership(ctx.db, { orgId: org.id, userId });
  return row ? { org, ...row } : null;
}

/** The caller's role and two-factor flag in one organization (runs on every signed-in organization request). */
const membership = preparedSelect((db) =>
  db
    .select({ role: members.role, totpEnabled: users.twoFactorEnabled })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, sql.placeholder('orgId')), eq(members.userId, sql.placeholder('userId'))))
    .limit(1),
);

/** Without a cache: the organization, the membership and the flag in one statement. */
async function orgMembership(ctx: Ctx, slug: string, userId: string): Promise<OrgMembership | null> {
  const [row] = await ctx.db
    .select({ org: organizations, role: members.role, totpEnabled: users.twoFactorEnabled })
    .from(organizations)
    .innerJoin(members, and(eq(members.organizationId, organizations.id), eq(members.userId, userId)))
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(organizations.slug, slug))
    .limit(1);
  return row ?? null;
}

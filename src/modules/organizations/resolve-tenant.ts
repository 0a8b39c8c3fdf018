import { and, eq } from 'drizzle-orm';
import { members, organizations, users } from '@/db/schema';
import { notFound, unauthenticated } from '@/lib/errors';
import type { Actor, Ctx, Tenant } from '@/modules/kernel';
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
 * own membership row and their own user row, keyed by their user id.
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
  const [row] = await ctx.db
    .select({ org: organizations, role: members.role, totpEnabled: users.twoFactorEnabled })
    .from(organizations)
    .innerJoin(members, and(eq(members.organizationId, organizations.id), eq(members.userId, actor.userId)))
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(organizations.slug, parsed.data))
    .limit(1);
  if (!row) throw notFound('Organization');
  const twoFactor = twoFactorStanding(row.org.settings, row.role, row.totpEnabled);
  if (twoFactor === 'enrolment_required' && !options.allowTwoFactorEnrolment) throw twoFactorRequired();
  return { tenant: toTenant(row.org), actor: { ...actor, role: row.role }, twoFactor };
}

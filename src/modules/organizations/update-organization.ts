import { eq } from 'drizzle-orm';
import { organizations, users } from '@/db/schema';
import { notFound, ruleViolation } from '@/lib/errors';
import type { z } from 'zod';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentOrganization } from './present';
import type { OrganizationDto, updateOrganizationInput } from './schemas';
import { databaseTimeZone } from './time-zones';

/** Business info, time zone, currency, locale and settings. */
export async function updateOrganization(ctx: Ctx, data: z.output<typeof updateOrganizationInput>): Promise<OrganizationDto> {
  authorize(ctx, 'settings:manage');
  if (data.timezone) data.timezone = await databaseTimeZone(ctx.db, data.timezone, 'timezone', 'organization settings');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
    if (!before) throw notFound('Organization');
    if (data.settings?.requireTwoFactorForAdmins === true && !before.settings.requireTwoFactorForAdmins) {
      // Turning the policy on would lock out, on the spot and without a word, the owner or
      // admin doing it: they must show it works for them first.
      const actorHasTotp =
        ctx.actor.type === 'system' ||
        (ctx.actor.type === 'user' &&
          (await tx.select({ on: users.twoFactorEnabled }).from(users).where(eq(users.id, ctx.actor.userId)))[0]?.on === true);
      if (!actorHasTotp) {
        throw ruleViolation(
          'Turn on two-factor authentication for your own account before requiring it for owners and admins; otherwise this change would lock you out.',
          { field: 'settings.requireTwoFactorForAdmins', reason: 'two_factor_not_enabled_for_actor' },
        );
      }
    }
    const settings = data.settings ? { ...before.settings, ...data.settings } : undefined;
    const [after] = await tx
      .update(organizations)
      .set({ ...data, ...(settings ? { settings } : {}), updatedAt: ctx.now })
      .where(eq(organizations.id, orgId))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'organization.updated',
      entity: 'organization',
      entityId: orgId,
      changes: auditChanges(before, after!, changedKeys(before, { ...data, ...(settings ? { settings } : {}) })),
    });
    return presentOrganization(after!);
  });
}

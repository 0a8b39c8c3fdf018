import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { auditChanges, authorize, changedKeys, type Ctx, parseInput, recordAudit, tenantTx } from '@/modules/kernel';
import { type UpdateOrganizationInput, updateOrganizationInput } from './schemas';

/** Business info, time zone, currency, locale and settings. */
export async function updateOrganization(ctx: Ctx, input: UpdateOrganizationInput) {
  authorize(ctx, 'settings:manage');
  const data = parseInput(updateOrganizationInput, input, 'organization settings');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
    if (!before) throw notFound('Organization');
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
    return after!;
  });
}

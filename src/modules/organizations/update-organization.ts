import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, parseInput, recordAudit, tenantTx } from '@/modules/kernel';
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
    const changedKeys = Object.keys(data) as (keyof typeof data)[];
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'organization.updated',
      entity: 'organization',
      entityId: orgId,
      changes: {
        before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
        after: Object.fromEntries(changedKeys.map((k) => [k, after![k]])),
      },
    });
    return after!;
  });
}

import { and, eq } from 'drizzle-orm';
import { dateOverrides } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';

/** Removes a date override: that date follows the weekly hours again. */
export async function deleteDateOverride(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .delete(dateOverrides)
      .where(and(eq(dateOverrides.organizationId, orgId), eq(dateOverrides.id, id)))
      .returning();
    if (!before) throw notFound('Date override');
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'date_override.deleted',
      entity: 'date_override',
      entityId: id,
      changes: { before: { resourceId: before.resourceId, date: before.date, ranges: before.ranges, reason: before.reason } },
    });
  });
}

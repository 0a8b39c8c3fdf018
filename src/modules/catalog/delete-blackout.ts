import { and, eq } from 'drizzle-orm';
import { blackouts } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';

export async function deleteBlackout(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .delete(blackouts)
      .where(and(eq(blackouts.organizationId, orgId), eq(blackouts.id, id)))
      .returning();
    if (!before) throw notFound('Blackout');
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'blackout.deleted', entity: 'blackout', entityId: id, changes: { before } });
  });
}

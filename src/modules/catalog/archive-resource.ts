import { and, eq } from 'drizzle-orm';
import { resources } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentResource } from './present';
import type { ResourceDto } from './schemas';

/**
 * Stops offering a resource (`active = false`): it drops out of availability and the public
 * catalog, while bookings keep referencing it. `PATCH { active: true }` restores it.
 */
export async function archiveResource(ctx: Ctx, id: string): Promise<ResourceDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(resources)
      .where(and(eq(resources.organizationId, orgId), eq(resources.id, id)))
      .for('no key update');
    if (!before) throw notFound('Resource');
    if (!before.active) return presentResource(before);
    const [after] = await tx
      .update(resources)
      .set({ active: false, updatedAt: ctx.now })
      .where(and(eq(resources.organizationId, orgId), eq(resources.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'resource.archived',
      entity: 'resource',
      entityId: id,
      changes: { before: { active: true }, after: { active: false } },
    });
    return presentResource(after!);
  });
}

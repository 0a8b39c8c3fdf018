import { and, eq } from 'drizzle-orm';
import { services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { findPackage } from './packages';
import { presentService } from './present';
import { resourceIdsByService } from './queries';
import type { ServiceDto } from './schemas';

/**
 * Takes a service off the menu (`active = false`). Nothing is deleted: bookings keep
 * referencing it, and `PATCH { active: true }` restores it. Archiving twice is a no-op.
 */
export async function archiveService(ctx: Ctx, id: string): Promise<ServiceDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(services)
      .where(and(eq(services.organizationId, orgId), eq(services.id, id)))
      .for('no key update');
    if (!before) throw notFound('Service');
    const resourceIds = (await resourceIdsByService(tx, orgId, [id])).get(id) ?? [];
    const pkg = await findPackage(tx, orgId, id);
    if (!before.active) return presentService(before, resourceIds, pkg);
    const [after] = await tx
      .update(services)
      .set({ active: false, updatedAt: ctx.now })
      .where(and(eq(services.organizationId, orgId), eq(services.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'service.archived',
      entity: 'service',
      entityId: id,
      changes: { before: { active: true }, after: { active: false } },
    });
    return presentService(after!, resourceIds, pkg);
  });
}

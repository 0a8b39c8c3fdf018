import { and, eq } from 'drizzle-orm';
import { resources } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { databaseTimeZone } from '@/modules/organizations';
import { auditChanges, changedKeys } from '@/modules/kernel';
import { assertMemberUser, assertNoMultiDayServices } from './resource-policy';
import { presentResource } from './present';
import type { ResourceDto, updateResourceInput } from './schemas';

/** Partial update; `null` clears section, timezone (back to the organization's), userId or multiDay. */
export async function updateResource(ctx: Ctx, id: string, data: z.output<typeof updateResourceInput>): Promise<ResourceDto> {
  authorize(ctx, 'catalog:write');
  if (data.timezone) data.timezone = await databaseTimeZone(ctx.db, data.timezone, 'timezone', 'resource');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(resources)
      .where(and(eq(resources.organizationId, orgId), eq(resources.id, id)))
      .for('no key update');
    if (!before) throw notFound('Resource');
    const changed = changedKeys(before, data);
    if (changed.length === 0) return presentResource(before);
    if (data.userId && data.userId !== before.userId) await assertMemberUser(tx, orgId, data.userId);
    if (data.multiDay === null && before.multiDay) await assertNoMultiDayServices(tx, orgId, id);
    const [after] = await tx
      .update(resources)
      .set({ ...data, updatedAt: ctx.now })
      .where(and(eq(resources.organizationId, orgId), eq(resources.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'resource.updated',
      entity: 'resource',
      entityId: id,
      changes: auditChanges(before, after!, changed),
    });
    return presentResource(after!);
  });
}

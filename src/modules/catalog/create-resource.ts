import { resources } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentResource } from './present';
import { databaseTimeZone } from '@/modules/organizations';
import { assertRoomFor, catalogLimitLock, ownerVerified } from './catalog-limits';
import { assertMemberUser } from './resource-policy';
import type { createResourceInput, ResourceDto } from './schemas';

/** Adds a person (staff), asset, room or space that services can be booked on. */
export async function createResource(ctx: Ctx, data: z.output<typeof createResourceInput>): Promise<ResourceDto> {
  authorize(ctx, 'catalog:write');
  if (data.timezone) data.timezone = await databaseTimeZone(ctx.db, data.timezone, 'timezone', 'resource');
  const orgId = ctx.tenant.id;
  const id = newId('resource');
  // Unverified organizations are counted under a lock; verified ones skip both.
  const limited = !(await ownerVerified(ctx.db, orgId));
  const lock = limited ? { advisoryLock: catalogLimitLock(orgId, 'resources') } : {};
  return tenantTx(ctx, async (tx) => {
    if (limited) await assertRoomFor(tx, orgId, 'resources');
    if (data.userId) await assertMemberUser(tx, orgId, data.userId);
    const [resource] = await tx
      .insert(resources)
      .values({
        id,
        organizationId: orgId,
        ...data,
        section: data.section ?? null,
        timezone: data.timezone ?? null,
        userId: data.userId ?? null,
        multiDay: data.multiDay ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'resource.created', entity: 'resource', entityId: id, changes: { after: resource } });
    return presentResource(resource!);
  }, orgId, lock);
}

import { and, eq } from 'drizzle-orm';
import { resources } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, parseInput, tenantTx } from '@/modules/kernel';
import { loadResourceHours } from './queries';
import { resourceIdSchema } from './schemas';

/** A resource's effective weekly hours: its own, or the business hours it inherits. */
export async function getResourceHours(ctx: Ctx, resourceId: string) {
  authorize(ctx, 'catalog:read');
  const id = parseInput(resourceIdSchema, resourceId, 'resource id');
  const orgId = ctx.tenant.id;
  const tenantZone = ctx.tenant.timezone;
  return tenantTx(ctx, async (tx) => {
    const [resource] = await tx
      .select({ timezone: resources.timezone })
      .from(resources)
      .where(and(eq(resources.organizationId, orgId), eq(resources.id, id)));
    if (!resource) throw notFound('Resource');
    return { resourceId: id, timezone: resource.timezone ?? tenantZone, ...(await loadResourceHours(tx, orgId, id)) };
  });
}

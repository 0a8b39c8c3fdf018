import { and, eq } from 'drizzle-orm';
import { resources } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { loadResourceHours } from './queries';
import type { ResourceHoursDto } from './schemas';

/** A resource's effective weekly hours: its own, or the business hours it inherits. */
export async function getResourceHours(ctx: Ctx, id: string): Promise<ResourceHoursDto> {
  authorize(ctx, 'catalog:read');
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

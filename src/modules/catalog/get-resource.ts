import { and, asc, eq, gt, gte } from 'drizzle-orm';
import { blackouts, dateOverrides, resources, serviceResources } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentBlackout, presentDateOverride, presentResource } from './present';
import { loadResourceHours } from './queries';
import type { ResourceDetailDto } from './schemas';
import { localDate } from './time-ranges';

const UPCOMING_LIMIT = 100;

/**
 * A resource with what shapes its availability: effective weekly hours (its own, or the
 * business hours it inherits), its upcoming date overrides and blackouts (org-wide ones are
 * listed under /date-overrides and /blackouts), and the services it performs.
 */
export async function getResource(ctx: Ctx, id: string): Promise<ResourceDetailDto> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  const tenantZone = ctx.tenant.timezone;
  return tenantTx(ctx, async (tx) => {
    const [resource] = await tx.select().from(resources).where(and(eq(resources.organizationId, orgId), eq(resources.id, id)));
    if (!resource) throw notFound('Resource');
    const timezone = resource.timezone ?? tenantZone;
    const hours = await loadResourceHours(tx, orgId, id);
    const overrides = await tx
      .select()
      .from(dateOverrides)
      .where(and(eq(dateOverrides.organizationId, orgId), eq(dateOverrides.resourceId, id), gte(dateOverrides.date, localDate(ctx.now, timezone))))
      .orderBy(asc(dateOverrides.date))
      .limit(UPCOMING_LIMIT);
    const upcomingBlackouts = await tx
      .select()
      .from(blackouts)
      .where(and(eq(blackouts.organizationId, orgId), eq(blackouts.resourceId, id), gt(blackouts.endsAt, ctx.now)))
      .orderBy(asc(blackouts.startsAt))
      .limit(UPCOMING_LIMIT);
    const links = await tx
      .select({ serviceId: serviceResources.serviceId })
      .from(serviceResources)
      .where(and(eq(serviceResources.organizationId, orgId), eq(serviceResources.resourceId, id)));
    return {
      ...presentResource(resource),
      serviceIds: links.map((l) => l.serviceId),
      hours: { timezone, ...hours },
      overrides: overrides.map(presentDateOverride),
      blackouts: upcomingBlackouts.map(presentBlackout),
    };
  });
}

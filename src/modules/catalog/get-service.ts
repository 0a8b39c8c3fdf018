import { and, eq } from 'drizzle-orm';
import { resources, serviceResources, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { findPackage } from './packages';
import { presentService } from './present';
import type { ServiceDetailDto } from './schemas';

/** A service as staff see it, with the resources that can perform it (active or archived). */
export async function getService(ctx: Ctx, id: string): Promise<ServiceDetailDto> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [service] = await tx.select().from(services).where(and(eq(services.organizationId, orgId), eq(services.id, id)));
    if (!service) throw notFound('Service');
    const linked = await tx
      .select({ id: resources.id, name: resources.name, kind: resources.kind, section: resources.section, active: resources.active })
      .from(serviceResources)
      .innerJoin(resources, and(eq(resources.organizationId, serviceResources.organizationId), eq(resources.id, serviceResources.resourceId)))
      .where(and(eq(serviceResources.organizationId, orgId), eq(serviceResources.serviceId, id)))
      .orderBy(resources.sortOrder, resources.name, resources.id);
    return { ...presentService(service, linked.map((r) => r.id), await findPackage(tx, orgId, id)), resources: linked };
  });
}

import { and, eq } from 'drizzle-orm';
import { resources, serviceResources, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, parseInput, tenantTx } from '@/modules/kernel';
import { serviceIdSchema } from './schemas';

/** A service as staff see it, with the resources that can perform it (active or archived). */
export async function getService(ctx: Ctx, serviceId: string) {
  authorize(ctx, 'catalog:read');
  const id = parseInput(serviceIdSchema, serviceId, 'service id');
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
    return { ...service, resourceIds: linked.map((r) => r.id), resources: linked };
  });
}

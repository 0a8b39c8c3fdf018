import { services } from '@/db/schema';
import { conflict, sqlState, validationError } from '@/lib/errors';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { packageAudit, savePackage } from './packages';
import { presentService } from './present';
import { assertRoomFor, catalogLimitLock, ownerVerified } from './catalog-limits';
import { loadResourcesForLink, replaceServiceResources } from './queries';
import type { createServiceInput, ServiceDto } from './schemas';
import { serviceIssues, slugify, throwIssues } from './service-policy';

/** Adds a service to the catalog, with the resources that can perform it. */
export async function createService(ctx: Ctx, input: z.output<typeof createServiceInput>): Promise<ServiceDto> {
  authorize(ctx, 'catalog:write');
  const { resourceIds, package: pkgInput, ...data } = input;
  const orgId = ctx.tenant.id;
  const currency = data.currency ?? ctx.tenant.currency;
  const slug = data.slug ?? slugify(data.name);
  if (!slug) {
    const message = 'is required when the name has no letters or digits';
    throw validationError(`Invalid service: slug ${message}`, { fields: [{ path: 'slug', message }] });
  }
  const id = newId('service');
  // Unverified organizations are counted under a lock; verified ones skip both.
  const limited = !(await ownerVerified(ctx.db, orgId));
  const lock = limited ? { advisoryLock: catalogLimitLock(orgId, 'services') } : {};
  try {
    return await tenantTx(ctx, async (tx) => {
      if (limited) await assertRoomFor(tx, orgId, 'services');
      const linked = await loadResourcesForLink(tx, orgId, resourceIds);
      throwIssues(serviceIssues({ ...data, currency }, ctx.tenant.currency, linked, 'resourceIds'), 'service');
      const [service] = await tx
        .insert(services)
        .values({ id, organizationId: orgId, ...data, slug, currency, title: data.title ?? null, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await replaceServiceResources(tx, orgId, id, resourceIds);
      const pkg = await savePackage(tx, orgId, id, pkgInput, ctx.now);
      const after = { ...service!, resourceIds, package: packageAudit(pkg) };
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'service.created', entity: 'service', entityId: id, changes: { after } });
      return presentService(service!, resourceIds, pkg);
    }, orgId, lock);
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict(`Another service already uses the slug "${slug}".`, { field: 'slug' });
    throw err;
  }
}

import { and, eq } from 'drizzle-orm';
import { services } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { auditChanges, changedKeys, sameValue } from '@/modules/kernel';
import { loadResourcesForLink, replaceServiceResources, resourceIdsByService } from './queries';
import { findPackage, packageAudit, savePackage } from './packages';
import { presentService } from './present';
import type { ServiceDto, updateServiceInput } from './schemas';
import { serviceIssues, throwIssues } from './service-policy';

/**
 * Partial update. `resourceIds`, when sent, replaces the whole set. Restoring an archived
 * service is `{ active: true }`. Whole-service rules are checked on the merged result.
 */
export async function updateService(ctx: Ctx, id: string, input: z.output<typeof updateServiceInput>): Promise<ServiceDto> {
  authorize(ctx, 'catalog:write');
  const { resourceIds, package: pkgInput, ...data } = input;
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      // The row lock serialises concurrent updates, so two replacements of the set never mix.
      const [before] = await tx
        .select()
        .from(services)
        .where(and(eq(services.organizationId, orgId), eq(services.id, id)))
        .for('no key update');
      if (!before) throw notFound('Service');
      const beforeIds = (await resourceIdsByService(tx, orgId, [id])).get(id) ?? [];
      const nextIds = resourceIds ?? beforeIds;
      const linked = await loadResourcesForLink(tx, orgId, nextIds);
      const pkgBefore = await findPackage(tx, orgId, id);
      const merged = { ...before, ...data };
      // A stale currency (the organization changed its own) blocks only edits of the price itself.
      const checkCurrency = data.currency !== undefined || data.priceMinor !== undefined;
      throwIssues(serviceIssues(merged, checkCurrency ? ctx.tenant.currency : merged.currency, linked, resourceIds ? 'resourceIds' : null), 'service');

      const changed = changedKeys(before, data);
      const idsChanged = resourceIds !== undefined && !sameValue([...beforeIds].sort(), [...resourceIds].sort());
      const pkgChanged = pkgInput !== undefined && !sameValue(packageAudit(pkgBefore), pkgInput === null ? null : packageAudit({ ...pkgBefore!, ...pkgInput }));
      if (changed.length === 0 && !idsChanged && !pkgChanged) return presentService(before, beforeIds, pkgBefore);

      const [after] = await tx
        .update(services)
        .set({ ...data, updatedAt: ctx.now })
        .where(and(eq(services.organizationId, orgId), eq(services.id, id)))
        .returning();
      if (idsChanged) await replaceServiceResources(tx, orgId, id, nextIds);
      const pkgAfter = pkgChanged ? await savePackage(tx, orgId, id, pkgInput!, ctx.now) : pkgBefore;
      const afterIds = idsChanged ? (await resourceIdsByService(tx, orgId, [id])).get(id) ?? [] : beforeIds;
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'service.updated',
        entity: 'service',
        entityId: id,
        changes: auditChanges(before, after!, changed, {
          before: { ...(idsChanged ? { resourceIds: beforeIds } : {}), ...(pkgChanged ? { package: packageAudit(pkgBefore) } : {}) },
          after: { ...(idsChanged ? { resourceIds: afterIds } : {}), ...(pkgChanged ? { package: packageAudit(pkgAfter) } : {}) },
        }),
      });
      return presentService(after!, afterIds, pkgAfter);
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict(`Another service already uses the slug "${data.slug}".`, { field: 'slug' });
    throw err;
  }
}

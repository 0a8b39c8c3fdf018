import { and, eq } from 'drizzle-orm';
import { resources } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { openDays, replaceWeeklyHours } from './hours';
import { loadResourceHours } from './queries';
import type { ResourceHoursDto, setHoursInput } from './schemas';

/**
 * Replaces a resource's own weekly hours. The availability engine uses a resource's own rows
 * when it has any, else the organization's business hours: so `{ weekly: [] }` (or only
 * empty days) makes the resource inherit the business hours again. To take a resource out of
 * service, archive it or add date overrides / blackouts.
 */
export async function setResourceHours(ctx: Ctx, id: string, { weekly }: z.output<typeof setHoursInput>): Promise<ResourceHoursDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  const tenantZone = ctx.tenant.timezone;
  return tenantTx(ctx, async (tx) => {
    // The resource row lock serialises replacements of its hours.
    const [resource] = await tx
      .select({ timezone: resources.timezone })
      .from(resources)
      .where(and(eq(resources.organizationId, orgId), eq(resources.id, id)))
      .for('no key update');
    if (!resource) throw notFound('Resource');
    const before = await loadResourceHours(tx, orgId, id);
    await replaceWeeklyHours(tx, orgId, id, weekly);
    const after = await loadResourceHours(tx, orgId, id);
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'resource.hours_updated',
      entity: 'resource',
      entityId: id,
      changes: {
        before: { inheritsBusinessHours: before.inheritsBusinessHours, weekly: before.inheritsBusinessHours ? [] : openDays(before.weekly) },
        after: { inheritsBusinessHours: after.inheritsBusinessHours, weekly: after.inheritsBusinessHours ? [] : openDays(after.weekly) },
      },
    });
    return { resourceId: id, timezone: resource.timezone ?? tenantZone, ...after };
  });
}

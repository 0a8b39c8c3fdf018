import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { openDays, replaceWeeklyHours } from './hours';
import { loadBusinessHours, lockOrganizationRow } from './queries';
import type { BusinessHoursDto, setHoursInput } from './schemas';

/**
 * Replaces the organization's weekly business hours atomically. Weekdays left out are closed.
 * Resources without weekly hours of their own inherit these.
 */
export async function setBusinessHours(ctx: Ctx, { weekly }: z.output<typeof setHoursInput>): Promise<BusinessHoursDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  const timezone = ctx.tenant.timezone;
  return tenantTx(ctx, async (tx) => {
    // Two concurrent replacements would otherwise each delete the old rows and both insert.
    await lockOrganizationRow(tx, orgId);
    const before = await loadBusinessHours(tx, orgId);
    await replaceWeeklyHours(tx, orgId, null, weekly);
    const after = await loadBusinessHours(tx, orgId);
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'business_hours.updated',
      entity: 'organization',
      entityId: orgId,
      changes: { before: { weekly: openDays(before) }, after: { weekly: openDays(after) } },
    });
    return { timezone, weekly: after };
  });
}

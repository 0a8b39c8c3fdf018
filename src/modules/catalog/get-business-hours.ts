import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { loadBusinessHours } from './queries';
import type { BusinessHoursDto } from './schemas';

/** The organization's weekly business hours (all seven ISO weekdays; closed days have no ranges). */
export async function getBusinessHours(ctx: Ctx): Promise<BusinessHoursDto> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  const timezone = ctx.tenant.timezone;
  const weekly = await tenantTx(ctx, (tx) => loadBusinessHours(tx, orgId));
  return { timezone, weekly };
}

import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import { dateOverrides } from '@/db/schema';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { findPublicOrganization, loadBusinessHours } from './queries';
import type { PublicHours } from './schemas';
import { addDays, localDate } from './time-ranges';

const PUBLIC_OVERRIDE_DAYS = 60;

/**
 * Opening hours for the public page: the weekly business hours and the organization-wide
 * date overrides (holidays, special hours) of the next 60 days, in the organization's zone.
 */
export async function getPublicHours(ctx: Ctx, slug: string): Promise<PublicHours> {
  const org = await findPublicOrganization(ctx, slug);
  const today = localDate(ctx.now, org.timezone);
  const until = addDays(today, PUBLIC_OVERRIDE_DAYS);
  return tenantTx(
    ctx,
    async (tx) => {
      const weekly = await loadBusinessHours(tx, org.id);
      const overrides = await tx
        .select({ date: dateOverrides.date, ranges: dateOverrides.ranges, reason: dateOverrides.reason })
        .from(dateOverrides)
        .where(and(eq(dateOverrides.organizationId, org.id), isNull(dateOverrides.resourceId), gte(dateOverrides.date, today), lt(dateOverrides.date, until)))
        .orderBy(asc(dateOverrides.date));
      return { timezone: org.timezone, weekly, overrides, from: today, until };
    },
    org.id,
  );
}

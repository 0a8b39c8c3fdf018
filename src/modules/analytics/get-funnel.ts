import { and, asc, between, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { bookingFunnelDaily, services } from '@/db/schema';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { type FunnelCounts, type FunnelDto, type funnelQuery, funnelSteps } from './schemas';

const zero = (): FunnelCounts => Object.fromEntries(funnelSteps.map((s) => [s, 0])) as FunnelCounts;
const rate = (c: FunnelCounts) => (c.service_viewed > 0 ? Math.round((c.booked / c.service_viewed) * 10_000) / 10_000 : null);

/**
 * The booking funnel over the last `days` local days (today included, the organization's
 * zone): totals, conversion (booked / service viewed) and each service's counts. Services
 * offered now are listed even with no counts; an archived one only if it has counts.
 */
export async function getBookingFunnel(ctx: Ctx, query: z.output<typeof funnelQuery>): Promise<FunnelDto> {
  authorize(ctx, 'analytics:read');
  const zone = ctx.tenant.timezone;
  const today = DateTime.fromJSDate(ctx.now, { zone }).startOf('day');
  const to = today.toISODate()!;
  const from = today.minus({ days: query.days - 1 }).toISODate()!;
  return tenantTx(ctx, async (tx) => {
    const rows = await tx
      .select({ serviceId: bookingFunnelDaily.serviceId, step: bookingFunnelDaily.step, n: sql<number>`sum(${bookingFunnelDaily.count})::int` })
      .from(bookingFunnelDaily)
      .where(and(eq(bookingFunnelDaily.organizationId, ctx.tenant.id), between(bookingFunnelDaily.day, from, to)))
      .groupBy(bookingFunnelDaily.serviceId, bookingFunnelDaily.step);
    const list = await tx
      .select({ id: services.id, name: services.name, active: services.active })
      .from(services)
      .where(eq(services.organizationId, ctx.tenant.id))
      .orderBy(asc(services.sortOrder), asc(services.name));
    const totals = zero();
    const perService = new Map<string, FunnelCounts>();
    for (const r of rows) {
      const counts = perService.get(r.serviceId) ?? zero();
      counts[r.step] += Number(r.n);
      totals[r.step] += Number(r.n);
      perService.set(r.serviceId, counts);
    }
    const byService = list
      .filter((s) => s.active || perService.has(s.id))
      .map((s) => {
        const counts = perService.get(s.id) ?? zero();
        return { serviceId: s.id, name: s.name, counts, conversionRate: rate(counts) };
      });
    return { days: query.days, from, to, timezone: zone, totals, conversionRate: rate(totals), byService };
  });
}

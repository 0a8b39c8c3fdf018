import type { z } from 'zod';
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { orderLines, orders } from '@/db/schema';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { zonedDay } from './list-orders';
import type { OrderStatsDto, orderStatsQuery } from './schemas';

const COUNTED = ['pending_payment', 'paid', 'fulfilled', 'delivered'] as const;

/** Revenue (totals of orders not cancelled or refunded), orders, AOV, top products and days, in the organization's zone. */
export async function orderStats(ctx: Ctx, q: z.output<typeof orderStatsQuery>): Promise<OrderStatsDto> {
  authorize(ctx, 'orders:read');
  const orgId = ctx.tenant.id;
  const tz = ctx.tenant.timezone;
  const inRange = and(eq(orders.organizationId, orgId), inArray(orders.status, [...COUNTED]), gte(orders.placedAt, zonedDay(q.from, tz)), lt(orders.placedAt, zonedDay(q.to, tz, 1)));
  return tenantTx(ctx, async (tx) => {
    const day = sql<string>`to_char(${orders.placedAt} at time zone ${tz}, 'YYYY-MM-DD')`;
    const byDay = await tx
      .select({ date: day, orders: sql<number>`count(*)::int`, revenueMinor: sql<number>`coalesce(sum(${orders.totalMinor}), 0)::float8` })
      .from(orders)
      .where(inRange)
      // By position: the zone is a parameter, and two uses of it are two parameters to PostgreSQL.
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    const top = await tx
      .select({
        productId: orderLines.productId,
        title: sql<string>`min(${orderLines.productTitle})`,
        quantity: sql<number>`sum(${orderLines.quantity})::float8`,
        revenueMinor: sql<number>`sum(${orderLines.lineTotalMinor})::float8`,
      })
      .from(orderLines)
      .innerJoin(orders, and(eq(orders.organizationId, orderLines.organizationId), eq(orders.id, orderLines.orderId)))
      .where(inRange)
      .groupBy(orderLines.productId)
      .orderBy(desc(sql`sum(${orderLines.lineTotalMinor})`))
      .limit(10);
    const count = byDay.reduce((s, d) => s + d.orders, 0);
    const revenue = byDay.reduce((s, d) => s + d.revenueMinor, 0);
    return {
      currency: ctx.tenant.currency,
      from: q.from,
      to: q.to,
      revenueMinor: revenue,
      orders: count,
      averageOrderValueMinor: count === 0 ? 0 : Math.round(revenue / count),
      topProducts: top,
      byDay,
    };
  });
}

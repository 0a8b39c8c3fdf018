import type { z } from 'zod';
import { and, count, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { orders } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentOrderSummary } from './present';
import type { listOrdersQuery, OrderSummaryDto } from './schemas';

/** Day `date` (YYYY-MM-DD) at midnight in the organization's zone, as SQL. */
export const zonedDay = (date: string, timezone: string, plusDays = 0) => sql`((${date}::date + ${plusDays}::int)::timestamp at time zone ${timezone})`;

/** Orders newest first; filters: status, placed between dates (the organization's days), q by email or number. */
export async function listOrders(ctx: Ctx, q: z.output<typeof listOrdersQuery>): Promise<Page<OrderSummaryDto>> {
  authorize(ctx, 'orders:read');
  const orgId = ctx.tenant.id;
  const tz = ctx.tenant.timezone;
  const where: (SQL | undefined)[] = [eq(orders.organizationId, orgId)];
  if (q.status) where.push(eq(orders.status, q.status));
  if (q.from) where.push(gte(orders.placedAt, zonedDay(q.from, tz)));
  if (q.to) where.push(lt(orders.placedAt, zonedDay(q.to, tz, 1)));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(orders.email, like), ilike(orders.number, like)));
  }
  const filter = and(...where);
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(orders).where(filter).orderBy(desc(orders.placedAt), desc(orders.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(orders).where(filter);
    return toPage(rows.map(presentOrderSummary), total?.n ?? 0, q);
  });
}

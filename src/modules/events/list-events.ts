import type { z } from 'zod';
import { and, asc, count, desc, eq, gt, lte, type SQL } from 'drizzle-orm';
import { events } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentEvents } from './queries';
import type { EventDto, listEventsQuery } from './schemas';

/** Events by start: upcoming (not ended) soonest first, or ended latest first, or all latest first. */
export async function listEvents(ctx: Ctx, q: z.output<typeof listEventsQuery>): Promise<Page<EventDto>> {
  authorize(ctx, 'events:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const where: SQL[] = [eq(events.organizationId, orgId)];
    if (q.status) where.push(eq(events.status, q.status));
    if (q.upcoming === true) where.push(gt(events.endsAt, ctx.now));
    if (q.upcoming === false) where.push(lte(events.endsAt, ctx.now));
    const order = q.upcoming === true ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)];
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(events).where(and(...where)).orderBy(...order).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(events).where(and(...where));
    return toPage(await presentEvents(tx, rows, ctx.tenant.currency), total?.n ?? 0, q);
  });
}

/** Staff: an event's waitlist in line order (live entries first by time of joining, then closed ones). */
import type { z } from 'zod';
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { eventWaitlistEntries, orders, productVariants } from '@/db/schema';
import { iso } from '@/lib/dto';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { eventOf } from '@/modules/events';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import type { EventWaitlistEntryDto, listEventWaitlistQuery } from './schemas';

export async function listEventWaitlist(ctx: Ctx, eventId: string, q: z.output<typeof listEventWaitlistQuery>): Promise<Page<EventWaitlistEntryDto>> {
  authorize(ctx, 'events:read');
  const orgId = ctx.tenant!.id;
  return tenantTx(ctx, async (tx) => {
    await eventOf(tx, orgId, eventId);
    const where: SQL[] = [eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.eventId, eventId)];
    if (q.status) where.push(eq(eventWaitlistEntries.status, q.status));
    const live = sql`${eventWaitlistEntries.status} in ('waiting', 'offered')`;
    const { limit, offset } = pageOffset(q);
    // Place in line: the rank among the event's live entries (all of them, whatever the filter).
    const liveIds = await tx
      .select({ id: eventWaitlistEntries.id })
      .from(eventWaitlistEntries)
      .where(and(eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.eventId, eventId), live))
      .orderBy(asc(eventWaitlistEntries.createdAt), asc(eventWaitlistEntries.id));
    const positions = new Map(liveIds.map((r, i) => [r.id, i + 1]));
    const rows = await tx
      .select({ entry: eventWaitlistEntries, ticketType: productVariants.title, orderNumber: orders.number })
      .from(eventWaitlistEntries)
      .leftJoin(productVariants, and(eq(productVariants.organizationId, eventWaitlistEntries.organizationId), eq(productVariants.id, eventWaitlistEntries.variantId)))
      .leftJoin(orders, and(eq(orders.organizationId, eventWaitlistEntries.organizationId), eq(orders.id, eventWaitlistEntries.orderId)))
      .where(and(...where))
      .orderBy(sql`(${eventWaitlistEntries.status} in ('waiting', 'offered')) desc`, asc(eventWaitlistEntries.createdAt), asc(eventWaitlistEntries.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(eventWaitlistEntries).where(and(...where));
    return toPage(
      rows.map((r) => ({
        id: r.entry.id,
        position: positions.get(r.entry.id) ?? null,
        name: r.entry.name,
        email: r.entry.email,
        ticketTypeId: r.entry.variantId,
        ticketType: r.ticketType ?? '',
        quantity: r.entry.quantity,
        status: r.entry.status,
        offerExpiresAt: iso(r.entry.offerExpiresAt),
        orderId: r.entry.orderId,
        orderNumber: r.orderNumber ?? null,
        createdAt: iso(r.entry.createdAt),
      })),
      total?.n ?? 0,
      q,
    );
  });
}

import type { z } from 'zod';
import { and, asc, count, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { orders, tickets } from '@/db/schema';
import { iso } from '@/lib/dto';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { eventOf } from './queries';
import type { listTicketsQuery, TicketDto } from './schemas';

type TicketRow = typeof tickets.$inferSelect;

export const presentTicket = (t: TicketRow, orderNumber: string): TicketDto => ({
  id: t.id,
  eventId: t.eventId,
  ticketTypeId: t.ticketTypeId,
  ticketType: t.ticketTypeName,
  holderName: t.holderName,
  orderId: t.orderId,
  orderNumber,
  status: t.status,
  checkedInAt: iso(t.checkedInAt),
  createdAt: iso(t.createdAt),
});

/** An event's tickets in the order they were issued: holder, type, order number, check-in. */
export async function listTickets(ctx: Ctx, eventId: string, q: z.output<typeof listTicketsQuery>): Promise<Page<TicketDto>> {
  authorize(ctx, 'events:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    await eventOf(tx, orgId, eventId);
    const where: SQL[] = [eq(tickets.organizationId, orgId), eq(tickets.eventId, eventId)];
    if (q.ticketTypeId) where.push(eq(tickets.ticketTypeId, q.ticketTypeId));
    if (q.status) where.push(eq(tickets.status, q.status));
    if (q.checkedIn !== undefined) where.push(q.checkedIn ? isNotNull(tickets.checkedInAt) : isNull(tickets.checkedInAt));
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select({ ticket: tickets, number: orders.number })
      .from(tickets)
      .innerJoin(orders, and(eq(orders.organizationId, tickets.organizationId), eq(orders.id, tickets.orderId)))
      .where(and(...where))
      .orderBy(asc(tickets.createdAt), asc(tickets.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(tickets).where(and(...where));
    return toPage(rows.map((r) => presentTicket(r.ticket, r.number)), total?.n ?? 0, q);
  });
}

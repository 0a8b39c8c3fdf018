/**
 * Tickets follow their order (called by modules/orders inside the order's transition, under the
 * order's row lock): issued when it becomes paid — one per admitted person, i.e. per unit of each
 * ticket line — and voided when it is cancelled or refunded (its seats go back with the order's
 * stock reservations, in the same transaction).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import { events, orderLines, products, productVariants, tickets } from '@/db/schema';
import { iso } from '@/lib/dto';
import { newId } from '@/lib/ids';
import type { OrderTicketDto } from './schemas';
import { codeHash, groupCode, newTicketCode, openCode, qrSvg, sealCode } from './ticket-code';

export interface IssuedTicket {
  id: string;
  code: string;
}

/** Issues the order's tickets (once: an order that already has tickets gets none more). */
export async function issueOrderTickets(tx: Tx, order: { organizationId: string; id: string; name: string }, now: Date): Promise<IssuedTicket[]> {
  const orgId = order.organizationId;
  const [already] = await tx.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.organizationId, orgId), eq(tickets.orderId, order.id))).limit(1);
  if (already) return [];
  const lines = await tx
    .select({ line: orderLines, eventId: events.id })
    .from(orderLines)
    .innerJoin(productVariants, and(eq(productVariants.organizationId, orderLines.organizationId), eq(productVariants.id, orderLines.variantId)))
    .innerJoin(products, and(eq(products.organizationId, productVariants.organizationId), eq(products.id, productVariants.productId)))
    .innerJoin(events, and(eq(events.organizationId, products.organizationId), eq(events.productId, products.id)))
    .where(and(eq(orderLines.organizationId, orgId), eq(orderLines.orderId, order.id), eq(products.kind, 'ticket')))
    .orderBy(asc(orderLines.position));
  const issued: IssuedTicket[] = [];
  const rows: (typeof tickets.$inferInsert)[] = [];
  for (const { line, eventId } of lines) {
    for (let i = 0; i < line.quantity; i++) {
      const id = newId('ticket');
      const code = newTicketCode();
      issued.push({ id, code });
      rows.push({
        id,
        organizationId: orgId,
        eventId,
        orderId: order.id,
        orderLineId: line.id,
        ticketTypeId: line.variantId,
        ticketTypeName: line.variantTitle,
        codeHash: codeHash(code),
        codeSealed: sealCode(code, id),
        holderName: order.name,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (rows.length > 0) await tx.insert(tickets).values(rows);
  return issued;
}

/** Voids the order's valid tickets; returns how many. */
export async function voidOrderTickets(tx: Tx, order: { organizationId: string; id: string }, now: Date): Promise<number> {
  const voided = await tx
    .update(tickets)
    .set({ status: 'void', updatedAt: now })
    .where(and(eq(tickets.organizationId, order.organizationId), eq(tickets.orderId, order.id), eq(tickets.status, 'valid')))
    .returning({ id: tickets.id });
  return voided.length;
}

/** The order's tickets with their codes (unsealed) and QR images: for its status page and email. */
export async function orderTickets(db: Executor, orgId: string, orderIds: string[]): Promise<Map<string, (OrderTicketDto & { rawCode: string })[]>> {
  const out = new Map<string, (OrderTicketDto & { rawCode: string })[]>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .select({ ticket: tickets, event: { slug: events.slug, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt, timezone: events.timezone } })
    .from(tickets)
    .innerJoin(events, and(eq(events.organizationId, tickets.organizationId), eq(events.id, tickets.eventId)))
    .where(and(eq(tickets.organizationId, orgId), inArray(tickets.orderId, orderIds)))
    .orderBy(asc(tickets.createdAt), asc(tickets.id));
  for (const r of rows) {
    const code = openCode(r.ticket.codeSealed, r.ticket.id);
    if (!code) continue;
    const list = out.get(r.ticket.orderId) ?? [];
    list.push({
      rawCode: code,
      code: groupCode(code),
      qrSvg: await qrSvg(code),
      ticketType: r.ticket.ticketTypeName,
      event: { slug: r.event.slug, title: r.event.title, startsAt: iso(r.event.startsAt), endsAt: iso(r.event.endsAt), timezone: r.event.timezone },
      status: r.ticket.status,
      checkedInAt: iso(r.ticket.checkedInAt),
    });
    out.set(r.ticket.orderId, list);
  }
  return out;
}

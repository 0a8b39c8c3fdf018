import type { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import { events, orders, tickets } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { iso } from '@/lib/dto';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { pointsOnCheckIn } from '@/modules/loyalty';
import { presentTicket } from './list-tickets';
import type { CheckInDto, checkInInput } from './schemas';
import { codeHash } from './ticket-code';

/**
 * Admits the holder of a ticket code: one conditional UPDATE … WHERE checked_in_at IS NULL AND
 * status = 'valid', so of two scanners reading the same code at once exactly one admits; the
 * other (and every later scan) gets 409 already_checked_in with the time. A voided ticket is a
 * 409 ticket_void; an unknown code (or another organization's) a 404. An admitted ticket earns
 * the loyalty program's points per check-in for its order's email, in the same transaction.
 * Lock order: the order row (shared), the ticket's UPDATE, then the loyalty account.
 */
export async function checkInTicket(ctx: Ctx, input: z.output<typeof checkInInput>): Promise<CheckInDto> {
  authorize(ctx, 'events:check_in');
  const orgId = ctx.tenant.id;
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const hash = codeHash(input.code);
  return tenantTx(ctx, async (tx) => {
    // The ticket's order row first, shared: an order transition (which locks the order, then the
    // loyalty account, then voids the tickets) and a check-in (ticket, then the account, for its
    // points) would otherwise take those locks in opposite orders. Shared, so check-ins of one
    // order's tickets do not wait for each other; a refund under way finishes first, and its
    // voided ticket is then refused.
    const [owner] = await tx.select({ orderId: tickets.orderId }).from(tickets).where(and(eq(tickets.organizationId, orgId), eq(tickets.codeHash, hash)));
    if (owner) await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.organizationId, orgId), eq(orders.id, owner.orderId))).for('share');
    const [admitted] = await tx
      .update(tickets)
      .set({ checkedInAt: ctx.now, checkedInBy: userId, updatedAt: ctx.now })
      .where(and(eq(tickets.organizationId, orgId), eq(tickets.codeHash, hash), isNull(tickets.checkedInAt), eq(tickets.status, 'valid')))
      .returning();
    if (!admitted) {
      const [t] = await tx.select().from(tickets).where(and(eq(tickets.organizationId, orgId), eq(tickets.codeHash, hash)));
      if (!t) throw notFound('Ticket');
      // A refusal is not a mutation: no audit row (the transaction wrote nothing).
      throw t.status === 'void'
          ? conflict('This ticket was voided (its order was cancelled or refunded).', { reason: 'ticket_void' })
          : conflict(`Already checked in at ${iso(t.checkedInAt!)}.`, { reason: 'already_checked_in', checkedInAt: iso(t.checkedInAt) });
    }
    const [event] = await tx.select().from(events).where(and(eq(events.organizationId, orgId), eq(events.id, admitted.eventId)));
    const [order] = await tx.select({ number: orders.number, email: orders.email, name: orders.name }).from(orders).where(and(eq(orders.organizationId, orgId), eq(orders.id, admitted.orderId)));
    // Attending earns the program's points for the order's email (modules/loyalty), once per
    // ticket; the loyalty account's row lock is the only lock taken after the ticket's UPDATE.
    if (order) await pointsOnCheckIn(tx, ctx, { organizationId: orgId, ticketId: admitted.id, email: order.email, name: order.name, eventTitle: event!.title });
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'ticket.checked_in',
      entity: 'ticket',
      entityId: admitted.id,
      changes: { before: { checkedInAt: null }, after: { checkedInAt: iso(ctx.now), eventId: admitted.eventId } },
    });
    return {
      ticket: presentTicket(admitted, order?.number ?? ''),
      event: { id: event!.id, slug: event!.slug, title: event!.title, startsAt: iso(event!.startsAt) },
      checkedInAt: iso(ctx.now),
    };
  });
}

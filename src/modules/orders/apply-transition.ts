/**
 * One status step of an order, with its stock, promo, payment and history effects, inside the
 * caller's transaction. The caller has locked the order row (FOR UPDATE) and passes it: the
 * status is checked under that lock, so of two concurrent cancels one wins and the other is a 409,
 * and stock comes back exactly once.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orderEvents, orderLines, orders, payments, productVariants, promoCodes, promoRedemptions } from '@/db/schema';
import { newId } from '@/lib/ids';
import { issueOrderTickets, voidOrderTickets } from '@/modules/events';
import { type Ctx, enqueue, recordAudit } from '@/modules/kernel';
import { pointsOnOrderStep } from '@/modules/loyalty';
import type { OrderRow } from './present';
import { nextStatus } from './state-machine';
import type { OrderAction } from './schemas';
import { commitReservations, keepReservations, releaseReservations, restock } from './stock';

export type Step = OrderAction | 'expire' | 'decline';

const auditAction: Record<Step, string> = {
  pay: 'order.paid',
  fulfil: 'order.fulfilled',
  deliver: 'order.delivered',
  cancel: 'order.cancelled',
  refund: 'order.refunded',
  expire: 'order.expired',
  decline: 'order.payment_declined',
};

export async function lockOrder(tx: Tx, orgId: string, orderId: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(orders).where(and(eq(orders.organizationId, orgId), eq(orders.id, orderId))).for('update');
  return row ?? null;
}

/** A cancelled order's promo use is given back (a refund keeps it: the order happened). */
async function returnPromoUse(tx: Tx, o: OrderRow): Promise<void> {
  if (!o.promoCodeId) return;
  const gone = await tx.delete(promoRedemptions).where(and(eq(promoRedemptions.organizationId, o.organizationId), eq(promoRedemptions.orderId, o.id))).returning({ id: promoRedemptions.id });
  if (gone.length > 0) {
    await tx
      .update(promoCodes)
      .set({ timesUsed: sql`${promoCodes.timesUsed} - 1` })
      .where(and(eq(promoCodes.organizationId, o.organizationId), eq(promoCodes.id, o.promoCodeId)));
  }
}

/**
 * `opts.audit: false` when the step is part of another audited change (a party booking's
 * cancellation moves its deposit order): one audit row per request. `opts.fromBooking`: the
 * booking itself is the cause, so it is not moved back (bookings/deposits.ts).
 */
export async function applyTransition(tx: Tx, ctx: Ctx, o: OrderRow, step: Step, note?: string | null, opts: { audit?: boolean; fromBooking?: boolean } = {}): Promise<OrderRow> {
  const to = nextStatus(step === 'decline' ? 'expire' : step, o.status);
  const orgId = o.organizationId;
  const now = ctx.now;
  const patch: Partial<OrderRow> = { status: to, updatedAt: now };
  let stockMoved: unknown = null;
  let ticketsChanged: { issued?: number; voided?: number } | null = null;
  // Loyalty points (modules/loyalty): earned when paid; spent ones given back and earned ones taken
  // back on cancel, expiry, decline and refund. Before the stock moves: the lock order is the
  // order row, the loyalty account, then stock items (as in checkout.ts).
  await pointsOnOrderStep(tx, ctx, o, step);
  switch (step) {
    case 'pay':
      patch.paidAt = now;
      patch.holdExpiresAt = null;
      await keepReservations(tx, orgId, o.id);
      await tx.update(payments).set({ status: 'captured', updatedAt: now }).where(and(eq(payments.organizationId, orgId), eq(payments.orderId, o.id)));
      // Event tickets exist for paid orders only: issued here, under the order's lock (modules/events).
      ticketsChanged = { issued: (await issueOrderTickets(tx, o, now)).length };
      break;
    case 'fulfil':
      patch.fulfilledAt = now;
      // Tickets are seats, not parcels: a digital order keeps holding its seats (a later refund
      // gives them back from the hold) and the event's capacity stays the stock items' on_hand.
      if (o.fulfilment !== 'digital') {
        patch.stockState = 'committed';
        stockMoved = await commitReservations(tx, orgId, o.id, now);
      }
      break;
    case 'deliver':
      patch.deliveredAt = now;
      break;
    case 'cancel':
    case 'expire':
    case 'decline':
      patch.cancelledAt = now;
      patch.cancelReason = note ?? (step === 'expire' ? 'payment not completed in time' : step === 'decline' ? 'payment declined' : null);
      patch.stockState = 'returned';
      patch.holdExpiresAt = null;
      stockMoved = await releaseReservations(tx, orgId, o.id, now);
      ticketsChanged = { voided: await voidOrderTickets(tx, o, now) };
      await returnPromoUse(tx, o);
      await tx
        .update(payments)
        .set({ status: step === 'decline' ? 'declined' : 'voided', updatedAt: now })
        .where(and(eq(payments.organizationId, orgId), eq(payments.orderId, o.id), sql`${payments.status} in ('pending', 'authorized')`));
      break;
    case 'refund':
      patch.refundedAt = now;
      patch.stockState = 'returned';
      if (o.stockState === 'reserved') stockMoved = await releaseReservations(tx, orgId, o.id, now);
      else if (o.stockState === 'committed') {
        const lines = await tx
          .select({ stockItemId: orderLines.stockItemId, poolStockItemId: productVariants.poolStockItemId, units: orderLines.units })
          .from(orderLines)
          .leftJoin(productVariants, and(eq(productVariants.organizationId, orderLines.organizationId), eq(productVariants.id, orderLines.variantId)))
          .where(and(eq(orderLines.organizationId, orgId), eq(orderLines.orderId, o.id)));
        stockMoved = await restock(tx, orgId, lines.flatMap((l) => (l.poolStockItemId ? [l, { stockItemId: l.poolStockItemId, units: l.units }] : [l])), now);
      }
      ticketsChanged = { voided: await voidOrderTickets(tx, o, now) };
      await tx.update(payments).set({ status: 'refunded', updatedAt: now }).where(and(eq(payments.organizationId, orgId), eq(payments.orderId, o.id)));
      break;
  }
  const [after] = await tx.update(orders).set(patch).where(and(eq(orders.organizationId, orgId), eq(orders.id, o.id))).returning();
  const actor = ctx.actor;
  await tx.insert(orderEvents).values({
    id: newId('orderEvent'),
    organizationId: orgId,
    orderId: o.id,
    action: step,
    fromStatus: o.status,
    toStatus: to,
    actorType: actor.type === 'user' ? 'user' : actor.type === 'system' ? 'system' : 'guest',
    actorUserId: actor.type === 'user' ? actor.userId : null,
    note: note ?? null,
    createdAt: now,
  });
  await enqueue(tx, ctx, { organizationId: orgId, topic: 'order.status_changed', payload: { orderId: o.id, from: o.status, to, action: step } });
  // A booking's deposit order moves its booking: paid → confirmed, unpaid and gone → released.
  // Imported at call time: bookings places these orders through this module (no import cycle).
  if (o.bookingId && o.purpose === 'deposit' && !opts.fromBooking) {
    const { depositOrderStepped } = await import('@/modules/bookings');
    await depositOrderStepped(tx, ctx, after!, step);
  }
  // An event waitlist entry's held order moves its entry: paid → purchased, unpaid and gone →
  // expired (its seats go to the next in line on the next offer sweep). Every payment path passes
  // here. Imported at call time: event-waitlist places these orders through this module.
  if (o.fulfilment === 'digital' && step !== 'fulfil' && step !== 'deliver' && step !== 'refund') {
    const { waitlistOrderStepped } = await import('@/modules/event-waitlist');
    await waitlistOrderStepped(tx, ctx, after!, step);
  }
  if (opts.audit === false) return after!;
  await recordAudit(tx, ctx, {
    organizationId: orgId,
    action: auditAction[step],
    entity: 'order',
    entityId: o.id,
    changes: { before: { status: o.status, stockState: o.stockState }, after: { status: to, stockState: after!.stockState, stock: stockMoved, tickets: ticketsChanged ?? undefined, note: note ?? undefined } },
  });
  return after!;
}

/**
 * A party booking and its deposit order (orders.purpose 'deposit'): the two move together.
 *
 * - Placing: the booking is created `pending` (it holds the room: pending is covered by the
 *   exclusion constraint) and its deposit order in the same transaction (place-booking.ts).
 * - The order is paid → the booking is confirmed and `deposit_paid_at` set (a request still
 *   waiting for rule approvals stays pending: its approvers confirm it).
 * - The order expires (the online payment never completed), is declined or cancelled before
 *   payment → the booking is cancelled with that reason: the room is free again.
 * - The booking is cancelled or rejected → the refund follows the package's cancellation policy
 *   by the notice given (party-price.ts refundFor; a rejection refunds everything paid), is
 *   recorded on the booking (`refund_minor`), and the order follows: an unpaid one is
 *   cancelled; a paid one is refunded when anything is refunded, else it stays paid (the
 *   deposit is kept as the cancellation fee).
 *
 * Lock order: the deposit order's row first, then the resource, then the booking
 * (apply-transition.ts takes the order's lock before its own when the booking has one), the same
 * as the order's side (orders/apply-transition.ts holds the order's lock when it calls here).
 * Side steps write no audit row of their own: the request's one audit row is the cause's.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookings } from '@/db/schema';
import type { Ctx } from '@/modules/kernel';
import { applyOrderTransition, lockOrder } from '@/modules/orders';
import { openApprovals } from '@/modules/rules';
import type { BookingRow } from './apply-transition';
import { refundFor } from './party-price';

type OrderRow = NonNullable<Awaited<ReturnType<typeof lockOrder>>>;
type OrderStep = 'pay' | 'fulfil' | 'deliver' | 'cancel' | 'refund' | 'expire' | 'decline';

const systemCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: { type: 'system', name: 'deposit' } });

/** Called by orders/apply-transition.ts under the order's row lock, after its status changed. */
export async function depositOrderStepped(tx: Tx, ctx: Ctx, order: OrderRow, step: OrderStep): Promise<void> {
  if (!order.bookingId) return;
  const orgId = order.organizationId;
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.organizationId, orgId), eq(bookings.id, order.bookingId)));
  if (!booking || booking.depositOrderId !== order.id) return;
  // Imported here, not at the top: apply-transition.ts imports this file.
  const { applyTransition } = await import('./apply-transition');
  if (step === 'pay') {
    await tx.update(bookings).set({ depositPaidAt: ctx.now, updatedAt: ctx.now }).where(and(eq(bookings.organizationId, orgId), eq(bookings.id, booking.id)));
    if (booking.status === 'pending' && (await openApprovals(tx, orgId, booking.id)) === 0) {
      await applyTransition(tx, systemCtx(ctx), orgId, booking.id, 'confirm', 'deposit paid', { audit: null });
    }
    return;
  }
  if ((step === 'expire' || step === 'decline' || step === 'cancel') && !booking.depositPaidAt && (booking.status === 'pending' || booking.status === 'confirmed')) {
    const reason = step === 'expire' ? 'deposit not paid in time' : step === 'decline' ? 'deposit payment declined' : 'deposit order cancelled';
    await applyTransition(tx, systemCtx(ctx), orgId, booking.id, 'cancel', reason, { audit: null });
  }
}

/** Before a booking that may free its range is locked: its deposit order's row, locked first (the lock order). */
export async function lockDepositOrderOf(tx: Tx, orgId: string, bookingId: string): Promise<OrderRow | null> {
  const [row] = await tx.select({ orderId: bookings.depositOrderId }).from(bookings).where(and(eq(bookings.organizationId, orgId), eq(bookings.id, bookingId)));
  if (!row?.orderId) return null;
  return lockOrder(tx, orgId, row.orderId);
}

/** What was paid on the booking: the deposit and the balance, once each is marked paid. */
export const paidOn = (b: BookingRow) => (b.depositPaidAt ? (b.depositMinor ?? 0) : 0) + (b.balancePaidAt ? (b.balanceMinor ?? 0) : 0);

/**
 * After the booking left for cancelled or rejected, under the order's lock: the refund by the
 * policy, recorded on the booking, and the order moved to match (no audit row of its own).
 */
export async function settleDepositOnCancel(tx: Tx, ctx: Ctx, booking: BookingRow, to: 'cancelled' | 'rejected', order: OrderRow): Promise<BookingRow> {
  const orgId = booking.organizationId;
  const paid = paidOn(booking);
  // The policy the guest booked under (copied onto the booking), not the package's current one.
  const refund = to === 'rejected' ? { refundMinor: paid, refundPercent: 100 } : refundFor(booking.cancellationPolicy ?? [], paid, booking.startsAt.getTime() - ctx.now.getTime());
  const [after] = await tx
    .update(bookings)
    .set({ refundMinor: refund.refundMinor, updatedAt: ctx.now })
    .where(and(eq(bookings.organizationId, orgId), eq(bookings.id, booking.id)))
    .returning();
  const fresh = await lockOrder(tx, orgId, order.id);
  if (fresh?.status === 'pending_payment') {
    await applyOrderTransition(tx, ctx, fresh, 'cancel', `booking ${to}`, { audit: false, fromBooking: true });
  } else if (fresh?.status === 'paid' && refund.refundMinor > 0) {
    await applyOrderTransition(tx, ctx, fresh, 'refund', `booking ${to}: ${refund.refundPercent} % of ${paid} refunded (${refund.refundMinor})`, { audit: false, fromBooking: true });
  }
  return after!;
}

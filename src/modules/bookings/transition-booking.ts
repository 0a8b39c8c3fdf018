import { forbidden } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, parseInput, tenantTx } from '@/modules/kernel';
import { applyTransition, lockBooking } from './apply-transition';
import { presentBooking } from './present';
import { bookingIdSchema, cancelInput, reasonInput } from './schemas';
import type { BookingAction } from './state-machine';

/**
 * Staff moves a booking through its lifecycle (confirm, reject, start, complete, cancel,
 * no_show). Members may only cancel bookings they made themselves, within the cancellation
 * notice (change-policy.ts).
 */
export async function transitionBooking(ctx: Ctx, bookingId: string, action: BookingAction, input: unknown = {}) {
  authorize(ctx, 'bookings:write');
  const id = parseInput(bookingIdSchema, bookingId, 'booking id');
  const { reason } = parseInput(action === 'cancel' ? cancelInput : reasonInput, input ?? {}, 'reason');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  const { row, settings } = await tenantTx(ctx, async (tx) => {
    if (member) {
      const current = await lockBooking(tx, tenant.id, id);
      if (action !== 'cancel' || current.booking.createdByUserId !== member.userId) {
        throw forbidden('Members can cancel their own bookings only.');
      }
    }
    return applyTransition(tx, ctx, tenant.id, id, action, reason ?? null);
  });
  return presentBooking(row, tenant.timezone, {}, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

import { conflict, forbidden } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { applyTransition, lockBooking } from './apply-transition';
import { lockResourceOf } from './holds';
import { freesRange } from './state-machine';
import { presentBooking } from './present';
import type { BookingDto } from './schemas';
import type { BookingAction } from './state-machine';

/**
 * Staff moves a booking through its lifecycle (confirm, reject, start, complete, cancel,
 * no_show). Members may only cancel bookings they made themselves, within the cancellation
 * notice (change-policy.ts).
 */
export async function transitionBooking(ctx: Ctx, id: string, action: BookingAction, { reason }: { reason?: string } = {}): Promise<BookingDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  const { row, settings } = await tenantTx(ctx, async (tx) => {
    if (member) {
      // The resource's lock before the booking row's (the lock order; applyTransition re-enters it).
      if (freesRange(action)) await lockResourceOf(tx, tenant.id, id);
      const current = await lockBooking(tx, tenant.id, id);
      if (action !== 'cancel' || current.booking.createdByUserId !== member.userId) {
        throw forbidden('Members can cancel their own bookings only.');
      }
      if (current.booking.status === 'held') {
        throw conflict('This time is held for you from the waitlist: book it, or leave the waitlist to release it.', { reason: 'held', status: 'held' });
      }
    }
    return applyTransition(tx, ctx, tenant.id, id, action, reason ?? null);
  });
  return presentBooking(row, tenant.timezone, {}, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

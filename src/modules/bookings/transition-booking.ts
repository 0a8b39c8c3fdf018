import { conflict, forbidden } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { applyTransition, lockBooking } from './apply-transition';
import { lockResourceOf } from './holds';
import { freesRange } from './state-machine';
import { addonLinesOf } from './booking-addons';
import { lockDepositOrderOf } from './deposits';
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
  const { row, settings, addons } = await tenantTx(ctx, async (tx) => {
    if (member) {
      // A deposit order's lock, then the resource's, before the booking row's (the lock order; applyTransition re-enters them).
      if (freesRange(action)) await lockDepositOrderOf(tx, tenant.id, id);
      if (freesRange(action)) await lockResourceOf(tx, tenant.id, id);
      const current = await lockBooking(tx, tenant.id, id);
      if (action !== 'cancel' || current.booking.createdByUserId !== member.userId) {
        throw forbidden('Members can cancel their own bookings only.');
      }
      if (current.booking.status === 'held') {
        throw conflict('This time is held for you from the waitlist: book it, or leave the waitlist to release it.', { reason: 'held', status: 'held' });
      }
    }
    const done = await applyTransition(tx, ctx, tenant.id, id, action, reason ?? null);
    return { ...done, addons: await addonLinesOf(tx, tenant.id, id) };
  });
  return presentBooking(row, tenant.timezone, { addons }, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

import { forbidden } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, parseInput } from '@/modules/kernel';
import { rescheduleWithin } from './move-booking';
import { presentBooking } from './present';
import { bookingIdSchema, rescheduleInput } from './schemas';

export async function rescheduleBooking(ctx: Ctx, bookingId: string, input: unknown) {
  authorize(ctx, 'bookings:write');
  if (ownBookingsOnly(ctx)) throw forbidden('Members change a reservation by cancelling it and booking again.');
  const id = parseInput(bookingIdSchema, bookingId, 'booking id');
  const data = parseInput(rescheduleInput, input, 'reschedule');
  const { row, settings } = await rescheduleWithin(ctx, { tenant: ctx.tenant, bookingId: id, ...data });
  return presentBooking(row, ctx.tenant.timezone, {}, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

import { forbidden } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, ownBookingsOnly } from '@/modules/kernel';
import { rescheduleWithin } from './move-booking';
import { presentBooking } from './present';
import type { BookingDto, rescheduleInput } from './schemas';

export async function rescheduleBooking(ctx: Ctx, id: string, data: z.output<typeof rescheduleInput>): Promise<BookingDto> {
  authorize(ctx, 'bookings:write');
  if (ownBookingsOnly(ctx)) throw forbidden('Members change a reservation by cancelling it and booking again.');
  const { row, settings } = await rescheduleWithin(ctx, { tenant: ctx.tenant, bookingId: id, ...data });
  return presentBooking(row, ctx.tenant.timezone, {}, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

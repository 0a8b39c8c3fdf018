import { and, eq } from 'drizzle-orm';
import { bookings } from '@/db/schema';
import { forbidden, ruleViolation } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { lockBooking } from './apply-transition';
import { addonLinesOf } from './booking-addons';
import { presentBooking } from './present';
import { recordChange } from './record-change';
import type { BookingDto, updateBookingInput } from './schemas';

/**
 * Staff edit a booking's internal notes, and set the final amount of a booking whose service is
 * priced "from" (the price copied at booking time was the starting price). Audited with the
 * previous values; not in the booking's history, which members may read. Members may not.
 */
export async function updateBooking(ctx: Ctx, id: string, data: z.output<typeof updateBookingInput>): Promise<BookingDto & { internalNotes: string }> {
  authorize(ctx, 'bookings:write');
  if (ownBookingsOnly(ctx)) throw forbidden('Members cannot edit bookings.');
  const tenant = ctx.tenant;
  return tenantTx(ctx, async (tx) => {
    const view = await lockBooking(tx, tenant.id, id);
    const before = view.booking;
    if (data.priceMinor !== undefined && data.priceMinor !== before.priceMinor && !view.service.priceFrom) {
      throw ruleViolation(`"${view.service.name}" has a fixed price; only bookings of a service priced "from" take a final amount.`, {
        rule: 'price_fixed',
        field: 'priceMinor',
      });
    }
    // A package's price is split into deposit and balance (a CHECK keeps them summing to it).
    if (data.priceMinor !== undefined && data.priceMinor !== before.priceMinor && before.depositMinor !== null) {
      throw ruleViolation('This booking’s price is split into a deposit and a balance; it cannot be changed here.', { rule: 'price_split', field: 'priceMinor' });
    }
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => data[k] !== undefined && data[k] !== before[k]);
    const [after] = changed.length
      ? await tx
          .update(bookings)
          .set({ ...data, updatedAt: ctx.now })
          .where(and(eq(bookings.organizationId, tenant.id), eq(bookings.id, id)))
          .returning()
      : [before];
    await recordChange(tx, ctx, {
      organizationId: tenant.id,
      bookingId: id,
      audit: {
        action: 'booking.updated',
        changes: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after![k]])),
        },
      },
    });
    return {
      ...presentBooking(after!, tenant.timezone, { addons: await addonLinesOf(tx, tenant.id, id) }, { now: ctx.now, startLeadMinutes: view.settings.startLeadMinutes }),
      internalNotes: after!.internalNotes,
    };
  });
}

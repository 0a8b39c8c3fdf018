import { and, eq } from 'drizzle-orm';
import { bookings } from '@/db/schema';
import { conflict, forbidden } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { lockBooking } from './apply-transition';
import { addonLinesOf } from './booking-addons';
import { presentBooking } from './present';
import { recordChange } from './record-change';
import type { BookingDto, recordBalanceInput } from './schemas';

/**
 * Staff record that a party booking's balance was paid (at the venue, by transfer): once, under
 * the booking's row lock; a booking without a balance, or one already paid, is a 409. In the
 * booking's history and audited. Members may not.
 */
export async function recordBalancePaid(ctx: Ctx, id: string, data: z.output<typeof recordBalanceInput>): Promise<BookingDto> {
  authorize(ctx, 'bookings:write');
  if (ownBookingsOnly(ctx)) throw forbidden('Members cannot record payments.');
  const tenant = ctx.tenant;
  return tenantTx(ctx, async (tx) => {
    const view = await lockBooking(tx, tenant.id, id);
    const before = view.booking;
    if (before.balanceMinor === null) throw conflict('This booking has no balance to pay.', { reason: 'no_balance' });
    if (before.balancePaidAt) throw conflict('The balance of this booking is already recorded as paid.', { reason: 'balance_already_paid', balancePaidAt: before.balancePaidAt.toISOString() });
    if (before.status === 'cancelled' || before.status === 'rejected') throw conflict(`A ${before.status} booking takes no payment.`, { reason: 'status', status: before.status });
    const [after] = await tx
      .update(bookings)
      .set({ balancePaidAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(bookings.organizationId, tenant.id), eq(bookings.id, id)))
      .returning();
    await recordChange(tx, ctx, {
      organizationId: tenant.id,
      bookingId: id,
      event: { action: 'balance_paid', fromStatus: before.status, toStatus: before.status, reason: data.note ?? null, changes: { balanceMinor: before.balanceMinor } },
      audit: { action: 'booking.balance_paid', changes: { before: { balancePaidAt: null }, after: { balancePaidAt: ctx.now.toISOString(), balanceMinor: before.balanceMinor, note: data.note } } },
    });
    return presentBooking(after!, tenant.timezone, { addons: await addonLinesOf(tx, tenant.id, id) }, { now: ctx.now, startLeadMinutes: view.settings.startLeadMinutes });
  });
}

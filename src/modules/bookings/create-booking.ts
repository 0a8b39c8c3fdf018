import { and, eq } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { placeBooking } from './place-booking';
import { presentBooking } from './present';
import type { BookingDto, createStaffBookingInput } from './schemas';

/**
 * Staff book on behalf of a customer (their contact details, or an existing customerId);
 * a member (e.g. of a club) books for themself. The same database guarantee applies.
 */
export async function createBooking(
  ctx: Ctx,
  { customerId, ...data }: z.output<typeof createStaffBookingInput>,
  key?: string,
): Promise<{ booking: BookingDto; manageUrl: string; replayed: boolean }> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  const isMember = member !== null;

  let contact = data.customer;
  if (member) {
    // Members book for themselves only.
    contact = { name: member.name, email: member.email };
  } else if (customerId) {
    const [existing] = await tenantTx(ctx, (tx) =>
      tx.select().from(customers).where(and(eq(customers.organizationId, tenant.id), eq(customers.id, customerId))),
    );
    if (!existing) throw notFound('Customer');
    contact = { name: existing.name, email: existing.email, phone: existing.phone ?? undefined };
  }
  if (!contact) {
    throw validationError('Say who the booking is for: customer { name, email } or customerId.', { fields: [{ path: 'customer', message: 'is required' }] });
  }
  const placed = await placeBooking(ctx, {
    tenant,
    serviceId: data.serviceId,
    resourceId: data.resourceId,
    start: data.start,
    end: data.end,
    seats: data.seats,
    contact,
    fields: data.fields,
    message: data.message,
    internalNotes: isMember ? '' : data.internalNotes,
    source: isMember ? 'member' : 'staff',
    status: isMember ? undefined : data.status,
    idempotencyKey: key,
    createdByUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    requireActiveService: isMember,
  });
  return {
    booking: presentBooking(placed.booking, tenant.timezone, {}, { now: ctx.now, startLeadMinutes: placed.settings.startLeadMinutes }),
    manageUrl: placed.manageUrl,
    replayed: placed.replayed,
  };
}

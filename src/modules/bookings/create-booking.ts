import { and, eq } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, parseInput, tenantTx } from '@/modules/kernel';
import { customerIdSchema } from '@/modules/customers';
import { placeBooking } from './place-booking';
import { presentBooking } from './present';
import { idempotencyKeySchema, staffBookingInput } from './schemas';

/**
 * Staff book on behalf of a customer (their contact details, or an existing customerId);
 * a member (e.g. of a club) books for themself. The same database guarantee applies.
 */
export async function createBooking(ctx: Ctx, input: unknown, idempotencyKey?: string) {
  authorize(ctx, 'bookings:write');
  const raw = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const { customerId: rawCustomerId, ...rest } = raw;
  const customerId = rawCustomerId === undefined ? undefined : parseInput(customerIdSchema, rawCustomerId, 'customerId');
  const data = parseInput(staffBookingInput, customerId ? rest : input, 'booking');
  const key = idempotencyKey === undefined ? undefined : parseInput(idempotencyKeySchema, idempotencyKey, 'Idempotency-Key');
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

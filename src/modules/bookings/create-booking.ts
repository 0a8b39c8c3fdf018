import { and, eq } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import type { z } from 'zod';
import { actorRole, authorize, type AuthorizedCtx, type Ctx, type MemberActor, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import type { CustomerContact } from '@/modules/customers';
import { presentResult } from '@/modules/rules';
import { placeBooking } from './place-booking';
import { presentBooking } from './present';
import type { CreatedBookingDto, createStaffBookingInput } from './schemas';

/**
 * Staff book on behalf of a customer (their contact details, or an existing customerId);
 * a member (e.g. of a club) books for themself. The same database guarantee applies.
 */
export async function createBooking(
  ctx: Ctx,
  { customerId, ...data }: z.output<typeof createStaffBookingInput>,
  key?: string,
): Promise<CreatedBookingDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  const isMember = member !== null;

  const contact = await bookingContact(ctx, member, customerId, data.customer);
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
    // The person it is for (a member's own email, or the customer staff named): their tier and
    // bookings count; owners and admins are exempt from rules that say so.
    subject: { email: contact.email, signedIn: true, isAdmin: ['owner', 'admin'].includes(actorRole(ctx)) },
    addons: data.addons,
    children: data.children,
    adults: data.adults,
  });
  return {
    booking: presentBooking(placed.booking, tenant.timezone, { addons: placed.addons }, { now: ctx.now, startLeadMinutes: placed.settings.startLeadMinutes }),
    manageUrl: placed.manageUrl,
    replayed: placed.replayed,
    rules: placed.rules.map((r) => presentResult(r, ctx.request.locale)),
  };
}

/**
 * Who a staff or member booking is for: a member books for themself (their account's name and
 * email, never typed); staff name a customer by contact details or by id (another tenant's → 404).
 */
export async function bookingContact(ctx: AuthorizedCtx, member: MemberActor | null, customerId: string | undefined, customer: CustomerContact | undefined): Promise<CustomerContact> {
  const tenant = ctx.tenant;
  let contact = customer;
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
  return contact;
}

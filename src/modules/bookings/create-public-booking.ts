import { and, eq } from 'drizzle-orm';
import { bookings } from '@/db/schema';
import { notFound, ruleViolation } from '@/lib/errors';
import type { z } from 'zod';
import type { Ctx, Tenant } from '@/modules/kernel';
import { tenantTx } from '@/modules/kernel';
import { findOrder, paymentProviders, presentBookingOrder, settlePayment } from '@/modules/orders';
import { presentResult } from '@/modules/rules';
import { findTenantBySlug } from '@/modules/organizations';
import { type Placed, placeBooking } from './place-booking';
import { presentBooking } from './present';
import type { publicBookingInput, PublicCreatedBookingDto } from './schemas';

/**
 * A guest books (or requests) a service on an organization's public site. With an
 * Idempotency-Key, a replay returns the same booking instead of a second one.
 *
 * A party package with a deposit is created pending with its deposit order (deposits.ts); an
 * online provider is asked to pay it at once, as a shop checkout is (the test provider in demos
 * and tests), and the booking is confirmed when it is paid. A manual deposit waits for the
 * venue to mark the order paid; the answer carries the order's status link either way.
 */
export async function createPublicBooking(ctx: Ctx, slug: string, data: z.output<typeof publicBookingInput>, key?: string): Promise<PublicCreatedBookingDto> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  let placed = await placeBooking(
    { ...ctx, tenant },
    {
      tenant,
      serviceId: data.serviceId,
      resourceId: data.resourceId,
      start: data.start,
      end: data.end,
      seats: data.seats,
      contact: data.customer,
      fields: data.fields,
      message: data.message,
      locale: data.locale,
      source: 'public',
      idempotencyKey: key,
      requireActiveService: true,
      // A guest: not signed in, so no member tier; their bookings still count by email.
      subject: { email: data.customer.email, signedIn: false, isAdmin: false },
      addons: data.addons,
      children: data.children,
      adults: data.adults,
      payment: data.payment,
    },
  );
  if (placed.deposit?.paymentId && paymentProviders[placed.deposit.order.paymentProvider].online) {
    placed = await payDeposit({ ...ctx, tenant }, tenant, placed, data.payment?.testOutcome);
  }
  return {
    booking: presentBooking(placed.booking, tenant.timezone, { addons: placed.addons }, { now: ctx.now, startLeadMinutes: placed.settings.startLeadMinutes }),
    manageUrl: placed.manageUrl,
    manageToken: placed.manageToken,
    replayed: placed.replayed,
    rules: placed.rules.map((r) => presentResult(r, ctx.request.locale ?? data.locale)),
    deposit: placed.deposit ? presentBookingOrder(placed.deposit.order, tenant.slug) : null,
  };
}

/** After commit: authorize and capture the deposit; the order's transition moves the booking (deposits.ts). */
async function payDeposit(ctx: Ctx, tenant: Tenant, placed: Placed, testOutcome: 'succeed' | 'decline' | undefined): Promise<Placed> {
  const deposit = placed.deposit!;
  const order = await settlePayment(ctx, deposit.order, deposit.paymentId!, { testOutcome });
  if (order.status === 'cancelled' && order.cancelReason === 'payment declined') {
    throw ruleViolation('The deposit payment was declined; nothing was charged and the time was released.', { reason: 'payment_declined', orderNumber: order.number });
  }
  return tenantTx(
    ctx,
    async (tx) => {
      const [booking] = await tx.select().from(bookings).where(and(eq(bookings.organizationId, tenant.id), eq(bookings.id, placed.booking.id)));
      const fresh = await findOrder(tx, tenant.id, order.id);
      return { ...placed, booking: booking ?? placed.booking, deposit: { order: fresh ?? order, paymentId: deposit.paymentId } };
    },
    tenant.id,
  );
}

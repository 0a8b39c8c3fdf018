import { notFound } from '@/lib/errors';
import type { z } from 'zod';
import type { Ctx } from '@/modules/kernel';
import { presentResult } from '@/modules/rules';
import { findTenantBySlug } from '@/modules/organizations';
import { placeBooking } from './place-booking';
import { presentBooking } from './present';
import type { publicBookingInput, PublicCreatedBookingDto } from './schemas';

/**
 * A guest books (or requests) a service on an organization's public site. With an
 * Idempotency-Key, a replay returns the same booking instead of a second one.
 */
export async function createPublicBooking(ctx: Ctx, slug: string, data: z.output<typeof publicBookingInput>, key?: string): Promise<PublicCreatedBookingDto> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  const placed = await placeBooking(
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
    },
  );
  return {
    booking: presentBooking(placed.booking, tenant.timezone, {}, { now: ctx.now, startLeadMinutes: placed.settings.startLeadMinutes }),
    manageUrl: placed.manageUrl,
    manageToken: placed.manageToken,
    replayed: placed.replayed,
    rules: placed.rules.map((r) => presentResult(r, ctx.request.locale ?? data.locale)),
  };
}

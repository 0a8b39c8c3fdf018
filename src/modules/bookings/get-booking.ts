import { and, asc, eq } from 'drizzle-orm';
import { bookingEvents, bookings, customers, organizations, resources, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { bookingSettingsOf } from './booking-settings';
import { addonLinesOf } from './booking-addons';
import { presentBooking } from './present';
import type { BookingDetailDto } from './schemas';

/** One booking with its customer, internal notes and full history of status changes. */
export async function getBooking(ctx: Ctx, id: string): Promise<BookingDetailDto> {
  authorize(ctx, 'bookings:read');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx
      .select({
        booking: bookings,
        serviceName: services.name,
        resourceName: resources.name,
        customer: { id: customers.id, name: customers.name, email: customers.email, phone: customers.phone },
        orgSettings: organizations.settings,
      })
      .from(bookings)
      .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
      .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
      .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
      .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
      .where(and(eq(bookings.organizationId, tenant.id), eq(bookings.id, id)));
    const mine = (r: NonNullable<typeof row>) => r.booking.createdByUserId === member?.userId || r.customer.email.toLowerCase() === member?.email.toLowerCase();
    if (!row || (member && !mine(row))) throw notFound('Booking');
    const history = await tx
      .select()
      .from(bookingEvents)
      .where(and(eq(bookingEvents.organizationId, tenant.id), eq(bookingEvents.bookingId, id)))
      .orderBy(asc(bookingEvents.createdAt), asc(bookingEvents.id));
    return {
      ...presentBooking(
        row.booking,
        tenant.timezone,
        { serviceName: row.serviceName, resourceName: row.resourceName, customer: row.customer, addons: await addonLinesOf(tx, tenant.id, id) },
        { now: ctx.now, startLeadMinutes: bookingSettingsOf(row.orgSettings).startLeadMinutes },
      ),
      internalNotes: member ? undefined : row.booking.internalNotes,
      history: history.map((h) => ({
        action: h.action,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        actorType: h.actorType,
        actorUserId: h.actorUserId,
        reason: h.reason,
        changes: h.changes,
        at: h.createdAt.toISOString(),
      })),
    };
  });
}

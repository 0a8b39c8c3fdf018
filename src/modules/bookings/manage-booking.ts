/**
 * A guest manages their booking through the secret link: see it, cancel it, move it, within
 * the service's cancellation notice (change-policy.ts, the rule every path shares). The token
 * is the only key (manage-link.ts): unknown → 404, replaced or expired → 410.
 */
import { and, eq } from 'drizzle-orm';
import { bookings, resources, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { z } from 'zod';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { loyaltyForCustomer } from '@/modules/loyalty';
import { toIsoInZone } from '@/modules/scheduling';
import { applyTransition } from './apply-transition';
import { addonLinesOf } from './booking-addons';
import { loadBookingSettings } from './booking-settings';
import { changeDeadline, mayChange } from './change-policy';
import { linkExpiresAt } from './manage-token';
import { resolveManageToken } from './manage-link';
import { rescheduleWithin } from './move-booking';
import { presentBooking } from './present';
import type { BookingDto, cancelInput, ManagedBookingDto, rescheduleInput } from './schemas';

export async function getManagedBooking(ctx: Ctx, token: string): Promise<ManagedBookingDto> {
  const { bookingId, tenant } = await resolveManageToken(ctx, token);
  return tenantTx(
    ctx,
    async (tx) => {
      const [row] = await tx
        .select({ booking: bookings, service: services, resourceName: resources.name })
        .from(bookings)
        .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
        .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
        .where(and(eq(bookings.organizationId, tenant.id), eq(bookings.id, bookingId)));
      if (!row) throw notFound('Booking');
      const settings = await loadBookingSettings(tx, tenant.id);
      const notice = { startsAt: row.booking.startsAt, cancellationNoticeMinutes: row.service.cancellationNoticeMinutes, organizationName: tenant.name };
      const open = ['pending', 'confirmed'].includes(row.booking.status) && mayChange(ctx, notice);
      const { allowedActions: _staffActions, ...booking } = presentBooking(
        row.booking,
        tenant.timezone,
        // The guest's page shows the add-ons as booked (names and prices copied then).
        { serviceName: row.service.name, resourceName: row.resourceName, addons: await addonLinesOf(tx, tenant.id, bookingId) },
        { now: ctx.now, startLeadMinutes: settings.startLeadMinutes },
      );
      return {
        booking,
        organization: { slug: tenant.slug, name: tenant.name, timezone: tenant.timezone },
        canCancel: open,
        canReschedule: open,
        changeDeadline: toIsoInZone(changeDeadline(row.booking.startsAt, row.service.cancellationNoticeMinutes).getTime(), tenant.timezone),
        /** The link stops working then: MANAGE_LINK_DAYS_AFTER_END days after the booking ends. */
        linkExpiresAt: toIsoInZone(linkExpiresAt(row.booking.endsAt).getTime(), tenant.timezone),
        loyalty: await loyaltyForCustomer(tx, tenant.id, row.booking.customerId, tenant.currency),
      };
    },
    tenant.id,
  );
}

export async function cancelManagedBooking(ctx: Ctx, token: string, { reason }: z.output<typeof cancelInput>): Promise<BookingDto> {
  const { bookingId, tenant } = await resolveManageToken(ctx, token);
  const { row, settings, addons } = await tenantTx(
    ctx,
    async (tx) => ({ ...(await applyTransition(tx, ctx, tenant.id, bookingId, 'cancel', reason ?? null)), addons: await addonLinesOf(tx, tenant.id, bookingId) }),
    tenant.id,
  );
  return presentBooking(row, tenant.timezone, { addons }, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

export async function rescheduleManagedBooking(ctx: Ctx, token: string, data: z.output<typeof rescheduleInput>): Promise<BookingDto> {
  const { bookingId, tenant } = await resolveManageToken(ctx, token);
  const { row, settings } = await rescheduleWithin({ ...ctx, tenant }, { tenant, bookingId, ...data });
  return presentBooking(row, tenant.timezone, {}, { now: ctx.now, startLeadMinutes: settings.startLeadMinutes });
}

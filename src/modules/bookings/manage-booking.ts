/**
 * A guest manages their booking through the secret link: see it, cancel it, move it, within
 * the service's cancellation notice. The token (never stored, only its hash) is the only key.
 */
import { and, eq } from 'drizzle-orm';
import { bookings, organizations, resources, services } from '@/db/schema';
import { notFound, ruleViolation } from '@/lib/errors';
import { type Ctx, parseInput, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { toIsoInZone } from '@/modules/scheduling';
import { applyTransition } from './apply-transition';
import { manageTokenHash } from './manage-token';
import { rescheduleWithin } from './move-booking';
import { presentBooking } from './present';
import { cancelInput, manageTokenSchema, rescheduleInput } from './schemas';

async function resolveToken(ctx: Ctx, token: string) {
  const parsed = manageTokenSchema.safeParse(token);
  if (!parsed.success) throw notFound('Booking');
  // One lookup by the unique hash, across tenants (the token names no organization); every
  // read and write after it runs scoped to the booking's organization.
  const [hit] = await ctx.db
    .select({ id: bookings.id, slug: organizations.slug })
    .from(bookings)
    .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
    .where(eq(bookings.manageTokenHash, manageTokenHash(parsed.data)));
  if (!hit) throw notFound('Booking');
  const tenant = (await findTenantBySlug(ctx.db, hit.slug))!;
  return { bookingId: hit.id, tenant };
}

function changeDeadline(startsAt: Date, noticeMinutes: number): Date {
  return new Date(startsAt.getTime() - noticeMinutes * 60_000);
}

export async function getManagedBooking(ctx: Ctx, token: string) {
  const { bookingId, tenant } = await resolveToken(ctx, token);
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
      const deadline = changeDeadline(row.booking.startsAt, row.service.cancellationNoticeMinutes);
      const open = ['pending', 'confirmed'].includes(row.booking.status) && ctx.now < deadline;
      const { allowedActions: _staffActions, ...booking } = presentBooking(row.booking, tenant.timezone, {
        serviceName: row.service.name,
        resourceName: row.resourceName,
      });
      return {
        booking,
        organization: { slug: tenant.slug, name: tenant.name, timezone: tenant.timezone },
        canCancel: open,
        canReschedule: open,
        changeDeadline: toIsoInZone(deadline.getTime(), tenant.timezone),
      };
    },
    tenant.id,
  );
}

export async function cancelManagedBooking(ctx: Ctx, token: string, input: unknown) {
  const { reason } = parseInput(cancelInput, input, 'cancellation');
  const { bookingId, tenant } = await resolveToken(ctx, token);
  const row = await tenantTx(
    ctx,
    async (tx) => {
      const [current] = await tx
        .select({ startsAt: bookings.startsAt, notice: services.cancellationNoticeMinutes })
        .from(bookings)
        .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
        .where(and(eq(bookings.organizationId, tenant.id), eq(bookings.id, bookingId)));
      if (!current) throw notFound('Booking');
      if (ctx.now >= changeDeadline(current.startsAt, current.notice)) {
        throw ruleViolation(`Online cancellation closes ${formatNotice(current.notice)} before the start; contact ${tenant.name} directly.`, {
          rule: 'cancellation_notice',
          cancellationNoticeMinutes: current.notice,
        });
      }
      return applyTransition(tx, ctx, tenant.id, bookingId, 'cancel', reason ?? null);
    },
    tenant.id,
  );
  return presentBooking(row, tenant.timezone);
}

export async function rescheduleManagedBooking(ctx: Ctx, token: string, input: unknown) {
  const data = parseInput(rescheduleInput, input, 'reschedule');
  const { bookingId, tenant } = await resolveToken(ctx, token);
  const row = await rescheduleWithin({ ...ctx, tenant }, { tenant, bookingId, ...data, enforceNotice: true });
  return presentBooking(row, tenant.timezone);
}

function formatNotice(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}

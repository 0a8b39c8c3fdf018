import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { bookings, customers, resources, services } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { escapeLike } from '@/modules/customers';
import { authorize, type AuthorizedCtx, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { loadBookingSettings } from './booking-settings';
import { addonLinesByBooking } from './booking-addons';
import { presentBooking } from './present';
import type { BookingDto, listBookingsQuery } from './schemas';

/** The filters of the staff list (and of its export), as parsed by `listBookingsQuery` (or the export's query). */
export type BookingListFilters = Omit<z.output<typeof listBookingsQuery>, 'page' | 'pageSize' | 'sort'>;

/**
 * The WHERE of the staff list: the tenant, the filters (dates are local days in the org's
 * zone) and, for a club member, their own bookings only. It joins `services` and `customers`
 * (the text search and the member rule read them): callers join both. Shared with the export
 * (modules/exports), so a file holds exactly what the list shows.
 */
export function bookingListWhere(ctx: AuthorizedCtx, q: BookingListFilters): SQL | undefined {
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  const zone = tenant.timezone;
  const term = q.q ? `%${escapeLike(q.q)}%` : null;
  return and(
    eq(bookings.organizationId, tenant.id),
    q.status?.length ? inArray(bookings.status, q.status) : undefined,
    q.from ? gte(bookings.startsAt, DateTime.fromISO(q.from, { zone }).startOf('day').toJSDate()) : undefined,
    q.to ? lt(bookings.startsAt, DateTime.fromISO(q.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate()) : undefined,
    q.resourceId ? eq(bookings.resourceId, q.resourceId) : undefined,
    q.serviceId ? eq(bookings.serviceId, q.serviceId) : undefined,
    q.customerId ? eq(bookings.customerId, q.customerId) : undefined,
    // Members see the bookings they made and the ones made in their name.
    member ? or(eq(bookings.createdByUserId, member.userId), eq(sql`lower(${customers.email})`, member.email.toLowerCase())) : undefined,
    term ? or(ilike(customers.name, term), ilike(customers.email, term), ilike(bookings.message, term), ilike(services.name, term)) : undefined,
  );
}

/** Staff list with filters (status, date range in the org's zone, resource, service, customer, text), sorting, pagination. */
export async function listBookings(ctx: Ctx, q: z.output<typeof listBookingsQuery>): Promise<Page<BookingDto>> {
  authorize(ctx, 'bookings:read');
  const tenant = ctx.tenant;
  const zone = tenant.timezone;
  const where = bookingListWhere(ctx, q);
  const column = q.sort.endsWith('createdAt') ? bookings.createdAt : bookings.startsAt;
  const order = q.sort.startsWith('-') ? desc(column) : asc(column);
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const { startLeadMinutes } = await loadBookingSettings(tx, tenant.id);
    const base = tx
      .select({ booking: bookings, serviceName: services.name, resourceName: resources.name, customer: { id: customers.id, name: customers.name, email: customers.email, phone: customers.phone } })
      .from(bookings)
      .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
      .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
      .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
      .where(where);
    const rows = await base.orderBy(order, asc(bookings.id)).limit(limit).offset(offset);
    const addonLines = await addonLinesByBooking(tx, tenant.id, rows.map((r) => r.booking.id));
    const [total] = await tx
      .select({ n: count() })
      .from(bookings)
      .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
      .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
      .where(where);
    return toPage(
      rows.map((r) => presentBooking(r.booking, zone, { serviceName: r.serviceName, resourceName: r.resourceName, customer: r.customer, addons: addonLines.get(r.booking.id) }, { now: ctx.now, startLeadMinutes })),
      total?.n ?? 0,
      q,
    );
  });
}

import { and, count, desc, eq } from 'drizzle-orm';
import { bookings, customers, resources, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { pageOffset, paginationQuery, toPage } from '@/lib/pagination';
import { authorize, type Ctx, parseInput, tenantTx } from '@/modules/kernel';
import { customerIdSchema } from './schemas';

/** A customer with their booking history (paginated, newest first). */
export async function getCustomer(ctx: Ctx, customerId: string, query: unknown = {}) {
  authorize(ctx, 'customers:read');
  const id = parseInput(customerIdSchema, customerId, 'customer id');
  const q = parseInput(paginationQuery, query, 'query');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [customer] = await tx.select().from(customers).where(and(eq(customers.organizationId, orgId), eq(customers.id, id)));
    if (!customer) throw notFound('Customer');
    const { limit, offset } = pageOffset(q);
    const where = and(eq(bookings.organizationId, orgId), eq(bookings.customerId, id));
    const history = await tx
      .select({
        id: bookings.id,
        status: bookings.status,
        startsAt: bookings.startsAt,
        endsAt: bookings.endsAt,
        serviceId: bookings.serviceId,
        serviceName: services.name,
        resourceId: bookings.resourceId,
        resourceName: resources.name,
        priceMinor: bookings.priceMinor,
        currency: bookings.currency,
        createdAt: bookings.createdAt,
      })
      .from(bookings)
      .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
      .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
      .where(where)
      .orderBy(desc(bookings.startsAt), desc(bookings.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(bookings).where(where);
    return { customer, bookings: toPage(history, total?.n ?? 0, q) };
  });
}

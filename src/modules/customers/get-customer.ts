import { and, count, desc, eq } from 'drizzle-orm';
import { bookings, customers, resources, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { z } from 'zod';
import { iso } from '@/lib/dto';
import { pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentCustomer } from './present';
import type { CustomerDetailDto, getCustomerQuery } from './schemas';

/** A customer with their booking history (paginated, newest first). */
export async function getCustomer(ctx: Ctx, id: string, q: z.output<typeof getCustomerQuery> = { page: 1, pageSize: 20 }): Promise<CustomerDetailDto> {
  authorize(ctx, 'customers:read');
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
    return {
      customer: presentCustomer(customer),
      bookings: toPage(
        history.map(({ startsAt, endsAt, createdAt, ...b }) => ({ ...b, start: iso(startsAt), end: iso(endsAt), createdAt: iso(createdAt) })),
        total?.n ?? 0,
        q,
      ),
    };
  });
}

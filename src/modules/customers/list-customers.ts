import { and, asc, count, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { customers } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentCustomer } from './present';
import type { CustomerDto, listCustomersQuery } from './schemas';

const sortColumns = {
  name: customers.name,
  lastBookingAt: customers.lastBookingAt,
  totalBookings: customers.totalBookings,
  createdAt: customers.createdAt,
} as const;

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function listCustomers(ctx: Ctx, q: z.output<typeof listCustomersQuery>): Promise<Page<CustomerDto>> {
  authorize(ctx, 'customers:read');
  const orgId = ctx.tenant.id;
  const term = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    eq(customers.organizationId, orgId),
    isNull(customers.mergedIntoId),
    term ? or(ilike(customers.name, term), ilike(customers.email, term), ilike(customers.phone, term)) : undefined,
  );
  const descending = q.sort.startsWith('-');
  const column = sortColumns[q.sort.replace('-', '') as keyof typeof sortColumns];
  const order: SQL[] = [descending ? desc(column) : asc(column), asc(customers.id)];
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(customers)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(customers).where(where);
    return toPage(rows.map(presentCustomer), total?.n ?? 0, q);
  });
}

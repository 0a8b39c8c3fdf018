import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { customers } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { findAccount } from './ledger';
import { presentSummary } from './present';
import { readProgram } from './program';
import { ledgerPageOf } from './queries';
import type { CustomerLoyaltyDto, ledgerQuery } from './schemas';

/** A customer's points, tier, next tier and ledger (newest first, paginated). */
export async function getCustomerLoyalty(ctx: Ctx, customerId: string, q: z.output<typeof ledgerQuery>): Promise<CustomerLoyaltyDto> {
  authorize(ctx, 'customers:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [customer] = await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.organizationId, orgId), eq(customers.id, customerId)));
    if (!customer) throw notFound('Customer');
    const program = await readProgram(tx, orgId);
    const account = await findAccount(tx, orgId, customerId);
    return { customerId, summary: presentSummary(program, account, ctx.tenant.currency), ledger: await ledgerPageOf(tx, orgId, account, q) };
  });
}

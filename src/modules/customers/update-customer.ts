import { and, eq, sql } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import type { z } from 'zod';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentCustomer } from './present';
import type { CustomerDto, updateCustomerInput } from './schemas';

export async function updateCustomer(ctx: Ctx, id: string, data: z.output<typeof updateCustomerInput>): Promise<CustomerDto> {
  authorize(ctx, 'customers:write');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      const [before] = await tx.select().from(customers).where(and(eq(customers.organizationId, orgId), eq(customers.id, id))).for('update');
      if (!before) throw notFound('Customer');
      if (before.mergedIntoId) throw conflict('This customer was merged into another; edit that one instead.', { mergedIntoId: before.mergedIntoId });
      if (data.email && data.email.toLowerCase() !== before.email.toLowerCase()) {
        // Taking back an email merged into this customer: the alias row gives it up.
        await tx
          .update(customers)
          .set({ emailRetired: true, updatedAt: ctx.now })
          .where(and(eq(customers.organizationId, orgId), eq(customers.mergedIntoId, id), sql`lower(${customers.email}) = ${data.email.toLowerCase()}`, eq(customers.emailRetired, false)));
      }
      const [after] = await tx
        .update(customers)
        .set({ ...data, updatedAt: ctx.now })
        .where(and(eq(customers.organizationId, orgId), eq(customers.id, id)))
        .returning();
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'customer.updated',
        entity: 'customer',
        entityId: id,
        changes: auditChanges(before, after!, changedKeys(before, data)),
      });
      return presentCustomer(after!);
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict('Another customer already has this email; merge them instead.', { field: 'email' });
    throw err;
  }
}

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { bookings, customers } from '@/db/schema';
import { validationError, notFound } from '@/lib/errors';
import { authorize, type Ctx, parseInput, recordAudit, tenantTx } from '@/modules/kernel';
import { customerIdSchema, mergeCustomersInput } from './schemas';
import { recountCustomer } from './upsert-customer';

/**
 * Folds duplicates into one customer: their bookings move over, vehicles and notes are
 * combined, counters are recomputed from the bookings, and the duplicates are marked merged
 * (kept for history, hidden from lists, their email free for the survivor).
 */
export async function mergeCustomers(ctx: Ctx, targetId: string, input: unknown) {
  authorize(ctx, 'customers:write');
  const target = parseInput(customerIdSchema, targetId, 'customer id');
  const { sourceIds } = parseInput(mergeCustomersInput, input, 'merge');
  if (sourceIds.includes(target)) throw validationError('A customer cannot be merged into itself.', { fields: [{ path: 'sourceIds', message: 'contains the target' }] });
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    // Lock in id order so two overlapping merges cannot deadlock.
    const rows = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.organizationId, orgId), inArray(customers.id, [target, ...sourceIds]), isNull(customers.mergedIntoId)))
      .orderBy(asc(customers.id))
      .for('update');
    const survivor = rows.find((r) => r.id === target);
    if (!survivor) throw notFound('Customer');
    const sources = rows.filter((r) => r.id !== target);
    if (sources.length !== new Set(sourceIds).size) throw notFound('Customer to merge');

    await tx
      .update(bookings)
      .set({ customerId: target, updatedAt: ctx.now })
      .where(and(eq(bookings.organizationId, orgId), inArray(bookings.customerId, sourceIds)));
    await tx
      .update(customers)
      .set({ mergedIntoId: target, updatedAt: ctx.now })
      .where(and(eq(customers.organizationId, orgId), inArray(customers.id, sourceIds)));
    const vehicles = [...survivor.vehicles, ...sources.flatMap((s) => s.vehicles)].slice(0, 20);
    const notes = [survivor.notes, ...sources.map((s) => s.notes)].filter(Boolean).join('\n\n').slice(0, 5000);
    await tx
      .update(customers)
      .set({
        vehicles,
        notes,
        phone: survivor.phone ?? sources.find((s) => s.phone)?.phone ?? null,
        updatedAt: ctx.now,
      })
      .where(and(eq(customers.organizationId, orgId), eq(customers.id, target)));
    await recountCustomer(tx, orgId, target);
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'customer.merged',
      entity: 'customer',
      entityId: target,
      changes: { before: { merged: sources.map((s) => ({ id: s.id, email: s.email, name: s.name })) } },
    });
    const [after] = await tx.select().from(customers).where(and(eq(customers.organizationId, orgId), eq(customers.id, target)));
    return after!;
  });
}

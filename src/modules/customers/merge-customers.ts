import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { bookings, customers } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { moveMergedPoints } from '@/modules/loyalty';
import { presentCustomer } from './present';
import type { CustomerDto, mergeCustomersInput } from './schemas';
import { recountCustomer } from './upsert-customer';

/**
 * Folds duplicates into one customer: their bookings move over, vehicles and notes are
 * combined, counters are recomputed from the bookings, and the duplicates are marked merged
 * (kept for history, hidden from lists). Their emails stay theirs as aliases of the survivor:
 * a later booking with one of them is the survivor's (upsert-customer.ts). Their loyalty points
 * move to the survivor's account, keeping their expiry (modules/loyalty moveMergedPoints).
 */
export async function mergeCustomers(ctx: Ctx, target: string, { sourceIds }: z.output<typeof mergeCustomersInput>): Promise<CustomerDto> {
  authorize(ctx, 'customers:write');
  if (sourceIds.includes(target)) throw validationError('A customer cannot be merged into itself.', { fields: [{ path: 'sourceIds', message: 'contains the target' }] });
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    // Locks in the order every booking change takes them: booking rows, then customers (in id
    // order, so two overlapping merges cannot deadlock either).
    await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.organizationId, orgId), inArray(bookings.customerId, sourceIds)))
      .orderBy(asc(bookings.id))
      .for('update');
    const rows = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.organizationId, orgId), inArray(customers.id, [target, ...sourceIds])))
      .orderBy(asc(customers.id))
      .for('update');
    const survivor = rows.find((r) => r.id === target && !r.mergedIntoId);
    if (!survivor) throw notFound('Customer');
    const sources = rows.filter((r) => r.id !== target && !r.mergedIntoId);
    if (sources.length !== new Set(sourceIds).size) throw notFound('Customer to merge');

    await tx
      .update(bookings)
      .set({ customerId: target, updatedAt: ctx.now })
      .where(and(eq(bookings.organizationId, orgId), inArray(bookings.customerId, sourceIds)));
    await tx
      .update(customers)
      .set({ mergedIntoId: target, totalBookings: 0, lastBookingAt: null, updatedAt: ctx.now })
      .where(and(eq(customers.organizationId, orgId), inArray(customers.id, sourceIds)));
    // Aliases of the duplicates point straight at the survivor: a booking by any of them
    // follows one hop.
    await tx
      .update(customers)
      .set({ mergedIntoId: target, updatedAt: ctx.now })
      .where(and(eq(customers.organizationId, orgId), inArray(customers.mergedIntoId, sourceIds), ne(customers.id, target)));
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
    // Loyalty points follow: the accounts' row locks (in id order) come after the customers'.
    const points = await moveMergedPoints(tx, ctx, { organizationId: orgId, survivorId: target, sourceIds: sources.map((s) => s.id) });
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'customer.merged',
      entity: 'customer',
      entityId: target,
      changes: {
        before: { merged: sources.map((s) => ({ id: s.id, email: s.email, name: s.name })) },
        ...(points.moved.length || points.expired ? { after: { loyaltyPointsMoved: points.moved, loyaltyPointsExpired: points.expired } } : {}),
      },
    });
    const [after] = await tx.select().from(customers).where(and(eq(customers.organizationId, orgId), eq(customers.id, target)));
    return presentCustomer(after!);
  });
}

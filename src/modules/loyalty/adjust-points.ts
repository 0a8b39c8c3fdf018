import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { customers } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { appendEntry, findAccount, openAccount } from './ledger';
import { presentEntry, presentSummary } from './present';
import { readProgram } from './program';
import type { AdjustmentDto, adjustmentInput } from './schemas';

/**
 * A staff correction of a customer's points, either way, with its reason (kept on the ledger row
 * and in the audit row). Under the account's row lock; taking more than the balance is a 409
 * (the balance CHECK refuses it even if this check were wrong). A merged-away customer's points
 * live on the survivor (merge-points.ts): adjusting them is a 409 customer_merged.
 * Lock order: the customer row (shared), then the account — as a merge takes them.
 */
export async function adjustPoints(ctx: Ctx, customerId: string, input: z.output<typeof adjustmentInput>): Promise<AdjustmentDto> {
  authorize(ctx, 'loyalty:manage');
  const orgId = ctx.tenant.id;
  const actorUserId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  try {
    return await tenantTx(ctx, async (tx) => {
      // FOR SHARE: a merge of this customer (which locks customers, then accounts) waits for this
      // adjustment, or this one sees the merge; points never land on a merged-away account.
      const [customer] = await tx
        .select({ id: customers.id, mergedIntoId: customers.mergedIntoId })
        .from(customers)
        .where(and(eq(customers.organizationId, orgId), eq(customers.id, customerId)))
        .for('share');
      if (!customer) throw notFound('Customer');
      if (customer.mergedIntoId) {
        throw conflict('This customer was merged into another; adjust the points of that customer.', { reason: 'customer_merged', mergedIntoId: customer.mergedIntoId });
      }
      const account = await openAccount(tx, orgId, customerId, ctx.now, { lock: true });
      if (account.balance + input.delta < 0) throw insufficient(account.balance);
      const entry = (await appendEntry(tx, { organizationId: orgId, accountId: account.id, kind: 'adjust', delta: input.delta, reason: input.reason, actorUserId, now: ctx.now }))!;
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'loyalty.adjusted',
        entity: 'customer',
        entityId: customerId,
        changes: { before: { points: account.balance, tier: account.tier }, after: { points: entry.balanceAfter, tier: entry.tierAfter, delta: input.delta, reason: input.reason, entryId: entry.id } },
      });
      const program = await readProgram(tx, orgId);
      return { entry: presentEntry(entry), summary: presentSummary(program, await findAccount(tx, orgId, customerId), ctx.tenant.currency) };
    });
  } catch (err) {
    if (sqlState(err) === '23514') throw insufficient(null);
    throw err;
  }
}

const insufficient = (balance: number | null) =>
  conflict(balance === null ? 'The customer does not have that many points.' : `The customer has ${balance} points; an adjustment cannot take more.`, { reason: 'insufficient_points', balance });

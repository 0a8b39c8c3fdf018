import type { z } from 'zod';
import { loyaltyPrograms } from '@/db/schema';
import { validationError } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentProgram } from './present';
import { type ProgramRow, readProgram } from './program';
import type { ProgramDto, updateProgramInput } from './schemas';

const fields = ['enabled', 'pointsPerUnit', 'earnUnitMinor', 'redeemPoints', 'redeemValueMinor', 'minRedeemPoints', 'expiryMonths', 'silverMin', 'goldMin', 'platinumMin', 'earnOnBookings', 'earnOnOrders', 'pointsPerCheckIn'] as const;

/**
 * Saves the program (what the input omits keeps its value). New thresholds apply to each account
 * at its next ledger row (tiers are written by the ledger trigger, never recomputed in bulk).
 */
export async function updateProgram(ctx: Ctx, input: z.output<typeof updateProgramInput>): Promise<ProgramDto> {
  authorize(ctx, 'loyalty:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const before = await readProgram(tx, orgId);
    const merged: ProgramRow = { ...before, ...input, organizationId: orgId, updatedAt: ctx.now };
    if (!(merged.silverMin < merged.goldMin && merged.goldMin < merged.platinumMin)) {
      throw validationError('Invalid loyalty program: tier thresholds must rise (silver < gold < platinum).', { fields: [{ path: 'goldMin', message: 'must be above silverMin and below platinumMin' }] });
    }
    const values = Object.fromEntries(fields.map((f) => [f, merged[f]])) as Pick<ProgramRow, (typeof fields)[number]>;
    const [after] = await tx
      .insert(loyaltyPrograms)
      .values({ organizationId: orgId, ...values, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: loyaltyPrograms.organizationId, set: { ...values, updatedAt: ctx.now } })
      .returning();
    const changed = fields.filter((f) => before[f] !== after![f]);
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'loyalty_program.updated',
      entity: 'loyalty_program',
      entityId: orgId,
      changes: { before: Object.fromEntries(changed.map((f) => [f, before[f]])), after: Object.fromEntries(changed.map((f) => [f, after![f]])) },
    });
    return presentProgram({ ...after!, saved: true }, ctx.tenant.currency);
  });
}

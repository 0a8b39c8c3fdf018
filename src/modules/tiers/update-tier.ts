import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { memberTiers } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentTier } from './present';
import { lockTiers, memberCount, nameTaken, tierNamed, translateTierConflict } from './queries';
import type { TierDto, updateTierInput } from './schemas';

/** Where a swap parks one tier for a moment (the rank index is checked row by row). */
const PARKED_RANK = 0;

/**
 * Partial update. A rank held by another tier swaps the two (that tier takes this one's old
 * rank), which is how the dashboard moves a tier up or down; the audit row names the other tier.
 */
export async function updateTier(ctx: Ctx, id: string, input: z.output<typeof updateTierInput>): Promise<TierDto> {
  authorize(ctx, 'tiers:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      await lockTiers(tx, orgId);
      const [before] = await tx.select().from(memberTiers).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, id)));
      if (!before) throw notFound('Tier');
      const changed = changedKeys(before, input);
      if (changed.length === 0) return presentTier(before, await memberCount(tx, orgId, id));
      if (input.name !== undefined && changed.includes('name') && (await tierNamed(tx, orgId, input.name, id))) throw nameTaken(input.name);

      let swapped: { id: string; name: string } | null = null;
      if (input.rank !== undefined && changed.includes('rank')) {
        const [holder] = await tx.select().from(memberTiers).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.rank, input.rank)));
        if (holder) {
          swapped = { id: holder.id, name: holder.name };
          await tx.update(memberTiers).set({ rank: PARKED_RANK }).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, id)));
          await tx.update(memberTiers).set({ rank: before.rank, updatedAt: ctx.now }).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, holder.id)));
        }
      }
      const [after] = await tx
        .update(memberTiers)
        .set({ ...input, updatedAt: ctx.now })
        .where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, id)))
        .returning();
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'member_tier.updated',
        entity: 'member_tier',
        entityId: id,
        changes: auditChanges(before, after!, changed, swapped ? { before: {}, after: { swappedRankWith: swapped } } : undefined),
      });
      return presentTier(after!, await memberCount(tx, orgId, id));
    });
  } catch (err) {
    translateTierConflict(err, input.name);
  }
}

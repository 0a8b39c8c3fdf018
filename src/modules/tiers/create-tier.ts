import type { z } from 'zod';
import { and, eq, max } from 'drizzle-orm';
import { memberTiers } from '@/db/schema';
import { conflict } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentTier } from './present';
import { lockTiers, nameTaken, tierNamed, translateTierConflict } from './queries';
import { type createTierInput, MAX_TIER_RANK, type TierDto } from './schemas';

/** A new tier, last in rank unless a free rank is given (a taken rank is a 409: move tiers with update). */
export async function createTier(ctx: Ctx, input: z.output<typeof createTierInput>): Promise<TierDto> {
  authorize(ctx, 'tiers:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      await lockTiers(tx, orgId);
      if (await tierNamed(tx, orgId, input.name)) throw nameTaken(input.name);
      let rank = input.rank;
      if (rank === undefined) {
        const [last] = await tx.select({ rank: max(memberTiers.rank) }).from(memberTiers).where(eq(memberTiers.organizationId, orgId));
        rank = (last?.rank ?? 0) + 1;
        if (rank > MAX_TIER_RANK) throw conflict(`The last rank (${MAX_TIER_RANK}) is taken; give this tier a free rank.`, { field: 'rank' });
      } else {
        const [holder] = await tx.select().from(memberTiers).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.rank, rank)));
        if (holder) throw conflict(`Rank ${rank} is held by "${holder.name}"; choose a free rank, or create the tier and then move it.`, { field: 'rank' });
      }
      const [row] = await tx
        .insert(memberTiers)
        .values({ id: newId('memberTier'), organizationId: orgId, name: input.name, description: input.description, translations: input.translations, rank, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'member_tier.created',
        entity: 'member_tier',
        entityId: row!.id,
        changes: { after: { name: row!.name, rank: row!.rank, description: row!.description, translations: row!.translations } },
      });
      return presentTier(row!, 0);
    });
  } catch (err) {
    translateTierConflict(err, input.name);
  }
}

import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { members, memberTiers } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import type { assignTierInput, MemberTierDto } from './schemas';

/**
 * Puts a member in a tier (replacing the one they held) or, with null, in none. A member or a
 * tier of another organization is not found (404).
 */
export async function assignMemberTier(ctx: Ctx, memberId: string, { tierId }: z.output<typeof assignTierInput>): Promise<MemberTierDto> {
  authorize(ctx, 'members:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(members)
      .where(and(eq(members.organizationId, orgId), eq(members.id, memberId)))
      .for('no key update');
    if (!before) throw notFound('Member');
    // Key share: the tier cannot be deleted before this commits (the delete counts holders).
    const [tier] = tierId
      ? await tx
          .select({ id: memberTiers.id, name: memberTiers.name })
          .from(memberTiers)
          .where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, tierId)))
          .for('key share')
      : [];
    if (tierId && !tier) throw notFound('Tier');
    if (before.tierId === (tierId ?? null)) return { memberId, tier: tier ?? null, updatedAt: iso(before.updatedAt) };
    const [beforeTier] = before.tierId
      ? await tx.select({ id: memberTiers.id, name: memberTiers.name }).from(memberTiers).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, before.tierId)))
      : [];
    const [after] = await tx
      .update(members)
      .set({ tierId: tierId ?? null, updatedAt: ctx.now })
      .where(and(eq(members.organizationId, orgId), eq(members.id, memberId)))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: tierId ? 'member.tier_assigned' : 'member.tier_removed',
      entity: 'member',
      entityId: memberId,
      changes: { before: { tier: beforeTier ?? null }, after: { tier: tier ?? null } },
    });
    return { memberId, tier: tier ?? null, updatedAt: iso(after!.updatedAt) };
  });
}

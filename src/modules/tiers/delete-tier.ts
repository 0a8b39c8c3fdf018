import { and, eq } from 'drizzle-orm';
import { memberTiers } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { lockTiers, memberCount } from './queries';

/**
 * Deletes a tier nobody holds. A tier that members hold is refused (409, with how many):
 * rules and booking priority target tiers, so taking members out of one is a decision to make
 * member by member (or by moving them to another tier first), never a side effect of a delete.
 */
export async function deleteTier(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'tiers:manage');
  const orgId = ctx.tenant.id;
  try {
    await tenantTx(ctx, async (tx) => {
      await lockTiers(tx, orgId);
      const [before] = await tx.select().from(memberTiers).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, id)));
      if (!before) throw notFound('Tier');
      const held = await memberCount(tx, orgId, id);
      if (held > 0) throw heldConflict(before.name, held);
      await tx.delete(memberTiers).where(and(eq(memberTiers.organizationId, orgId), eq(memberTiers.id, id)));
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'member_tier.deleted',
        entity: 'member_tier',
        entityId: id,
        changes: { before: { name: before.name, rank: before.rank, description: before.description, translations: before.translations } },
      });
    });
  } catch (err) {
    // An assignment raced past the count: the foreign key refuses the delete.
    if (sqlState(err) === '23503') throw conflict('Members were given this tier meanwhile; move them to another tier first.', { memberCount: null });
    throw err;
  }
}

function heldConflict(name: string, n: number) {
  return conflict(`${n} ${n === 1 ? 'member holds' : 'members hold'} the tier "${name}"; move them to another tier or take them out of it first.`, { memberCount: n });
}

import type { z } from 'zod';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { members, memberTiers } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentTier } from './present';
import type { listTiersQuery, TierDto } from './schemas';

/** The organization's tiers by rank (highest priority first), each with how many members hold it. */
export async function listTiers(ctx: Ctx, q: z.output<typeof listTiersQuery>): Promise<Page<TierDto>> {
  authorize(ctx, 'members:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const held = tx
      .select({ tierId: members.tierId, n: count().as('n') })
      .from(members)
      .where(and(eq(members.organizationId, orgId), sql`${members.tierId} is not null`))
      .groupBy(members.tierId)
      .as('held');
    const rows = await tx
      .select({ tier: memberTiers, n: held.n })
      .from(memberTiers)
      .leftJoin(held, eq(held.tierId, memberTiers.id))
      .where(eq(memberTiers.organizationId, orgId))
      .orderBy(asc(memberTiers.rank))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(memberTiers).where(eq(memberTiers.organizationId, orgId));
    return toPage(
      rows.map((r) => presentTier(r.tier, Number(r.n ?? 0))),
      total?.n ?? 0,
      q,
    );
  });
}

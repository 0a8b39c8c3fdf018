import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import { blackouts } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentBlackout } from './present';
import type { BlackoutDto, listBlackoutsQuery } from './schemas';
import { scopeFilter } from './scope';

/** Blackouts by start; filters: resourceId (or "organization"), kind, and from/to (those overlapping [from, to)). */
export async function listBlackouts(ctx: Ctx, q: z.output<typeof listBlackoutsQuery>): Promise<Page<BlackoutDto>> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  const where = and(
    eq(blackouts.organizationId, orgId),
    scopeFilter(blackouts.resourceId, q.resourceId),
    q.kind ? eq(blackouts.kind, q.kind) : undefined,
    q.from ? gt(blackouts.endsAt, q.from) : undefined,
    q.to ? lt(blackouts.startsAt, q.to) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(blackouts)
      .where(where)
      .orderBy(asc(blackouts.startsAt), asc(blackouts.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(blackouts).where(where);
    return toPage(rows.map(presentBlackout), total?.n ?? 0, q);
  });
}

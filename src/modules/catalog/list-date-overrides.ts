import { and, asc, count, eq, gte, lte, sql } from 'drizzle-orm';
import { dateOverrides } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentDateOverride } from './present';
import type { DateOverrideDto, listDateOverridesQuery } from './schemas';
import { scopeFilter } from './scope';

/** Date overrides by date; filters: resourceId (or "organization"), from, to (inclusive dates). */
export async function listDateOverrides(ctx: Ctx, q: z.output<typeof listDateOverridesQuery>): Promise<Page<DateOverrideDto>> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  const where = and(
    eq(dateOverrides.organizationId, orgId),
    scopeFilter(dateOverrides.resourceId, q.resourceId),
    q.from ? gte(dateOverrides.date, q.from) : undefined,
    q.to ? lte(dateOverrides.date, q.to) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(dateOverrides)
      .where(where)
      .orderBy(asc(dateOverrides.date), sql`${dateOverrides.resourceId} nulls first`, asc(dateOverrides.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(dateOverrides).where(where);
    return toPage(rows.map(presentDateOverride), total?.n ?? 0, q);
  });
}

import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import { resources } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentResource } from './present';
import type { listResourcesQuery, ResourceDto } from './schemas';

/** Staff view of resources (people, assets, rooms, spaces), archived ones included unless filtered. */
export async function listResources(ctx: Ctx, q: z.output<typeof listResourcesQuery>): Promise<Page<ResourceDto>> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  const escaped = q.q?.replace(/[\\%_]/g, (m) => `\\${m}`);
  const where = and(
    eq(resources.organizationId, orgId),
    q.kind ? eq(resources.kind, q.kind) : undefined,
    q.section ? eq(resources.section, q.section) : undefined,
    q.active === undefined ? undefined : eq(resources.active, q.active),
    escaped ? or(ilike(resources.name, `%${escaped}%`), ilike(resources.description, `%${escaped}%`)) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(resources)
      .where(where)
      .orderBy(asc(resources.sortOrder), asc(resources.name), asc(resources.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(resources).where(where);
    return toPage(rows.map(presentResource), total?.n ?? 0, q);
  });
}

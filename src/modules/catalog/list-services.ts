import { and, count, eq, ilike, or } from 'drizzle-orm';
import { services } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { packagesByService } from './packages';
import { presentService } from './present';
import { resourceIdsByService, serviceMenuOrder } from './queries';
import type { listServicesQuery, ServiceDto } from './schemas';

/** Staff view of the catalog: archived services included unless `active` filters them. */
export async function listServices(ctx: Ctx, q: z.output<typeof listServicesQuery>): Promise<Page<ServiceDto>> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  const escaped = q.q?.replace(/[\\%_]/g, (m) => `\\${m}`);
  const where = and(
    eq(services.organizationId, orgId),
    q.active === undefined ? undefined : eq(services.active, q.active),
    q.category ? eq(services.category, q.category) : undefined,
    escaped ? or(ilike(services.name, `%${escaped}%`), ilike(services.slug, `%${escaped}%`), ilike(services.description, `%${escaped}%`)) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(services)
      .where(where)
      .orderBy(...serviceMenuOrder)
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(services).where(where);
    const ids = await resourceIdsByService(tx, orgId, rows.map((r) => r.id));
    const packages = await packagesByService(tx, orgId, rows.map((r) => r.id));
    return toPage(
      rows.map((r) => presentService(r, ids.get(r.id) ?? [], packages.get(r.id) ?? null)),
      total?.n ?? 0,
      q,
    );
  });
}

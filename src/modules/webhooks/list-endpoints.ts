import { and, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentDelivery, presentEndpoint } from './present';
import { findEndpoint } from './queries';
import type { DeliveryDto, EndpointDto, listDeliveriesQuery, listEndpointsQuery } from './schemas';

export async function listWebhookEndpoints(ctx: Ctx, q: z.output<typeof listEndpointsQuery>): Promise<Page<EndpointDto>> {
  authorize(ctx, 'webhooks:manage');
  const where = eq(webhookEndpoints.organizationId, ctx.tenant.id);
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(webhookEndpoints).where(where).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(webhookEndpoints).where(where);
    return toPage(
      rows.map((r) => presentEndpoint(r, ctx.now)),
      total?.n ?? 0,
      q,
    );
  });
}

export async function getWebhookEndpoint(ctx: Ctx, id: string): Promise<EndpointDto> {
  authorize(ctx, 'webhooks:manage');
  return tenantTx(ctx, async (tx) => presentEndpoint(await findEndpoint(tx, ctx.tenant.id, id), ctx.now));
}

/** The delivery log of one endpoint, newest first. */
export async function listWebhookDeliveries(ctx: Ctx, endpointId: string, q: z.output<typeof listDeliveriesQuery>): Promise<Page<DeliveryDto>> {
  authorize(ctx, 'webhooks:manage');
  const orgId = ctx.tenant.id;
  const where = and(
    eq(webhookDeliveries.organizationId, orgId),
    eq(webhookDeliveries.endpointId, endpointId),
    q.status ? eq(webhookDeliveries.status, q.status) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    await findEndpoint(tx, orgId, endpointId);
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(webhookDeliveries).where(where);
    return toPage(rows.map(presentDelivery), total?.n ?? 0, q);
  });
}

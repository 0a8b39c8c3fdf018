import { webhookEndpoints } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { endpointWhere } from './queries';

/** Removes an endpoint with its delivery log; deliveries not yet made are dropped. */
export async function deleteWebhookEndpoint(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'webhooks:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const [gone] = await tx.delete(webhookEndpoints).where(endpointWhere(orgId, id)).returning();
    if (!gone) throw notFound('Webhook endpoint');
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'webhook_endpoint.deleted',
      entity: 'webhook_endpoint',
      entityId: id,
      changes: { before: { url: gone.url, eventTypes: gone.eventTypes, enabled: gone.enabled } },
    });
  });
}

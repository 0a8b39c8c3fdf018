import { and, eq } from 'drizzle-orm';
import { webhookDeliveries } from '@/db/schema';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { attemptDelivery, recordAttempt } from './deliver';
import { TEST_EVENT_TYPE } from './events';
import { eventBody } from './fan-out';
import { presentDelivery } from './present';
import { findEndpoint } from './queries';
import type { DeliveryDto } from './schemas';
import type { WebhookSettings } from './settings';

/**
 * Sends a signed `webhook.test` event now and answers how it went (status code, latency or
 * error), and it appears in the delivery log. Tried once, never retried, and it does not count
 * toward disabling the endpoint. The request is made after the transaction that records the
 * delivery has committed, and its result recorded in another.
 */
export async function sendWebhookTestEvent(ctx: Ctx, endpointId: string, settings: WebhookSettings): Promise<DeliveryDto> {
  authorize(ctx, 'webhooks:manage');
  const orgId = ctx.tenant.id;
  const { endpoint, delivery } = await tenantTx(ctx, async (tx) => {
    const endpoint = await findEndpoint(tx, orgId, endpointId);
    const id = newId('webhookMessage');
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({
        id,
        organizationId: orgId,
        endpointId,
        eventId: `test.${id}`,
        eventType: TEST_EVENT_TYPE,
        body: eventBody(TEST_EVENT_TYPE, ctx.now, { endpointId, organization: { id: orgId, slug: ctx.tenant.slug }, message: 'This is a test event from Bookline.' }),
        // Not due: the worker never picks a test event up; it is sent right here.
        nextAttemptAt: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'webhook_endpoint.test_sent', entity: 'webhook_endpoint', entityId: endpointId, changes: { after: { deliveryId: id } } });
    return { endpoint, delivery: delivery! };
  });
  const result = await attemptDelivery(endpoint, delivery, settings, ctx.now);
  await recordAttempt(ctx.db, delivery, result, ctx.now, settings);
  return tenantTx(ctx, async (tx) => {
    const [after] = await tx.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.id, delivery.id)));
    return presentDelivery(after!);
  });
}

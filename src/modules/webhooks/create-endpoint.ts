import type { z } from 'zod';
import { webhookEndpoints } from '@/db/schema';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { assertSafeUrl } from './endpoint-url';
import { presentEndpoint } from './present';
import type { createEndpointInput, EndpointWithSecretDto } from './schemas';
import type { WebhookSettings } from './settings';
import { generateSecret } from './signing';

/** Adds an endpoint; the answer carries its signing secret, which is never shown again. */
export async function createWebhookEndpoint(ctx: Ctx, input: z.output<typeof createEndpointInput>, settings: WebhookSettings): Promise<EndpointWithSecretDto> {
  authorize(ctx, 'webhooks:manage');
  await assertSafeUrl(input.url, settings);
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        id: newId('webhookEndpoint'),
        organizationId: orgId,
        url: input.url,
        description: input.description ?? '',
        eventTypes: input.eventTypes,
        secret: generateSecret(),
        enabled: input.enabled ?? true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'webhook_endpoint.created',
      entity: 'webhook_endpoint',
      entityId: row!.id,
      changes: { after: { url: row!.url, description: row!.description, eventTypes: row!.eventTypes, enabled: row!.enabled } },
    });
    return { ...presentEndpoint(row!, ctx.now), secret: row!.secret };
  });
}

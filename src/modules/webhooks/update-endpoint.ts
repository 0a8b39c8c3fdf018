import type { z } from 'zod';
import { webhookEndpoints } from '@/db/schema';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { assertSafeUrl } from './endpoint-url';
import { presentEndpoint } from './present';
import { endpointWhere, lockEndpoint } from './queries';
import type { EndpointDto, updateEndpointInput } from './schemas';
import type { WebhookSettings } from './settings';

/**
 * Partial update. Turning an endpoint on (again) clears its failure count and the reason it
 * was disabled; a new URL passes the SSRF check again.
 */
export async function updateWebhookEndpoint(ctx: Ctx, id: string, input: z.output<typeof updateEndpointInput>, settings: WebhookSettings): Promise<EndpointDto> {
  authorize(ctx, 'webhooks:manage');
  if (input.url !== undefined) await assertSafeUrl(input.url, settings);
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const before = await lockEndpoint(tx, orgId, id);
    const changed = changedKeys(before, input);
    if (changed.length === 0) return presentEndpoint(before, ctx.now);
    const reEnabled = input.enabled === true && !before.enabled;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...input,
        ...(input.enabled !== undefined && input.enabled !== before.enabled ? { disabledReason: null } : {}),
        ...(reEnabled ? { consecutiveFailures: 0 } : {}),
        updatedAt: ctx.now,
      })
      .where(endpointWhere(orgId, id))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'webhook_endpoint.updated',
      entity: 'webhook_endpoint',
      entityId: id,
      changes: auditChanges(before, after!, changed),
    });
    return presentEndpoint(after!, ctx.now);
  });
}

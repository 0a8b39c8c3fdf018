import type { z } from 'zod';
import { webhookEndpoints } from '@/db/schema';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentEndpoint } from './present';
import { endpointWhere, lockEndpoint } from './queries';
import type { EndpointWithSecretDto, rotateSecretInput } from './schemas';
import { generateSecret } from './signing';

/**
 * A new signing secret (answered once). For `graceHours` the old one keeps signing too — each
 * message carries both signatures — so the receiver can switch without losing a delivery;
 * 0 revokes the old one at once (after a leak).
 */
export async function rotateWebhookSecret(ctx: Ctx, id: string, input: z.output<typeof rotateSecretInput>): Promise<EndpointWithSecretDto> {
  authorize(ctx, 'webhooks:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const before = await lockEndpoint(tx, orgId, id);
    const grace = input.graceHours > 0;
    const expiresAt = grace ? new Date(ctx.now.getTime() + input.graceHours * 3600_000) : null;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({ secret: generateSecret(), previousSecret: grace ? before.secret : null, previousSecretExpiresAt: expiresAt, updatedAt: ctx.now })
      .where(endpointWhere(orgId, id))
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'webhook_endpoint.secret_rotated',
      entity: 'webhook_endpoint',
      entityId: id,
      changes: { after: { graceHours: input.graceHours, previousSecretExpiresAt: expiresAt?.toISOString() ?? null } },
    });
    return { ...presentEndpoint(after!, ctx.now), secret: after!.secret };
  });
}

import { blackouts } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentBlackout } from './present';
import { assertResourceRef } from './resource-policy';
import type { BlackoutDto, createBlackoutInput } from './schemas';

/**
 * Blocks absolute instants [startsAt, endsAt) for one resource, or the whole organization when
 * resourceId is null. Every kind blocks alike; a 'maintenance' window is also shown on the public
 * pages ("in maintenance until …", with its reason) and named when a booking overlapping it is refused.
 */
export async function createBlackout(ctx: Ctx, data: z.output<typeof createBlackoutInput>): Promise<BlackoutDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  const id = newId('blackout');
  return tenantTx(ctx, async (tx) => {
    if (data.resourceId) await assertResourceRef(tx, orgId, data.resourceId, 'blackout');
    const [blackout] = await tx
      .insert(blackouts)
      .values({
        id,
        organizationId: orgId,
        resourceId: data.resourceId,
        startsAt: data.startsAt,
        endsAt: data.endsAt,
        kind: data.kind,
        reason: data.reason ?? null,
        translations: data.translations,
        createdAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'blackout.created', entity: 'blackout', entityId: id, changes: { after: blackout } });
    return presentBlackout(blackout!);
  });
}

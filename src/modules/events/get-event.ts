import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { eventOf, presentEvent } from './queries';
import type { EventDto } from './schemas';

/** An event with its ticket types and sales figures (sold, held, remaining, checked in). */
export async function getEvent(ctx: Ctx, eventId: string): Promise<EventDto> {
  authorize(ctx, 'events:read');
  return tenantTx(ctx, async (tx) => presentEvent(tx, await eventOf(tx, ctx.tenant.id, eventId), ctx.tenant.currency));
}

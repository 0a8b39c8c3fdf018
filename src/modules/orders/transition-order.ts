import type { z } from 'zod';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { applyTransition, lockOrder } from './apply-transition';
import { presentOrder } from './present';
import type { OrderAction, orderActionInput, OrderDto } from './schemas';

/** A status action by the shop (mark paid, fulfil, deliver, cancel, refund), under the order's row lock. */
export async function transitionOrder(ctx: Ctx, orderId: string, action: OrderAction, input: z.output<typeof orderActionInput>): Promise<OrderDto> {
  authorize(ctx, 'orders:manage');
  const orgId = ctx.tenant.id;
  const { shown, digital } = await tenantTx(ctx, async (tx) => {
    const order = await lockOrder(tx, orgId, orderId);
    if (!order) throw notFound('Order');
    const after = await applyTransition(tx, ctx, order, action, input.note ?? null);
    return { shown: await presentOrder(tx, after), digital: order.fulfilment === 'digital' };
  });
  // Seats given back (a ticket order cancelled or refunded) go to the event's waitlist now, not at
  // the next sweep (modules/event-waitlist; imported at call time: it places orders through this module).
  if (digital && (action === 'cancel' || action === 'refund')) {
    const { offerAfterRelease } = await import('@/modules/event-waitlist');
    await offerAfterRelease(ctx, orderId);
  }
  return shown;
}

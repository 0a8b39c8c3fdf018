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
  return tenantTx(ctx, async (tx) => {
    const order = await lockOrder(tx, orgId, orderId);
    if (!order) throw notFound('Order');
    const after = await applyTransition(tx, ctx, order, action, input.note ?? null);
    return presentOrder(tx, after);
  });
}

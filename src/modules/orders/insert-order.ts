/**
 * The rows every newly placed order starts with: the order itself (status pending_payment), its
 * payment row for the whole total with the order's provider, and its first history event
 * ('placed'). The shop's checkout, a booking's deposit order and an event waitlist's held order all
 * place orders through here, inside their own transaction; lines, stock and the audit row stay with
 * the caller.
 */
import type { Tx } from '@/db/client';
import { orderEvents, orders, payments } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { Ctx } from '@/modules/kernel';
import type { OrderRow } from './present';

type OrderInsert = typeof orders.$inferInsert;
type OrderEventRow = typeof orderEvents.$inferSelect;

/** What differs between placed orders; id, status and the timestamps are set here. */
export type PlacedOrderValues = Omit<OrderInsert, 'id' | 'status' | 'placedAt' | 'createdAt' | 'updatedAt'> & {
  paymentProvider: NonNullable<OrderInsert['paymentProvider']>;
  totalMinor: number;
  currency: string;
};

export interface PlacedOrderHistory {
  actorType: OrderEventRow['actorType'];
  actorUserId: string | null;
  note?: string | null;
}

export async function insertPlacedOrder(
  tx: Tx,
  ctx: Ctx,
  orderId: string,
  values: PlacedOrderValues,
  history: PlacedOrderHistory,
): Promise<{ order: OrderRow; paymentId: string; placedEvent: OrderEventRow }> {
  const [order] = await tx
    .insert(orders)
    .values({ ...values, id: orderId, status: 'pending_payment', placedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  const paymentId = newId('payment');
  await tx.insert(payments).values({
    id: paymentId,
    organizationId: values.organizationId,
    orderId,
    provider: values.paymentProvider,
    amountMinor: values.totalMinor,
    currency: values.currency,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const [placedEvent] = await tx
    .insert(orderEvents)
    .values({
      id: newId('orderEvent'),
      organizationId: values.organizationId,
      orderId,
      action: 'placed',
      fromStatus: null,
      toStatus: 'pending_payment',
      actorType: history.actorType,
      actorUserId: history.actorUserId,
      note: history.note ?? null,
      createdAt: ctx.now,
    })
    .returning();
  return { order: order!, paymentId, placedEvent: placedEvent! };
}

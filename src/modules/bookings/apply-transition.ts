/** Moves one booking through the lifecycle inside the caller's transaction: row lock, event, audit, outbox. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingEvents, bookings } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, enqueue, recordAudit } from '@/modules/kernel';
import { type BookingAction, nextStatus, statusTimestamp } from './state-machine';

export async function lockBooking(tx: Tx, organizationId: string, bookingId: string) {
  const [row] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)))
    .for('update');
  if (!row) throw notFound('Booking');
  return row;
}

export async function applyTransition(
  tx: Tx,
  ctx: Ctx,
  organizationId: string,
  bookingId: string,
  action: BookingAction,
  reason: string | null,
) {
  const before = await lockBooking(tx, organizationId, bookingId);
  const to = nextStatus(before.status, action);
  const stamp = statusTimestamp[to];
  const [after] = await tx
    .update(bookings)
    .set({
      status: to,
      updatedAt: ctx.now,
      ...(stamp ? { [stamp]: ctx.now } : {}),
      ...(to === 'cancelled' || to === 'rejected' ? { cancellationReason: reason } : {}),
    })
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)))
    .returning();
  await tx.insert(bookingEvents).values({
    id: newId('bookingEvent'),
    organizationId,
    bookingId,
    action,
    fromStatus: before.status,
    toStatus: to,
    actorType: ctx.actor.type === 'user' ? 'user' : ctx.actor.type === 'system' ? 'system' : 'guest',
    actorUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    reason,
    createdAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    organizationId,
    action: `booking.${action}`,
    entity: 'booking',
    entityId: bookingId,
    changes: { before: { status: before.status }, after: { status: to, ...(reason ? { reason } : {}) } },
  });
  await enqueue(tx, ctx, { organizationId, topic: 'booking.status_changed', payload: { bookingId, from: before.status, to, reason } });
  return after!;
}

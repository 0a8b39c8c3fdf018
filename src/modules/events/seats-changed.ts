/**
 * "An event's seats changed": one outbox row `event.seats_changed` {eventId} per event touched,
 * written in the transaction that changed them (decision 0016, "Realtime"). The realtime
 * publisher turns each into a `seats` event carrying the event's remaining seats as they are when
 * it publishes (modules/realtime); nothing is mailed, so the row is written already delivered
 * (status 'sent'): the outbox worker never claims it.
 *
 * Called from the few narrow places seats move, not from a per-row trigger (decision 0012): the
 * stock functions of modules/orders (a checkout taking units, a cancel, expiry, decline or refund
 * giving them back) and the events use cases that change a capacity, a limit, a ticket type or
 * the event's status. Every ticket type draws from its event's capacity stock item, so a stock
 * movement touches an event exactly when it touches that event's capacity item: plain shop stock
 * never matches and writes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { events, outbox } from '@/db/schema';
import { newId } from '@/lib/ids';

export const SEATS_CHANGED_TOPIC = 'event.seats_changed';

/** One outbox row per event id given (deduplicated). */
export async function eventSeatsChanged(tx: Tx, orgId: string, eventIds: string[], now: Date): Promise<void> {
  const ids = [...new Set(eventIds)].sort();
  if (ids.length === 0) return;
  await tx.insert(outbox).values(
    ids.map((eventId) => ({ id: newId('outbox'), organizationId: orgId, topic: SEATS_CHANGED_TOPIC, payload: { eventId }, status: 'sent' as const, createdAt: now, availableAt: now, sentAt: now })),
  );
}

/** The events whose capacity stock items are among `stockItemIds` get one row each (none for shop stock). */
export async function stockSeatsChanged(tx: Tx, orgId: string, stockItemIds: string[], now: Date): Promise<void> {
  if (stockItemIds.length === 0) return;
  const touched = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.organizationId, orgId), inArray(events.capacityStockItemId, [...new Set(stockItemIds)])));
  await eventSeatsChanged(
    tx,
    orgId,
    touched.map((e) => e.id),
    now,
  );
}

/**
 * From an outbox message to webhook deliveries: when the outbox delivers a booking topic, one
 * `webhook_deliveries` row is written per enabled endpoint subscribed to the event (plus
 * `customer.created` when the booking created its customer). Database work only, idempotent
 * (one row per event and endpoint), so an outbox retry never sends an event twice. The HTTP
 * requests are made later by deliver.ts, outside any transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { bookings, customers, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { OutboxHandler, OutboxHandlers } from '@/modules/kernel';
import type { WebhookEventType } from './events';

export interface OutboxEvent {
  id: string;
  organizationId: string;
  topic: string;
  payload: Record<string, unknown>;
}

interface PendingEvent {
  eventId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

type BookingRow = typeof bookings.$inferSelect;

/** What a consumer gets about a booking (docs/webhooks.md): ids, status, times, price. No internal notes. */
export function bookingData(b: BookingRow) {
  return {
    id: b.id,
    status: b.status,
    serviceId: b.serviceId,
    resourceId: b.resourceId,
    customerId: b.customerId,
    start: b.startsAt.toISOString(),
    end: b.endsAt.toISOString(),
    seats: b.seats,
    priceMinor: b.priceMinor,
    currency: b.currency,
    source: b.source,
    message: b.message,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

async function loadBooking(db: Executor, organizationId: string, id: unknown): Promise<BookingRow | null> {
  if (typeof id !== 'string') return null;
  const [row] = await db.select().from(bookings).where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, id)));
  return row ?? null;
}

/** The outbox topics that feed webhooks, and the events each one becomes. */
const sources: Record<string, (db: Executor, m: OutboxEvent) => Promise<PendingEvent[]>> = {
  'booking.created': async (db, m) => {
    const b = await loadBooking(db, m.organizationId, m.payload.bookingId);
    if (!b) return [];
    const events: PendingEvent[] = [{ eventId: m.id, type: 'booking.created', data: { booking: bookingData(b) } }];
    // Customers are created by a booking's own statement, with the booking's instant.
    const [c] = await db.select().from(customers).where(and(eq(customers.organizationId, m.organizationId), eq(customers.id, b.customerId)));
    if (c && c.createdAt.getTime() === b.createdAt.getTime()) {
      events.push({
        eventId: `${m.id}.customer`,
        type: 'customer.created',
        data: { customer: { id: c.id, name: c.name, email: c.email, phone: c.phone, createdAt: c.createdAt.toISOString() } },
      });
    }
    return events;
  },
  'booking.status_changed': async (db, m) => {
    const b = await loadBooking(db, m.organizationId, m.payload.bookingId);
    if (!b) return [];
    const { from, to, reason } = m.payload;
    return [{ eventId: m.id, type: 'booking.status_changed', data: { booking: bookingData(b), from, to, reason: reason ?? null } }];
  },
  'booking.rescheduled': async (db, m) => {
    const b = await loadBooking(db, m.organizationId, m.payload.bookingId);
    if (!b) return [];
    return [{ eventId: m.id, type: 'booking.rescheduled', data: { booking: bookingData(b), before: m.payload.before ?? null, after: m.payload.after ?? null } }];
  },
};

export const webhookSourceTopics = Object.keys(sources);

/** The signed body: `{ type, timestamp, data }` (the Standard Webhooks payload shape). */
export function eventBody(type: string, at: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}

/** Writes the deliveries an outbox message causes; returns how many were new. */
export async function fanOutWebhookEvent(db: Executor, message: OutboxEvent, now: Date): Promise<number> {
  const build = sources[message.topic];
  if (!build) return 0;
  const endpoints = await db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, message.organizationId), eq(webhookEndpoints.enabled, true)));
  if (endpoints.length === 0) return 0;
  const events = await build(db, message);
  const rows = events.flatMap((e) =>
    endpoints
      .filter((ep) => ep.eventTypes.includes(e.type))
      .map((ep) => ({
        id: newId('webhookMessage'),
        organizationId: message.organizationId,
        endpointId: ep.id,
        eventId: e.eventId,
        eventType: e.type,
        body: eventBody(e.type, now, e.data),
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })),
  );
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [webhookDeliveries.organizationId, webhookDeliveries.endpointId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id });
  return inserted.length;
}

/**
 * The outbox handlers with webhooks fanned out first for the topics that feed them (the
 * existing handler still runs: email and webhooks are two consumers of one message). The
 * fan-out uses the handler's own transaction and is idempotent, so a retry of the message
 * (after the other consumer failed) adds no second delivery.
 */
export function withWebhookFanOut<H extends OutboxHandlers>(handlers: H, clock: () => Date = () => new Date()): H {
  const wrapped: OutboxHandlers = { ...handlers };
  for (const topic of webhookSourceTopics) {
    const found = handlers[topic];
    if (found && typeof found !== 'function') continue; // account mail: no organization, no webhooks
    const inner = found as OutboxHandler | undefined;
    wrapped[topic] = async (m, tx) => {
      await fanOutWebhookEvent(tx, m, clock());
      // The inner handler's send step (an email) runs after the transaction: pass it on.
      return inner?.(m, tx);
    };
  }
  return wrapped as H;
}


/**
 * notifications — delivers outbox messages. Until SMTP, webhooks and realtime arrive, every
 * topic has a logging transport, so messages are acknowledged (not retried into `failed`)
 * and the outbox keeps each one for replay. tests/outbox-topics.test.ts fails when a use case
 * enqueues a topic that has no handler here. Messages carry ids, not secrets: a booking's
 * manage link is rebuilt from its id at delivery (modules/bookings manageLinkFor).
 * Tables owned: none (reads outbox via kernel).
 */
import type { Logger } from '@/lib/logger';
import { manageLinkIn } from '@/modules/bookings';
import type { OutboxHandler } from '@/modules/kernel';

export const outboxTopics = {
  'email.invitation': 'email: invitation',
  'booking.created': 'email: booking received',
  'booking.status_changed': 'email: booking status changed',
  'booking.rescheduled': 'email: booking moved',
  'booking.awaiting_confirmation': 'email to the business: a guest moved a booking; confirm the new time',
} as const;

/** Topics whose message to the guest carries their manage link. */
const withManageLink = new Set<string>(['booking.created']);

export function createOutboxHandlers(log: Logger): Record<string, OutboxHandler> {
  return Object.fromEntries(
    Object.entries(outboxTopics).map(([topic, what]) => [
      topic,
      (async (m, tx) => {
        const bookingId = typeof m.payload.bookingId === 'string' ? m.payload.bookingId : null;
        // In the delivery's own transaction: a second one would wait forever on embedded PGlite.
        const manageUrl = bookingId && withManageLink.has(topic) ? await manageLinkIn(tx, m.organizationId, bookingId, new Date()) : undefined;
        log.info({ outbox: m.id, organization: m.organizationId, topic, ...m.payload, ...(manageUrl ? { manageUrl } : {}) }, what);
      }) satisfies OutboxHandler,
    ]),
  );
}

/**
 * notifications — delivers outbox messages. Until SMTP, webhooks and realtime arrive, every
 * topic has a logging transport, so messages are acknowledged (not retried into `failed`)
 * and the outbox keeps each one for replay. tests/outbox-topics.test.ts fails when a use case
 * enqueues a topic that has no handler here. Messages carry ids, not secrets: a booking's
 * manage link is rebuilt from its id at delivery (modules/bookings manageLinkFor).
 * Tables owned: none (reads outbox via kernel).
 */
import type { Db } from '@/db/client';
import type { Logger } from '@/lib/logger';
import { manageLinkFor } from '@/modules/bookings';
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

export function createOutboxHandlers(log: Logger, db?: Db): Record<string, OutboxHandler> {
  return Object.fromEntries(
    Object.entries(outboxTopics).map(([topic, what]) => [
      topic,
      (async (m) => {
        const bookingId = typeof m.payload.bookingId === 'string' ? m.payload.bookingId : null;
        const manageUrl = db && bookingId && withManageLink.has(topic) ? await manageLinkFor(db, m.organizationId, bookingId, new Date()) : undefined;
        log.info({ outbox: m.id, organization: m.organizationId, topic, ...m.payload, ...(manageUrl ? { manageUrl } : {}) }, what);
      }) satisfies OutboxHandler,
    ]),
  );
}

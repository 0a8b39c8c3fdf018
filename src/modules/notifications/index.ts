/**
 * notifications — delivers outbox messages. Until SMTP, webhooks and realtime arrive, every
 * topic has a logging transport, so messages are acknowledged (not retried into `failed`)
 * and the outbox keeps each one for replay. tests/outbox-topics.test.ts fails when a use case
 * enqueues a topic that has no handler here. Messages carry ids, not secrets: a booking's
 * manage link is rebuilt from its id at delivery (modules/bookings manageLinkIn).
 * Tables owned: none (reads outbox via kernel).
 *
 * Log lines are not a place for personal data or secrets: logs are shipped, kept and read by
 * people who may not see customers' data, and a link with a token in it (a booking's manage
 * link, an invitation's accept link) is a key to the booking or the organization. So the
 * logging transport prints only the fields listed per topic (ids, statuses, times) and the
 * names of the others; tests/log-redaction.test.ts holds it to that.
 */
import type { Logger } from '@/lib/logger';
import { recordNotifications } from '@/modules/inbox';
import type { OutboxHandler } from '@/modules/kernel';

export const outboxTopics = {
  'email.invitation': 'email: invitation',
  'booking.created': 'email: booking received',
  'booking.status_changed': 'email: booking status changed',
  'booking.rescheduled': 'email: booking moved',
  'booking.awaiting_confirmation': 'email to the business: a guest moved a booking; confirm the new time',
  'email.webhook_disabled': 'email to the owners: a webhook endpoint was disabled after repeated failures',
} as const;

/** Payload fields a log line may show, per topic. Never an address, a name, free text or a URL. */
const loggableFields: Record<keyof typeof outboxTopics, readonly string[]> = {
  'email.invitation': ['role', 'expiresAt'],
  'booking.created': ['bookingId', 'status', 'start'],
  'booking.status_changed': ['bookingId', 'from', 'to'],
  'booking.rescheduled': ['bookingId'],
  'booking.awaiting_confirmation': ['bookingId'],
  'email.webhook_disabled': ['endpointId', 'consecutiveFailures', 'disabledAt'],
};

function loggable(topic: keyof typeof outboxTopics, payload: Record<string, unknown>) {
  const shown: Record<string, unknown> = {};
  const allowed = loggableFields[topic];
  // A listed field that holds an address or a link after all (a payload changed) stays out too.
  for (const key of allowed) if (key in payload && !/@|:\/\//.test(String(payload[key]))) shown[key] = payload[key];
  return { ...shown, withheld: Object.keys(payload).filter((k) => !allowed.includes(k)) };
}

export function createOutboxHandlers(log: Logger): Record<string, OutboxHandler> {
  return Object.fromEntries(
    (Object.entries(outboxTopics) as [keyof typeof outboxTopics, string][]).map(([topic, what]) => [
      topic,
      (async (m, tx) => {
        log.info({ outbox: m.id, organization: m.organizationId, topic, ...loggable(topic, m.payload) }, what);
        // The team's in-app notifications (new requests, cancellations, moves); a retry writes none twice.
        await recordNotifications(tx, m, new Date());
      }) satisfies OutboxHandler,
    ]),
  );
}

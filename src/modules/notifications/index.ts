/**
 * notifications — delivers outbox messages. Until SMTP, webhooks and realtime arrive, every
 * topic has a logging transport, so messages are acknowledged (not retried into `failed`)
 * and the outbox keeps each one for replay. tests/outbox-topics.test.ts fails when a use case
 * enqueues a topic that has no handler here. Tables owned: none (reads outbox via kernel).
 */
import type { Logger } from '@/lib/logger';
import type { OutboxHandler } from '@/modules/kernel';

export const outboxTopics = {
  'email.invitation': 'email: invitation',
  'booking.created': 'email: booking received',
  'booking.status_changed': 'email: booking status changed',
  'booking.rescheduled': 'email: booking moved',
} as const;

export function createOutboxHandlers(log: Logger): Record<string, OutboxHandler> {
  return Object.fromEntries(
    Object.entries(outboxTopics).map(([topic, what]) => [
      topic,
      (async (m) => log.info({ outbox: m.id, organization: m.organizationId, topic, ...m.payload }, what)) satisfies OutboxHandler,
    ]),
  );
}

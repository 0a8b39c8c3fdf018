/**
 * notifications — delivers outbox messages: every topic is logged (redacted, below) and, with
 * a mailer, becomes its emails (email-handlers.ts) sent over SMTP or kept in the built-in mail
 * catcher (mailer.ts). A failed send fails the try: the outbox retries with backoff and keeps
 * the message as a dead letter ('failed') after its last try. tests/outbox-topics.test.ts fails when a use case
 * enqueues a topic that has no handler here. Messages carry ids, not secrets: a booking's
 * manage link is rebuilt from its id at delivery (modules/bookings manageLinkIn).
 * Tables owned: mail_messages (the catcher; reads outbox via kernel).
 *
 * Log lines are not a place for personal data or secrets: logs are shipped, kept and read by
 * people who may not see customers' data, and a link with a token in it (a booking's manage
 * link, an invitation's accept link) is a key to the booking or the organization. So the
 * logging transport prints only the fields listed per topic (ids, statuses, times) and the
 * names of the others; tests/log-redaction.test.ts holds it to that.
 */
import type { Logger } from '@/lib/logger';
import { recordNotifications } from '@/modules/inbox';
import type { AccountOutboxHandler, OutboxHandler, OutboxHandlers } from '@/modules/kernel';
import { ACCOUNT_MAIL_TOPICS, createAccountMailHandlers } from './account-mail';
import { createEmailHandlers } from './email-handlers';
import { createEventWaitlistEmailHandlers } from './event-waitlist-mail';
import { createOrderEmailHandlers } from './order-mail';
import type { Mailer } from './mailer';

export { createMailer, isDocumentationAddress, type Mailer, type OutgoingMail, transportNotice } from './mailer';
export { getMail, listDeliveries, listMail, mailReadable } from './mail-catcher';
export { prepareReminderQueue, REMINDER_QUEUE, REMINDER_TOPIC, reminderDueAt, reminderJobId, type ReminderJob, runReminder, withReminderPlanning, workReminders } from './reminders';
export { ACCOUNT_LINK_PURPOSE, ACCOUNT_MAIL_TOPICS, type CaughtVerificationMail, listOwnVerificationMail } from './account-mail';
export * as notificationSchemas from './schemas';
export type { DeliveryDto, MailDto, MailSummaryDto } from './schemas';

export const outboxTopics = {
  'email.invitation': 'email: invitation',
  'booking.created': 'email: booking received',
  'booking.status_changed': 'email: booking status changed',
  'booking.rescheduled': 'email: booking moved',
  'booking.awaiting_confirmation': 'email to the business: a guest moved a booking; confirm the new time',
  'email.webhook_disabled': 'email to the owners: a webhook endpoint was disabled after repeated failures',
  'email.booking_reminder': 'email: booking reminder (queued by the reminder job)',
  'waitlist.offered': 'email + in-app: the waitlist holds a freed time for the member',
  'waitlist.hold_expired': 'email + in-app: the member did not book their waitlist hold in time',
  'order.placed': 'email to the buyer and in-app to the people who handle orders: the shop received an order',
  'order.status_changed': 'email: an order was paid, fulfilled or cancelled',
  'event_waitlist.joined': 'email: the visitor is on the waitlist of a sold-out event (with the link to their entry)',
  'event_waitlist.offered': 'email: returned seats are held for a waitlist entry until a time (pay from the link)',
  'review.submitted': 'in-app: a customer reviewed a completed booking or a product they received; it waits for moderation',
  // Realtime only (modules/events seats-changed.ts): written already sent, the worker never delivers it.
  'event.seats_changed': 'live: an event\'s seats left changed (the realtime publisher sends it; no email)',
  // Account mail: no organization, a user (docs/decisions/0009-account-mail.md).
  'email.password_reset': 'email: password-reset link',
  'email.verify_email': 'email: address-verification link',
} as const;

/** Payload fields a log line may show, per topic. Never an address, a name, free text or a URL. */
const loggableFields: Record<keyof typeof outboxTopics, readonly string[]> = {
  'email.invitation': ['role', 'expiresAt'],
  'booking.created': ['bookingId', 'status', 'start', 'locale'],
  'booking.status_changed': ['bookingId', 'from', 'to', 'by'],
  'booking.rescheduled': ['bookingId', 'by', 'reconfirm'],
  'booking.awaiting_confirmation': ['bookingId'],
  'email.webhook_disabled': ['endpointId', 'consecutiveFailures', 'disabledAt'],
  'email.booking_reminder': ['bookingId', 'startsAt'],
  'waitlist.offered': ['entryId', 'bookingId', 'holdExpiresAt'],
  'waitlist.hold_expired': ['entryId', 'bookingId'],
  'order.placed': ['orderId', 'locale'],
  'order.status_changed': ['orderId', 'from', 'to', 'action'],
  'event_waitlist.joined': ['entryId', 'eventId', 'locale'],
  'event_waitlist.offered': ['entryId', 'orderId', 'offerExpiresAt'],
  'review.submitted': ['reviewId', 'bookingId', 'orderLineId', 'rating'],
  'event.seats_changed': ['eventId'],
  // The sealed link never: even sealed, a token has no business in a log.
  'email.password_reset': ['locale', 'expiresInMinutes'],
  'email.verify_email': ['locale', 'expiresInMinutes'],
};

function loggable(topic: keyof typeof outboxTopics, payload: Record<string, unknown>) {
  const shown: Record<string, unknown> = {};
  const allowed = loggableFields[topic];
  // A listed field that holds an address or a link after all (a payload changed) stays out too.
  for (const key of allowed) if (key in payload && !/@|:\/\//.test(String(payload[key]))) shown[key] = payload[key];
  return { ...shown, withheld: Object.keys(payload).filter((k) => !allowed.includes(k)) };
}

/** The handler per topic: a redacted log line, then (with a mailer) the topic's emails. */
export function createOutboxHandlers(log: Logger, mailer?: Mailer): OutboxHandlers {
  const emails = mailer ? { ...createEmailHandlers(mailer), ...createOrderEmailHandlers(mailer), ...createEventWaitlistEmailHandlers(mailer) } : {};
  const accountMail = createAccountMailHandlers(log, mailer);
  return Object.fromEntries(
    (Object.entries(outboxTopics) as [keyof typeof outboxTopics, string][]).map(([topic, what]) => {
      if (topic in ACCOUNT_MAIL_TOPICS) {
        const inner = accountMail[topic as keyof typeof ACCOUNT_MAIL_TOPICS];
        const handler: AccountOutboxHandler = {
          account: async (m, tx) => {
            log.info({ outbox: m.id, user: m.userId, topic, attempt: m.attempts, ...loggable(topic, m.payload) }, what);
            return inner.account(m, tx);
          },
        };
        return [topic, handler];
      }
      const handler: OutboxHandler = async (m, tx) => {
        log.info({ outbox: m.id, organization: m.organizationId, topic, attempt: m.attempts, ...loggable(topic, m.payload) }, what);
        // The team's in-app notifications (new requests, cancellations, moves); a retry writes none twice.
        await recordNotifications(tx, m, new Date());
        return emails[topic]?.(m, tx);
      };
      return [topic, handler];
    }),
  );
}

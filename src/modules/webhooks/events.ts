/**
 * The event types an endpoint can subscribe to, as data: a later issue adds a type by adding
 * a row here (and the outbox topic that feeds it in fan-out.ts). Shared with the pages (no
 * server code here).
 */
export const webhookEventTypes = ['booking.created', 'booking.status_changed', 'booking.rescheduled', 'customer.created'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent by "send test event" only; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** Delivery policy: attempts, the waits between them, and how long a redirect-free answer may take. */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
/** The first attempt plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** How long the old secret keeps signing after a rotation, unless the rotation says otherwise. */
export const DEFAULT_ROTATION_GRACE_HOURS = 24;

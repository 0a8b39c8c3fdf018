/**
 * webhooks — an organization's webhook endpoints and the signed deliveries made to them
 * (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature; docs/webhooks.md).
 * Events come from the outbox: booking topics are fanned out to one delivery per subscribed
 * endpoint (fan-out.ts, inside the outbox handler's transaction, idempotent); the worker
 * (deliver.ts) sends them with no transaction open, retries with backoff, logs every attempt
 * and disables an endpoint after repeated failures (outbox: email.webhook_disabled).
 * Invariants: only public addresses are ever contacted unless WEBHOOKS_ALLOW_PRIVATE (checked
 * at save and at each attempt, connecting to the address checked); secrets are answered once.
 * Tables owned: webhook_endpoints, webhook_deliveries (tenant tables, RLS).
 */
export { type AddressClass, checkEndpointUrl, classifyAddress, parseEndpointUrl, resolveEndpoint, type Resolver, UnsafeUrlError } from './address-policy';
export { createWebhookEndpoint } from './create-endpoint';
export { deleteWebhookEndpoint } from './delete-endpoint';
export { attemptDelivery, deliverWebhooks, type DeliverOptions, signingSecrets } from './deliver';
export { DEFAULT_ROTATION_GRACE_HOURS, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, TEST_EVENT_TYPE, type WebhookEventType, webhookEventTypes } from './events';
export { eventBody, fanOutWebhookEvent, webhookSourceTopics, withWebhookFanOut } from './fan-out';
export { getWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from './list-endpoints';
export { rotateWebhookSecret } from './rotate-secret';
export * as webhookSchemas from './schemas';
export type { DeliveryDto, EndpointDto, EndpointWithSecretDto } from './schemas';
export { sendWebhookTestEvent } from './send-test-event';
export { type WebhookSettings, webhookSettingsFromEnv } from './settings';
export { generateSecret, signature, signedHeaders } from './signing';
export { updateWebhookEndpoint } from './update-endpoint';

/**
 * Webhooks: an organization's endpoints (where, which events, the signing secret) and the
 * deliveries made to them — one row per (event, endpoint), which is both the delivery queue
 * (status, next attempt) and its log (each attempt's status code, latency and error).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    /** `whsec_<base64>`: kept readable because signing needs it (an HMAC key, not a password). */
    secret: text('secret').notNull(),
    /** After a rotation, the old secret still signs (a second signature) until it expires. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: ts('previous_secret_expires_at'),
    enabled: boolean('enabled').notNull().default(true),
    /** Why it is off: 'failures' (disabled by the worker) or null (an owner turned it off, or on). */
    disabledReason: text('disabled_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'webhook_endpoints_pkey', columns: [t.organizationId, t.id] }),
    index('webhook_endpoints_organization_created_idx').on(t.organizationId, t.createdAt),
    check('webhook_endpoints_failures_nonnegative', sql`${t.consecutiveFailures} >= 0`),
  ],
);

export interface WebhookAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
}

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** Also the `webhook-id` header: the same on every retry, so receivers can deduplicate. */
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    endpointId: text('endpoint_id').notNull(),
    /** What caused it (the outbox message id, with a suffix for derived events): one delivery per event and endpoint. */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact JSON body that is signed and sent. */
    body: text('body').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastLatencyMs: integer('last_latency_ms'),
    lastError: text('last_error'),
    attemptLog: jsonb('attempt_log').$type<WebhookAttempt[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'webhook_deliveries_pkey', columns: [t.organizationId, t.id] }),
    foreignKey({ name: 'webhook_deliveries_endpoint_fk', columns: [t.organizationId, t.endpointId], foreignColumns: [webhookEndpoints.organizationId, webhookEndpoints.id] }).onDelete('cascade'),
    uniqueIndex('webhook_deliveries_event_endpoint_uq').on(t.organizationId, t.endpointId, t.eventId),
    index('webhook_deliveries_organization_endpoint_created_idx').on(t.organizationId, t.endpointId, t.createdAt),
    // The worker's scan: pending deliveries that are due, across tenants.
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('webhook_deliveries_status_valid', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
  ],
);

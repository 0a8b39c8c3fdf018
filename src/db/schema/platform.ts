/**
 * Cross-cutting tenant tables: the audit log (one row per mutation) and the outbox (side
 * effects written in the same transaction as the change, delivered after commit).
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organizations } from './organizations';
import { ts } from './columns';

export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorType: text('actor_type').$type<'user' | 'guest' | 'system'>().notNull(),
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    changes: jsonb('changes').$type<{ before?: unknown; after?: unknown } | null>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'audit_log_pkey', columns: [t.organizationId, t.id] }),
    index('audit_log_organization_created_idx').on(t.organizationId, t.createdAt),
    index('audit_log_organization_entity_idx').on(t.organizationId, t.entity, t.entityId),
    check('audit_log_actor_type_valid', sql`${t.actorType} in ('user', 'guest', 'system')`),
  ],
);

import type { outboxStatuses } from '@/db/enums';

export { outboxStatuses } from '@/db/enums';

export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** The tenant whose change this reports; null for account mail (password reset, address
     * verification), which belongs to a user, not an organization (docs/decisions/0009). */
    organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** The account an account message is for: deleting the account drops its pending mail. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<(typeof outboxStatuses)[number]>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    /** When the realtime publisher passed this row to the fan-out channel (modules/realtime):
     * independent of delivery, so a slow mail server never delays a live update. */
    publishedAt: ts('published_at'),
    /** The realtime event's number (sequence `realtime_event_seq`): streams' `id:`, in commit order per publisher batch. */
    eventSeq: bigint('event_seq', { mode: 'number' }),
  },
  (t) => [
    index('outbox_organization_created_idx').on(t.organizationId, t.createdAt),
    // The realtime publisher's scan: rows not yet published, oldest first.
    index('outbox_unpublished_idx').on(t.createdAt).where(sql`${t.publishedAt} is null`),
    // Resuming a live stream from further back than memory holds (realtime/publish.ts loadEventsAfter).
    index('outbox_event_seq_idx').on(t.eventSeq).where(sql`${t.eventSeq} is not null`),
    // The worker's scan: pending rows that are due, oldest first, across tenants.
    index('outbox_pending_due_idx').on(t.availableAt).where(sql`${t.status} = 'pending'`),
    check('outbox_status_valid', sql`${t.status} in ('pending', 'sent', 'failed')`),
    // Every message belongs to an organization or, account mail only, to a user.
    check('outbox_owner_present', sql`${t.organizationId} is not null or ${t.userId} is not null`),
  ],
);

/** An attachment of a caught message, as listed (the bytes stay in the raw source). */
export interface MailAttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

/**
 * The built-in mail catcher: with no SMTP_URL on the embedded default (and always for demo
 * organizations' example.com guests) a message is stored here instead of sent, readable by the
 * organization's owners and admins at /dashboard/<org>/mail. Written by the outbox worker on
 * the owner connection; the app role reads its own tenant's rows only.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: text('id').primaryKey(),
    /** Null for account mail (docs/decisions/0009): no organization's mail page lists it. */
    organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** The account an account message went to (its owner may read a caught verification email). */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The outbox message it delivers (one outbox row may be caught once per recipient). */
    outboxId: text('outbox_id'),
    topic: text('topic').notNull(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    raw: text('raw').notNull(),
    attachments: jsonb('attachments').$type<MailAttachmentInfo[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('mail_messages_organization_created_idx').on(t.organizationId, t.createdAt),
    // A delivery retried after the catcher stored it (the worker stopped before recording
    // "sent") stores nothing twice.
    uniqueIndex('mail_messages_outbox_to_uq').on(t.outboxId, t.to),
    index('mail_messages_user_created_idx').on(t.userId, t.createdAt).where(sql`${t.userId} is not null`),
    check('mail_messages_owner_present', sql`${t.organizationId} is not null or ${t.userId} is not null`),
  ],
);

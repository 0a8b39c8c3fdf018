/**
 * Cross-cutting tenant tables: the audit log (one row per mutation) and the outbox (side
 * effects written in the same transaction as the change, delivered after commit).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { ts } from './columns';

export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
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
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<(typeof outboxStatuses)[number]>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('outbox_organization_created_idx').on(t.organizationId, t.createdAt),
    // The worker's scan: pending rows that are due, oldest first, across tenants.
    index('outbox_pending_due_idx').on(t.availableAt).where(sql`${t.status} = 'pending'`),
    check('outbox_status_valid', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

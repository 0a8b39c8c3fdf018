/**
 * Calendar feeds (iCal subscriptions): a secret URL per resource or per member that a calendar
 * app polls. The URL's token is stored only as its SHA-256 (shown once, at creation); revoking
 * keeps the row (who made it, when it stopped) and the URL answers 404 from then on.
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { resources } from './catalog';
import { ts } from './columns';
import { organizations } from './organizations';

export const calendarFeedKinds = ['resource', 'member'] as const;
export type CalendarFeedKind = (typeof calendarFeedKinds)[number];

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CalendarFeedKind>().notNull(),
    /** The subject: a resource (kind resource) or a member's user (kind member). */
    resourceId: text('resource_id'),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ name: 'calendar_feeds_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('calendar_feeds_token_hash_uq').on(t.organizationId, t.tokenHash),
    /** A feed URL carries no organization: rendering looks its token up by hash alone. */
    index('calendar_feeds_token_hash_idx').on(t.tokenHash),
    index('calendar_feeds_organization_created_idx').on(t.organizationId, t.createdAt),
    foreignKey({ name: 'calendar_feeds_resource_fk', columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id] }).onDelete('cascade'),
    check('calendar_feeds_kind_valid', sql`${t.kind} in ('resource', 'member')`),
    check(
      'calendar_feeds_subject',
      sql`(${t.kind} = 'resource' and ${t.resourceId} is not null and ${t.userId} is null) or (${t.kind} = 'member' and ${t.userId} is not null and ${t.resourceId} is null)`,
    ),
  ],
);

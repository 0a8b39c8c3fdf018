/**
 * The in-app notification centre: one row per recipient (a member's user) per event, written
 * when the outbox delivers the event (modules/inbox). `source_id` is the outbox message it came
 * from: a retried delivery writes nothing twice. Preferences say which emails a member wants.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ts } from './columns';
import { organizations } from './organizations';

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What happened: "booking.requested", "booking.cancelled"… (modules/inbox/schemas.ts notificationKinds). */
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** What the line shows (service, customer, start, zone): rendered in the reader's language. */
    data: jsonb('data').$type<Record<string, string | null>>().notNull().default({}),
    sourceId: text('source_id').notNull(),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'notifications_pkey', columns: [t.organizationId, t.id] }),
    unique('notifications_source_user_uq').on(t.organizationId, t.sourceId, t.userId),
    index('notifications_recipient_idx').on(t.organizationId, t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.organizationId, t.userId).where(sql`${t.readAt} is null`),
    check('notifications_data_object', sql`jsonb_typeof(${t.data}) = 'object'`),
  ],
);

/** Per member: the emails they do not want (absent row = every email their role gets). */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emailNewRequests: boolean('email_new_requests').notNull().default(true),
    emailNewBookings: boolean('email_new_bookings').notNull().default(true),
    emailCancellations: boolean('email_cancellations').notNull().default(true),
    emailReschedules: boolean('email_reschedules').notNull().default(true),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] })],
);

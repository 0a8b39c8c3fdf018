/**
 * The account-level security log: sign-ups, sign-ins (and failed ones), sign-outs, password
 * and two-factor changes. Not tenant-owned (a user is not in one organization, and a failed
 * sign-in may name no user at all), so it cannot live in audit_log, whose rows belong to an
 * organization. Written by the identity module from Better Auth's hooks; append-only (see
 * migration 0005: the app role may only read a user's own rows, and no one may update one).
 */
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ts } from './columns';

export const accountAuditLog = pgTable(
  'account_audit_log',
  {
    id: text('id').primaryKey(),
    /** Null for a failed sign-in with an email that matches no user. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('account_audit_log_user_created_idx').on(t.userId, t.createdAt), index('account_audit_log_created_idx').on(t.createdAt)],
);

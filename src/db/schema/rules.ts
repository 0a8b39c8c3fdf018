/**
 * Booking rules and approvals (modules/rules). A rule is data: a kind, its parameters, where it
 * applies (scope, optionally only to one tier), and what happens when it trips. A booking that
 * trips an approval rule is created pending with one approval row per rule; it is confirmed when
 * every approval passes, rejected when one is rejected or the request expires.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { ApprovalStatus, ContentLocale, MemberRole, RuleKind, RuleOutcome, RuleScope } from '@/db/enums';
import { ts } from './columns';
import { bookings } from './bookings';
import { resources } from './catalog';
import { memberTiers, organizations } from './organizations';
import { users } from './auth';

/** Who decides a rule's approvals: members with these roles, or these members by id. */
export interface RuleApprovers {
  roles: MemberRole[];
  memberIds: string[];
}

export const bookingRules = pgTable(
  'booking_rules',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The rule's name in other content languages. */
    translations: jsonb('translations').$type<Partial<Record<ContentLocale, { name?: string }>>>().notNull().default({}),
    kind: text('kind').$type<RuleKind>().notNull(),
    /** The kind's parameters (modules/rules/schemas.ts ruleParams), validated on the way in. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    scope: text('scope').$type<RuleScope>().notNull(),
    section: text('section'),
    resourceId: text('resource_id'),
    /** Applies only to members of this tier; null: to everyone who books. */
    tierId: text('tier_id'),
    outcome: text('outcome').$type<RuleOutcome>().notNull(),
    adminsExempt: boolean('admins_exempt').notNull().default(true),
    approvers: jsonb('approvers').$type<RuleApprovers>().notNull().default({ roles: ['owner', 'admin'], memberIds: [] }),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'booking_rules_pkey', columns: [t.organizationId, t.id] }),
    index('booking_rules_organization_idx').on(t.organizationId, t.active, t.sortOrder),
    foreignKey({ name: 'booking_rules_resource_fk', columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id] }).onDelete('cascade'),
    foreignKey({ name: 'booking_rules_tier_fk', columns: [t.organizationId, t.tierId], foreignColumns: [memberTiers.organizationId, memberTiers.id] }).onDelete('cascade'),
    check('booking_rules_kind_valid', sql`${t.kind} in ('blackout', 'lead_time', 'duration', 'max_consecutive', 'min_gap', 'quota', 'max_upcoming', 'tier_only')`),
    check('booking_rules_outcome_valid', sql`${t.outcome} in ('deny', 'approval', 'warn')`),
    check(
      'booking_rules_scope_valid',
      sql`(${t.scope} = 'organization' and ${t.section} is null and ${t.resourceId} is null)
       or (${t.scope} = 'section' and ${t.section} is not null and ${t.resourceId} is null)
       or (${t.scope} = 'resource' and ${t.resourceId} is not null and ${t.section} is null)`,
    ),
  ],
);

export const bookingApprovals = pgTable(
  'booking_approvals',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    bookingId: text('booking_id').notNull(),
    /** The rule that asked for it; the rule may be edited or deleted later, the snapshot stays. */
    ruleId: text('rule_id'),
    ruleName: text('rule_name').notNull(),
    /** Why the rule asked, in English and Spanish, as the member saw it. */
    reason: jsonb('reason').$type<Record<ContentLocale, string>>().notNull(),
    approvers: jsonb('approvers').$type<RuleApprovers>().notNull(),
    status: text('status').$type<ApprovalStatus>().notNull().default('pending'),
    comment: text('comment'),
    decidedByUserId: text('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    /** Undecided by then: the request is released (a scheduled job). */
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'booking_approvals_pkey', columns: [t.organizationId, t.id] }),
    index('booking_approvals_organization_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('booking_approvals_booking_idx').on(t.organizationId, t.bookingId),
    index('booking_approvals_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    foreignKey({ name: 'booking_approvals_booking_fk', columns: [t.organizationId, t.bookingId], foreignColumns: [bookings.organizationId, bookings.id] }).onDelete('cascade'),
    check('booking_approvals_status_valid', sql`${t.status} in ('pending', 'approved', 'rejected', 'expired', 'closed')`),
    check('booking_approvals_decided', sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
  ],
);

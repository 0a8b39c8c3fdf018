/**
 * Tenancy: organizations (the tenants), their members with roles, and invitations.
 * members and invitations carry organization_id and sit behind row-level security
 * (see migrations/0001_rls.sql).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ts } from './columns';

import type { BookingAccessMode, ContentLocale, DashboardArea, InvitationStatus, MemberRole } from '@/db/enums';

export { dashboardAreaKeys, invitationStatuses, memberRoles, type DashboardArea, type InvitationStatus, type MemberRole } from '@/db/enums';

export interface OrganizationContact {
  email?: string;
  phone?: string;
  website?: string;
  address?: {
    line1?: string;
    line2?: string;
    city?: string;
    region?: string;
    postalCode?: string;
    country?: string;
  };
}

export interface OrganizationSettings {
  /** Owners and admins without TOTP are sent to enrol (modules/organizations/two-factor-policy.ts). */
  requireTwoFactorForAdmins?: boolean;
  /** Free-form business facts shown on the public page (e.g. "Mobile service available"). */
  highlights?: string[];
  /** How long before its start a booking may be started (modules/bookings/state-machine.ts); default 30. */
  startLeadMinutes?: number;
  /**
   * A guest who moves a confirmed booking of a service that requires confirmation sends it back
   * to pending (the new time was never approved) unless this is true. Default false.
   */
  keepGuestReschedulesConfirmed?: boolean;
  /** Customers have vehicles on file (the customer page's Vehicles section); default false. */
  customerVehicles?: boolean;
  /**
   * Who may book on the organization's pages (modules/rules/access.ts): 'anyone' (guests too, the
   * default), 'members' (signed-in members only), or 'tiers' (members of `bookingTierIds` only).
   */
  bookingAccess?: BookingAccessMode;
  bookingTierIds?: string[];
  /** A request waiting for approval that nobody decides within this many hours is released; default 48. */
  approvalExpiryHours?: number;
  /** How long a waitlist hold (modules/waitlist) waits for the member to book it; default 60 minutes. */
  waitlistHoldMinutes?: number;
  /** The shop's checkout (modules/orders shop-settings.ts): tax, hold, shipping and pickup. */
  shop?: ShopSettings;
  /**
   * Public forms (guest booking, checkout, reviews) send a solved proof-of-work challenge
   * (src/api/middleware/public-challenge.ts); default false.
   */
  publicFormChallenge?: boolean;
  /**
   * Staff-side sessions (owner, admin, manager, staff) idle this many minutes are signed out
   * (modules/identity/session-idle.ts); null or unset: never.
   */
  staffIdleTimeoutMinutes?: number | null;
  /**
   * The dashboard's optional areas shown (shop, events, parties, loyalty); an area not set here is
   * shown when the organization uses it (modules/organizations/dashboard-areas.ts).
   */
  areas?: Partial<Record<DashboardArea, boolean>>;
}

export interface ShopSettings {
  /**
   * Tax on the discounted subtotal, in parts per million (8.625 % = 86250): basis points cannot
   * say 8.625 % or 8.875 %, which US sales taxes are.
   */
  taxRatePpm?: number;
  /** How long an online checkout holds its stock waiting for payment; default 15. */
  checkoutHoldMinutes?: number;
  shippingEnabled?: boolean;
  shippingFeeMinor?: number;
  /** Shipping is free from this discounted subtotal on; null: never free. */
  freeShippingOverMinor?: number | null;
  pickupEnabled?: boolean;
  pickupInstructions?: string;
}

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    industry: text('industry'),
    timezone: text('timezone').notNull(),
    currency: text('currency').notNull(),
    locale: text('locale').notNull().default('en'),
    contact: jsonb('contact').$type<OrganizationContact>().notNull().default({}),
    settings: jsonb('settings').$type<OrganizationSettings>().notNull().default({}),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('organizations_slug_format', sql`${t.slug} ~ '^[a-z0-9](-?[a-z0-9])*$' and length(${t.slug}) between 2 and 63`),
    check('organizations_currency_format', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('organizations_locale_format', sql`${t.locale} ~ '^[a-z]{2}(-[A-Z]{2})?$'`),
  ],
);

/** A tier's name and description in another content language (what is missing shows the base text). */
export interface MemberTierTranslation {
  name?: string;
  description?: string;
}

/**
 * Member tiers (e.g. Platinum, Gold, Silver): each member is in at most one (members.tier_id).
 * `rank` orders them, lower = higher priority (unique per organization), so booking rules and
 * waitlist priority can target and compare tiers. Names are unique per organization, ignoring case.
 */
export const memberTiers = pgTable(
  'member_tiers',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    translations: jsonb('translations').$type<Partial<Record<ContentLocale, MemberTierTranslation>>>().notNull().default({}),
    rank: integer('rank').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'member_tiers_pkey', columns: [t.organizationId, t.id] }),
    // The target of members' composite foreign key (a member's tier is of the member's organization).
    uniqueIndex('member_tiers_organization_rank_uq').on(t.organizationId, t.rank),
    uniqueIndex('member_tiers_organization_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    // Ranks are 1…1000; 0 is where a rank swap parks one tier inside its transaction (the unique
    // index is checked row by row), never seen outside it.
    check('member_tiers_rank_range', sql`${t.rank} between 0 and 1000`),
  ],
);

export const members = pgTable(
  'members',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<MemberRole>().notNull(),
    /** The member's tier (member_tiers), at most one; a tier that members hold cannot be deleted. */
    tierId: text('tier_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'members_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('members_organization_user_uq').on(t.organizationId, t.userId),
    // "Who holds this tier?" (deleting a tier counts them; rules will look members up by tier).
    index('members_organization_tier_idx').on(t.organizationId, t.tierId),
    foreignKey({ name: 'members_tier_fk', columns: [t.organizationId, t.tierId], foreignColumns: [memberTiers.organizationId, memberTiers.id] }),
    // "Which organizations is this user in?" (GET /me) starts from the user.
    index('members_user_idx').on(t.userId),
    check('members_role_valid', sql`${t.role} in ('owner', 'admin', 'manager', 'staff', 'member', 'viewer')`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    tokenHash: text('token_hash').notNull(),
    status: text('status').$type<InvitationStatus>().notNull().default('pending'),
    invitedByUserId: text('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'invitations_pkey', columns: [t.organizationId, t.id] }),
    index('invitations_organization_created_idx').on(t.organizationId, t.createdAt),
    unique('invitations_token_hash_unique').on(t.organizationId, t.tokenHash),
    /** An invitation link carries no organization: accepting looks its token up by hash alone. */
    index('invitations_token_hash_idx').on(t.tokenHash),
    // One open invitation per address per organization.
    uniqueIndex('invitations_pending_email_uq')
      .on(t.organizationId, sql`lower(${t.email})`)
      .where(sql`${t.status} = 'pending'`),
    check('invitations_role_valid', sql`${t.role} in ('admin', 'manager', 'staff', 'member', 'viewer')`),
    check('invitations_status_valid', sql`${t.status} in ('pending', 'accepted', 'revoked')`),
    check('invitations_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

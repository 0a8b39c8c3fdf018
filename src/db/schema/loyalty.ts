/**
 * Loyalty points (modules/loyalty): one program row per organization (rates, expiry, tier
 * thresholds), one account per customer, and an append-only ledger.
 *
 * Guarantees, in the database (custom SQL of the migration):
 * - the account's balance, lifetime earned and tier are written ONLY by the ledger's BEFORE
 *   INSERT trigger, in the same statement as the ledger row: `balance_after`/`tier_after` of a
 *   row are what the account holds after it;
 * - `CHECK (balance >= 0)`: a redeem (or any negative row) that would overdraw fails (23514);
 * - the ledger is append-only: the app role may only SELECT and INSERT it; an UPDATE trigger
 *   refuses any change but the trigger's own FIFO consumption of `remaining`;
 * - one earn / redeem / reverse row per source (unique index), so hooks are idempotent.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './bookings';
import { ts } from './columns';
import { organizations } from './organizations';

import type { LoyaltyEntryKind, LoyaltySourceType, LoyaltyTier } from '@/db/enums';

export { loyaltyEntryKinds, loyaltySourceTypes, loyaltyTiers, type LoyaltyEntryKind, type LoyaltySourceType, type LoyaltyTier } from '@/db/enums';

export const loyaltyPrograms = pgTable(
  'loyalty_programs',
  {
    organizationId: text('organization_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(false),
    /** `pointsPerUnit` points for every `earnUnitMinor` minor units paid (default 1 point per 1.00). */
    pointsPerUnit: integer('points_per_unit').notNull().default(1),
    earnUnitMinor: integer('earn_unit_minor').notNull().default(100),
    /** `redeemPoints` points take `redeemValueMinor` off (default 100 points = 1.00). */
    redeemPoints: integer('redeem_points').notNull().default(100),
    redeemValueMinor: integer('redeem_value_minor').notNull().default(100),
    minRedeemPoints: integer('min_redeem_points').notNull().default(100),
    /** Earned points expire this many months after they were earned; null: never. */
    expiryMonths: integer('expiry_months').default(12),
    /** Lifetime earned points from which a tier starts (bronze starts at 0). */
    silverMin: integer('silver_min').notNull().default(1000),
    goldMin: integer('gold_min').notNull().default(3000),
    platinumMin: integer('platinum_min').notNull().default(6000),
    earnOnBookings: boolean('earn_on_bookings').notNull().default(true),
    earnOnOrders: boolean('earn_on_orders').notNull().default(true),
    /** Points a ticket earns (for its order's email) when it is checked in at the event; 0: none. */
    pointsPerCheckIn: integer('points_per_check_in').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('loyalty_programs_rates_valid', sql`${t.pointsPerUnit} between 0 and 1000 and ${t.earnUnitMinor} between 1 and 100000000 and ${t.redeemPoints} between 1 and 1000000 and ${t.redeemValueMinor} between 1 and 100000000 and ${t.minRedeemPoints} >= 1`),
    check('loyalty_programs_check_in_valid', sql`${t.pointsPerCheckIn} between 0 and 1000000`),
    check('loyalty_programs_expiry_valid', sql`${t.expiryMonths} is null or ${t.expiryMonths} between 1 and 120`),
    check('loyalty_programs_thresholds_valid', sql`0 < ${t.silverMin} and ${t.silverMin} < ${t.goldMin} and ${t.goldMin} < ${t.platinumMin}`),
  ],
);

export const loyaltyAccounts = pgTable(
  'loyalty_accounts',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    /** Written by the ledger trigger only (an insert starts at zero whatever it says). */
    balance: integer('balance').notNull().default(0),
    lifetimeEarned: integer('lifetime_earned').notNull().default(0),
    tier: text('tier').$type<LoyaltyTier>().notNull().default('bronze'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'loyalty_accounts_pkey', columns: [t.organizationId, t.id] }),
    unique('loyalty_accounts_customer_uq').on(t.organizationId, t.customerId),
    foreignKey({ name: 'loyalty_accounts_customer_fk', columns: [t.organizationId, t.customerId], foreignColumns: [customers.organizationId, customers.id] }).onDelete('cascade'),
    check('loyalty_accounts_balance_nonnegative', sql`${t.balance} >= 0`),
    check('loyalty_accounts_lifetime_nonnegative', sql`${t.lifetimeEarned} >= 0`),
    check('loyalty_accounts_tier_valid', sql`${t.tier} in ('bronze', 'silver', 'gold', 'platinum')`),
  ],
);

export const loyaltyLedger = pgTable(
  'loyalty_ledger',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    delta: integer('delta').notNull(),
    kind: text('kind').$type<LoyaltyEntryKind>().notNull(),
    reason: text('reason').notNull().default(''),
    sourceType: text('source_type').$type<LoyaltySourceType>(),
    bookingId: text('booking_id'),
    orderId: text('order_id'),
    ticketRef: text('ticket_ref'),
    /** Set by the trigger: the account after this row. */
    balanceAfter: integer('balance_after').notNull().default(0),
    tierAfter: text('tier_after').$type<LoyaltyTier>().notNull().default('bronze'),
    /** Earn rows: when what is left of them expires (null: never). */
    expiresAt: ts('expires_at'),
    /** Positive rows: what is left of them; negative rows consume it oldest-expiry first (the trigger). */
    remaining: integer('remaining'),
    actorUserId: text('actor_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'loyalty_ledger_pkey', columns: [t.organizationId, t.id] }),
    index('loyalty_ledger_account_idx').on(t.organizationId, t.accountId, t.createdAt),
    index('loyalty_ledger_lots_idx').on(t.organizationId, t.accountId, t.expiresAt).where(sql`${t.remaining} > 0`),
    index('loyalty_ledger_expiry_idx').on(t.expiresAt).where(sql`${t.remaining} > 0 and ${t.expiresAt} is not null`),
    // One earn, one redeem, one give-back and one take-back per source: hooks are idempotent.
    uniqueIndex('loyalty_ledger_source_uq')
      .on(t.organizationId, t.sourceType, sql`coalesce(${t.bookingId}, ${t.orderId}, ${t.ticketRef})`, t.kind, sql`(${t.delta} > 0)`)
      .where(sql`${t.sourceType} is not null and ${t.kind} in ('earn', 'redeem', 'reverse')`),
    foreignKey({ name: 'loyalty_ledger_account_fk', columns: [t.organizationId, t.accountId], foreignColumns: [loyaltyAccounts.organizationId, loyaltyAccounts.id] }).onDelete('cascade'),
    check('loyalty_ledger_delta_nonzero', sql`${t.delta} <> 0`),
    check('loyalty_ledger_kind_valid', sql`${t.kind} in ('earn', 'redeem', 'expire', 'adjust', 'reverse', 'merge_out', 'merge_in')`),
    check('loyalty_ledger_kind_sign', sql`(${t.kind} not in ('earn', 'merge_in') or ${t.delta} > 0) and (${t.kind} not in ('redeem', 'expire', 'merge_out') or ${t.delta} < 0)`),
    check(
      'loyalty_ledger_source_valid',
      sql`(${t.sourceType} is null and ${t.bookingId} is null and ${t.orderId} is null and ${t.ticketRef} is null) or (${t.sourceType} = 'booking' and ${t.bookingId} is not null) or (${t.sourceType} = 'order' and ${t.orderId} is not null) or (${t.sourceType} = 'ticket' and ${t.ticketRef} is not null)`,
    ),
    check('loyalty_ledger_adjust_reason', sql`${t.kind} <> 'adjust' or length(${t.reason}) > 0`),
    check('loyalty_ledger_remaining_valid', sql`${t.remaining} is null or (${t.remaining} >= 0 and ${t.remaining} <= ${t.delta})`),
  ],
);

/**
 * Customers (CRM) and bookings. The guarantee against double booking is in the database:
 * an exclusion constraint over (resource, blocked range incl. buffers) for active exclusive
 * bookings (migration 0003), taken after pg_advisory_xact_lock on the resource.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { resources, services } from './catalog';
import { organizations } from './organizations';
import type { CancellationStep } from './packages';

/** tstzrange as "[start,end)"; written and read through SQL, never parsed in JS. */
const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

import type { bookingSources, BookingStatus } from '@/db/enums';

export { activeBookingStatuses, bookingSources, bookingStatuses, type BookingStatus } from '@/db/enums';

/** A booking's answer to one custom field: text, a number, a tick, or an address. */
export type FieldAnswer = string | number | boolean | { street: string; city: string; postalCode: string };

export interface CustomerAddress {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface Vehicle {
  type?: string;
  make?: string;
  model?: string;
  year?: number;
  color?: string;
  plate?: string;
}

export const customers = pgTable(
  'customers',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    address: jsonb('address').$type<CustomerAddress>().notNull().default({}),
    vehicles: jsonb('vehicles').$type<Vehicle[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    totalBookings: integer('total_bookings').notNull().default(0),
    lastBookingAt: ts('last_booking_at'),
    /**
     * Set when merged into another customer; merged rows keep history but leave lists, and
     * keep their email in the unique index below: they are the survivor's aliases, so a later
     * booking with a merged-away email finds the survivor (modules/customers/upsert-customer.ts).
     */
    mergedIntoId: text('merged_into_id'),
    /**
     * A merged row whose email another customer took before merged emails became aliases
     * (migration 0006): it left the email index, and answers for no email any more.
     */
    emailRetired: boolean('email_retired').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'customers_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('customers_organization_email_uq').on(t.organizationId, sql`lower(${t.email})`).where(sql`not ${t.emailRetired}`),
    index('customers_organization_name_idx').on(t.organizationId, t.name),
    foreignKey({ columns: [t.organizationId, t.mergedIntoId], foreignColumns: [t.organizationId, t.id], name: 'customers_merged_into_fk' }),
    check('customers_total_bookings_nonnegative', sql`${t.totalBookings} >= 0`),
  ],
);

/**
 * A recurring reservation (RFC 5545 rule): its occurrences are ordinary bookings carrying
 * `series_id`. The rule expands on the local wall clock (`start_date` + `start_time` in `zone`),
 * so a weekly 09:00 stays 09:00 local across DST (modules/bookings/series-expansion.ts).
 * `customer_id` is set once the first occurrence has upserted the customer (same transaction).
 */
export const bookingSeries = pgTable(
  'booking_series',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The RRULE line without DTSTART, e.g. "RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=6". */
    rrule: text('rrule').notNull(),
    startDate: text('start_date').notNull(),
    startTime: text('start_time').notNull(),
    zone: text('zone').notNull(),
    /** A stay's check-out: days after each occurrence's date, at this local time (null: the service's duration). */
    endDayOffset: integer('end_day_offset'),
    endTime: text('end_time'),
    serviceId: text('service_id').notNull(),
    resourceId: text('resource_id').notNull(),
    customerId: text('customer_id'),
    customerEmail: text('customer_email').notNull(),
    createdByUserId: text('created_by_user_id'),
    mode: text('mode').$type<'all_or_nothing' | 'skip_conflicts'>().notNull(),
    idempotencyKey: text('idempotency_key'),
    idempotencyFingerprint: text('idempotency_fingerprint'),
    cancelledAt: ts('cancelled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'booking_series_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('booking_series_idempotency_uq').on(t.organizationId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    index('booking_series_organization_created_idx').on(t.organizationId, t.createdAt),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id], name: 'booking_series_service_fk' }),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id], name: 'booking_series_resource_fk' }),
    foreignKey({ columns: [t.organizationId, t.customerId], foreignColumns: [customers.organizationId, customers.id], name: 'booking_series_customer_fk' }),
    check('booking_series_mode_valid', sql`${t.mode} in ('all_or_nothing', 'skip_conflicts')`),
    check('booking_series_end_pair', sql`(${t.endDayOffset} is null) = (${t.endTime} is null)`),
  ],
);

export const bookings = pgTable(
  'bookings',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    resourceId: text('resource_id').notNull(),
    customerId: text('customer_id').notNull(),
    status: text('status').$type<BookingStatus>().notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** [starts_at − buffer before, ends_at + buffer after): what the resource is blocked for. */
    blockedRange: tstzrange('blocked_range').notNull(),
    /** Capacity-1 services hold the resource exclusively; group services share it by seats. */
    exclusive: boolean('exclusive').notNull(),
    seats: integer('seats').notNull().default(1),
    priceMinor: integer('price_minor').notNull().default(0),
    currency: text('currency').notNull(),
    fieldValues: jsonb('field_values').$type<Record<string, FieldAnswer>>().notNull().default({}),
    message: text('message').notNull().default(''),
    internalNotes: text('internal_notes').notNull().default(''),
    source: text('source').$type<(typeof bookingSources)[number]>().notNull(),
    idempotencyKey: text('idempotency_key'),
    idempotencyFingerprint: text('idempotency_fingerprint'),
    createdByUserId: text('created_by_user_id'),
    /** The recurring series this booking is an occurrence of (booking_series), if any. */
    seriesId: text('series_id'),
    cancellationReason: text('cancellation_reason'),
    /**
     * A party package's guests (service_packages); null for other bookings. `price_minor` is the
     * booking's whole total (base, extra guests, add-ons): there is no separate total column.
     */
    children: integer('children'),
    adults: integer('adults'),
    /** A package's deposit and balance (deposit + balance = price_minor); null when nothing is split. */
    depositMinor: integer('deposit_minor'),
    balanceMinor: integer('balance_minor'),
    /** The order that takes the deposit (orders.purpose = 'deposit'); FK in migration custom SQL (orders → bookings would be a cycle here). */
    depositOrderId: text('deposit_order_id'),
    depositPaidAt: ts('deposit_paid_at'),
    balancePaidAt: ts('balance_paid_at'),
    /** What cancelling refunded by the package's policy (minor units). */
    refundMinor: integer('refund_minor'),
    /**
     * The package's cancellation policy as it was when booked (copied, like the add-ons' prices):
     * a cancel refunds by these steps even after the venue changes its policy. Null: no package.
     */
    cancellationPolicy: jsonb('cancellation_policy').$type<CancellationStep[]>(),
    /** The start time the guest's reminder was queued for: set once under the row lock by the
     * reminder job (notifications/reminders.ts), so a reminder goes out at most once per start. */
    reminderSentFor: ts('reminder_sent_for'),
    confirmedAt: ts('confirmed_at'),
    startedAt: ts('started_at'),
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'bookings_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('bookings_idempotency_uq').on(t.organizationId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    index('bookings_organization_starts_idx').on(t.organizationId, t.startsAt),
    index('bookings_organization_resource_starts_idx').on(t.organizationId, t.resourceId, t.startsAt),
    index('bookings_organization_customer_idx').on(t.organizationId, t.customerId, t.startsAt),
    index('bookings_organization_status_idx').on(t.organizationId, t.status, t.startsAt),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id], name: 'bookings_service_fk' }),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id], name: 'bookings_resource_fk' }),
    foreignKey({ columns: [t.organizationId, t.customerId], foreignColumns: [customers.organizationId, customers.id], name: 'bookings_customer_fk' }),
    foreignKey({ columns: [t.organizationId, t.seriesId], foreignColumns: [bookingSeries.organizationId, bookingSeries.id], name: 'bookings_series_fk' }),
    index('bookings_organization_series_idx').on(t.organizationId, t.seriesId, t.startsAt).where(sql`${t.seriesId} is not null`),
    check('bookings_status_valid', sql`${t.status} in ('pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'rejected', 'no_show', 'held')`),
    check('bookings_source_valid', sql`${t.source} in ('public', 'staff', 'member')`),
    check('bookings_range_valid', sql`${t.endsAt} > ${t.startsAt}`),
    check('bookings_blocked_covers', sql`${t.blockedRange} @> tstzrange(${t.startsAt}, ${t.endsAt}, '[)')`),
    check('bookings_seats_positive', sql`${t.seats} >= 1`),
    check('bookings_guests_valid', sql`(${t.children} is null or ${t.children} >= 0) and (${t.adults} is null or ${t.adults} >= 0)`),
    check(
      'bookings_deposit_valid',
      sql`(${t.depositMinor} is null and ${t.balanceMinor} is null) or (${t.depositMinor} >= 0 and ${t.balanceMinor} >= 0 and ${t.depositMinor} + ${t.balanceMinor} = ${t.priceMinor})`,
    ),
    check('bookings_refund_valid', sql`${t.refundMinor} is null or (${t.refundMinor} >= 0 and ${t.refundMinor} <= ${t.priceMinor})`),
    uniqueIndex('bookings_deposit_order_uq').on(t.organizationId, t.depositOrderId).where(sql`${t.depositOrderId} is not null`),
  ],
);

export const bookingEvents = pgTable(
  'booking_events',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    bookingId: text('booking_id').notNull(),
    action: text('action').notNull(), // created, confirmed, started, completed, cancelled, rejected, no_show, rescheduled
    fromStatus: text('from_status').$type<BookingStatus | null>(),
    toStatus: text('to_status').$type<BookingStatus>().notNull(),
    actorType: text('actor_type').$type<'user' | 'guest' | 'system'>().notNull(),
    actorUserId: text('actor_user_id'),
    reason: text('reason'),
    changes: jsonb('changes').$type<Record<string, unknown> | null>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'booking_events_pkey', columns: [t.organizationId, t.id] }),
    index('booking_events_organization_booking_idx').on(t.organizationId, t.bookingId, t.createdAt),
    foreignKey({ columns: [t.organizationId, t.bookingId], foreignColumns: [bookings.organizationId, bookings.id], name: 'booking_events_booking_fk' }).onDelete('cascade'),
  ],
);

/**
 * The secrets of bookings' manage links (modules/bookings/manage-token.ts): random, stored as a
 * SHA-256 for lookup and AES-GCM-encrypted under a key derived from the server secret, so an
 * idempotent replay and the outbox can hand out the same link again. One current token per
 * booking; a rotated one stays (without its ciphertext) so its link answers "expired" rather
 * than "not found". Never exported (modules/backup): an import issues fresh ones.
 */
export const bookingManageTokens = pgTable(
  'booking_manage_tokens',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    bookingId: text('booking_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Null once replaced, and for links issued before tokens were random (migration 0006). */
    tokenCiphertext: text('token_ciphertext'),
    replacedAt: ts('replaced_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'booking_manage_tokens_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('booking_manage_tokens_hash_uq').on(t.organizationId, t.tokenHash),
    /** The manage link carries no organization: the page looks its token up by hash alone. */
    index('booking_manage_tokens_hash_idx').on(t.tokenHash),
    uniqueIndex('booking_manage_tokens_current_uq').on(t.organizationId, t.bookingId).where(sql`${t.replacedAt} is null`),
    index('booking_manage_tokens_organization_booking_idx').on(t.organizationId, t.bookingId),
    foreignKey({ columns: [t.organizationId, t.bookingId], foreignColumns: [bookings.organizationId, bookings.id], name: 'booking_manage_tokens_booking_fk' }).onDelete('cascade'),
  ],
);

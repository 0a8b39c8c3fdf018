/**
 * The waitlist (modules/waitlist): a member queues for a taken asset and range; when the range
 * frees, the first eligible entry (tier rank, then time of joining) is offered a hold — a real
 * booking with status `held`, covered by the exclusion constraint — until `hold_expires_at`.
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { WaitlistStatus } from '@/db/enums';
import { ts } from './columns';
import { bookings, customers } from './bookings';
import { resources, services } from './catalog';
import { members, organizations } from './organizations';
import { users } from './auth';

export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    resourceId: text('resource_id').notNull(),
    /** The member waiting (their tier orders the queue) and their account (their name and email book it). */
    memberId: text('member_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The customer record the hold was booked for (set when offered). */
    customerId: text('customer_id'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    seats: integer('seats').notNull().default(1),
    status: text('status').$type<WaitlistStatus>().notNull().default('waiting'),
    /** The held booking while offered; the booking it became once booked. */
    offeredBookingId: text('offered_booking_id'),
    holdExpiresAt: ts('hold_expires_at'),
    offeredAt: ts('offered_at'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'waitlist_entries_pkey', columns: [t.organizationId, t.id] }),
    index('waitlist_entries_queue_idx').on(t.organizationId, t.resourceId, t.status, t.createdAt),
    index('waitlist_entries_member_idx').on(t.organizationId, t.memberId, t.createdAt),
    index('waitlist_entries_hold_expiry_idx').on(t.holdExpiresAt).where(sql`${t.status} = 'offered'`),
    // A member queues once per asset and range while their entry is open.
    uniqueIndex('waitlist_entries_open_uq')
      .on(t.organizationId, t.memberId, t.resourceId, t.startsAt, t.endsAt)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    foreignKey({ name: 'waitlist_entries_member_fk', columns: [t.organizationId, t.memberId], foreignColumns: [members.organizationId, members.id] }).onDelete('cascade'),
    foreignKey({ name: 'waitlist_entries_service_fk', columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id] }).onDelete('cascade'),
    foreignKey({ name: 'waitlist_entries_resource_fk', columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id] }).onDelete('cascade'),
    foreignKey({ name: 'waitlist_entries_customer_fk', columns: [t.organizationId, t.customerId], foreignColumns: [customers.organizationId, customers.id] }),
    foreignKey({ name: 'waitlist_entries_booking_fk', columns: [t.organizationId, t.offeredBookingId], foreignColumns: [bookings.organizationId, bookings.id] }),
    check('waitlist_entries_status_valid', sql`${t.status} in ('waiting', 'offered', 'booked', 'expired', 'left')`),
    check('waitlist_entries_range_valid', sql`${t.endsAt} > ${t.startsAt}`),
    check('waitlist_entries_seats_positive', sql`${t.seats} >= 1`),
    check('waitlist_entries_offer_valid', sql`(${t.status} = 'offered') = (${t.holdExpiresAt} is not null and ${t.offeredBookingId} is not null)`),
  ],
);

/**
 * Booking-funnel analytics: counts only. One row per (organization, service, the
 * organization's local day, step) with how many times the step happened that day. No visitor,
 * address, session or booking is named anywhere; app instances add their in-memory counts with
 * one upsert every few seconds (modules/analytics).
 */
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { services } from './catalog';
import { organizations } from './organizations';
import type { FunnelStep } from '@/db/enums';

export { funnelSteps, type FunnelStep } from '@/db/enums';

export const bookingFunnelDaily = pgTable(
  'booking_funnel_daily',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    /** The organization's local day (its time zone when the step happened). */
    day: date('day', { mode: 'string' }).notNull(),
    step: text('step').$type<FunnelStep>().notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ name: 'booking_funnel_daily_pk', columns: [t.organizationId, t.serviceId, t.day, t.step] }),
    foreignKey({ name: 'booking_funnel_daily_service_fk', columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id] }).onDelete('cascade'),
    check('booking_funnel_daily_step_valid', sql`${t.step} in ('service_viewed', 'time_chosen', 'details_submitted', 'booked', 'conflict', 'rule', 'invalid')`),
    check('booking_funnel_daily_count_positive', sql`${t.count} >= 0`),
  ],
);

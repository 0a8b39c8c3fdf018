/**
 * Catalog and resources: what can be booked (services) and who or what performs or hosts it
 * (resources: staff, assets, rooms, spaces — one model). service_resources says which
 * resources can perform which service. Composite foreign keys keep links inside one tenant.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ts } from './columns';
import { organizations } from './organizations';

import { type bookingModes, type ContentLocale, type customFieldTypes, type resourceKinds, type serviceCategories } from '@/db/enums';

export { bookingModes, customFieldTypes, resourceKinds, serviceCategories } from '@/db/enums';

export interface CustomField {
  key: string;
  label: string;
  type: (typeof customFieldTypes)[number];
  required: boolean;
  options?: string[];
  maxLength?: number;
  /** Number fields: bounds and whether only whole numbers are accepted. */
  min?: number;
  max?: number;
  integer?: boolean;
  helpText?: string;
}

export interface ProcessStep {
  title: string;
  description?: string;
}

/** One question's text in another language; `options` are labels for the base options, by position. */
export interface CustomFieldTranslation {
  label?: string;
  helpText?: string;
  options?: string[];
}

/**
 * A service's text in a language other than the organization's. Every field is optional: what
 * is missing falls back to the base value (modules/catalog localize.ts).
 */
export interface ServiceTranslation {
  name?: string;
  title?: string;
  description?: string;
  features?: string[];
  benefits?: string[];
  processSteps?: ProcessStep[];
  /** By the question's key. */
  customFields?: Record<string, CustomFieldTranslation>;
}

export interface ResourceTranslation {
  name?: string;
  description?: string;
}

export type Translations<T> = Partial<Record<ContentLocale, T>>;

export interface MultiDaySettings {
  checkInTime: string; // "15:00"
  checkOutTime: string; // "11:00"
  minNights: number;
  maxNights: number;
}

export const services = pgTable(
  'services',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    category: text('category').$type<(typeof serviceCategories)[number]>().notNull().default('primary'),
    title: text('title'),
    description: text('description').notNull().default(''),
    features: jsonb('features').$type<string[]>().notNull().default([]),
    benefits: jsonb('benefits').$type<string[]>().notNull().default([]),
    processSteps: jsonb('process_steps').$type<ProcessStep[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    bookingMode: text('booking_mode').$type<(typeof bookingModes)[number]>().notNull().default('slot'),
    durationMinutes: integer('duration_minutes').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    slotIntervalMinutes: integer('slot_interval_minutes').notNull().default(30),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(60),
    maxAdvanceDays: integer('max_advance_days').notNull().default(60),
    cancellationNoticeMinutes: integer('cancellation_notice_minutes').notNull().default(1440),
    /** Hours before the start the guest's reminder email goes out; 0 sends none. */
    reminderHours: integer('reminder_hours').notNull().default(24),
    priceMinor: integer('price_minor').notNull().default(0),
    currency: text('currency').notNull(),
    priceFrom: boolean('price_from').notNull().default(false),
    capacity: integer('capacity').notNull().default(1),
    requiresConfirmation: boolean('requires_confirmation').notNull().default(false),
    customFields: jsonb('custom_fields').$type<CustomField[]>().notNull().default([]),
    translations: jsonb('translations').$type<Translations<ServiceTranslation>>().notNull().default({}),
    /** Approved reviews (modules/reviews keeps them in the moderation's transaction): count and sum of ratings. */
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'services_pkey', columns: [t.organizationId, t.id] }),
    unique('services_organization_slug_uq').on(t.organizationId, t.slug),
    index('services_organization_active_idx').on(t.organizationId, t.active, t.sortOrder),
    check('services_category_valid', sql`${t.category} in ('primary', 'additional')`),
    check('services_booking_mode_valid', sql`${t.bookingMode} in ('slot', 'multi_day')`),
    check('services_duration_positive', sql`${t.durationMinutes} > 0 and ${t.durationMinutes} <= 525600`),
    check('services_buffers_valid', sql`${t.bufferBeforeMinutes} >= 0 and ${t.bufferAfterMinutes} >= 0`),
    check('services_interval_positive', sql`${t.slotIntervalMinutes} > 0`),
    check('services_notice_valid', sql`${t.minNoticeMinutes} >= 0 and ${t.maxAdvanceDays} > 0 and ${t.cancellationNoticeMinutes} >= 0`),
    check('services_reminder_hours_valid', sql`${t.reminderHours} >= 0 and ${t.reminderHours} <= 336`),
    check('services_price_valid', sql`${t.priceMinor} >= 0 and ${t.currency} ~ '^[A-Z]{3}$'`),
    check('services_capacity_positive', sql`${t.capacity} >= 1`),
    check('services_rating_valid', sql`${t.ratingCount} >= 0 and ${t.ratingSum} >= ${t.ratingCount} and ${t.ratingSum} <= 5 * ${t.ratingCount}`),
  ],
);

export const resources = pgTable(
  'resources',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<(typeof resourceKinds)[number]>().notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    section: text('section'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    capacity: integer('capacity').notNull().default(1),
    /** Null = the organization's zone. */
    timezone: text('timezone'),
    active: boolean('active').notNull().default(true),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    multiDay: jsonb('multi_day').$type<MultiDaySettings | null>(),
    sortOrder: integer('sort_order').notNull().default(0),
    translations: jsonb('translations').$type<Translations<ResourceTranslation>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'resources_pkey', columns: [t.organizationId, t.id] }),
    index('resources_organization_kind_idx').on(t.organizationId, t.kind, t.sortOrder),
    check('resources_kind_valid', sql`${t.kind} in ('staff', 'asset', 'room', 'space')`),
    check('resources_capacity_positive', sql`${t.capacity} >= 1`),
  ],
);

export const serviceResources = pgTable(
  'service_resources',
  {
    organizationId: text('organization_id').notNull(),
    serviceId: text('service_id').notNull(),
    resourceId: text('resource_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.serviceId, t.resourceId] }),
    index('service_resources_organization_resource_idx').on(t.organizationId, t.resourceId),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id], name: 'service_resources_service_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id], name: 'service_resources_resource_fk' }).onDelete('cascade'),
  ],
);

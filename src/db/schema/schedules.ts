/**
 * Schedules as wall-clock times in an IANA zone: weekly working hours (several ranges per
 * day, so lunch breaks are gaps), date overrides (closed day, special hours) and blackout
 * ranges. resource_id null = the organization's business hours / an org-wide closure.
 */
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, jsonb, pgTable, primaryKey, smallint, text, time, uniqueIndex } from 'drizzle-orm/pg-core';
import type { BlackoutKind } from '@/db/enums';
import { ts } from './columns';
import { resources, type Translations } from './catalog';
import { organizations } from './organizations';

export interface LocalTimeRange {
  start: string; // "09:00"
  end: string; // "13:00" ("24:00" allowed)
}

export const workingHours = pgTable(
  'working_hours',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resourceId: text('resource_id'),
    weekday: smallint('weekday').notNull(), // ISO: Monday = 1 … Sunday = 7
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(), // 24:00:00 allowed
  },
  (t) => [
    primaryKey({ name: 'working_hours_pkey', columns: [t.organizationId, t.id] }),
    index('working_hours_organization_resource_idx').on(t.organizationId, t.resourceId, t.weekday),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id], name: 'working_hours_resource_fk' }).onDelete('cascade'),
    check('working_hours_weekday_valid', sql`${t.weekday} between 1 and 7`),
    check('working_hours_range_valid', sql`${t.endTime} > ${t.startTime}`),
  ],
);

export const dateOverrides = pgTable(
  'date_overrides',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resourceId: text('resource_id'),
    date: date('date', { mode: 'string' }).notNull(),
    /** [] = closed all day; otherwise these ranges replace the weekly hours of that date. */
    ranges: jsonb('ranges').$type<LocalTimeRange[]>().notNull().default([]),
    reason: text('reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'date_overrides_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('date_overrides_resource_date_uq').on(t.organizationId, t.resourceId, t.date).where(sql`${t.resourceId} is not null`),
    uniqueIndex('date_overrides_org_date_uq').on(t.organizationId, t.date).where(sql`${t.resourceId} is null`),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id], name: 'date_overrides_resource_fk' }).onDelete('cascade'),
  ],
);

export interface BlackoutTranslation {
  reason?: string;
}

export const blackouts = pgTable(
  'blackouts',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resourceId: text('resource_id'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** Why it is blocked: closure, maintenance (an asset's maintenance window), event, other. */
    kind: text('kind').$type<BlackoutKind>().notNull().default('closure'),
    reason: text('reason'),
    /** The reason in other languages (the base `reason` is in the organization's). */
    translations: jsonb('translations').$type<Translations<BlackoutTranslation>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'blackouts_pkey', columns: [t.organizationId, t.id] }),
    index('blackouts_organization_range_idx').on(t.organizationId, t.startsAt, t.endsAt),
    foreignKey({ columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id], name: 'blackouts_resource_fk' }).onDelete('cascade'),
    check('blackouts_range_valid', sql`${t.endsAt} > ${t.startsAt}`),
    check('blackouts_kind_valid', sql`${t.kind} in ('closure', 'maintenance', 'event', 'other')`),
  ],
);

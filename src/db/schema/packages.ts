/**
 * Add-ons and party packages (docs/decisions/0018-add-ons-and-party-packages.md).
 *
 * - service_addons: optional extras of one service (a cake, decorations, an extra hour). Each
 *   adds a price (per booking or per guest) and may add minutes to the booking's duration;
 *   the availability engine then searches slots of the longer duration, and the exclusion
 *   constraint covers the longer range.
 * - booking_addons: what a booking took, with name and price copied at the time of booking.
 * - service_packages: 1:1 with a service that is sold as a package (a party): guests included
 *   in the base price, extra guests' prices, guest bounds, the deposit and the cancellation
 *   policy. A service without a row is an ordinary service.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { bookings } from './bookings';
import { services, type Translations } from './catalog';
import { stockItems } from './commerce';
import { organizations } from './organizations';

export const addonPricings = ['per_booking', 'per_guest'] as const;
export type AddonPricing = (typeof addonPricings)[number];
export const depositTypes = ['fixed', 'percent'] as const;
export type DepositType = (typeof depositTypes)[number];
/** A booking line's hold on its add-on's stock item: held while the booking is active, then consumed (completed, no-show) or returned. */
export const addonStockStates = ['held', 'consumed', 'returned'] as const;
export type AddonStockState = (typeof addonStockStates)[number];

export interface AddonTranslation {
  name?: string;
  description?: string;
}

/** One step of a cancellation policy: cancelling at least `minNoticeHours` before the start refunds `refundPercent` of what was paid. */
export interface CancellationStep {
  minNoticeHours: number;
  refundPercent: number;
}

export const serviceAddons = pgTable(
  'service_addons',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    translations: jsonb('translations').$type<Translations<AddonTranslation>>().notNull().default({}),
    priceMinor: integer('price_minor').notNull().default(0),
    pricing: text('pricing').$type<AddonPricing>().notNull().default('per_booking'),
    extraMinutes: integer('extra_minutes').notNull().default(0),
    maxQuantity: integer('max_quantity').notNull().default(1),
    /** The stock item each unit draws on (a cake from the kitchen's count); null: unlimited. */
    stockItemId: text('stock_item_id'),
    /** Units of the stock item one unit of the add-on takes (per guest too, for a per-guest add-on). */
    units: integer('units').notNull().default(1),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'service_addons_pkey', columns: [t.organizationId, t.id] }),
    index('service_addons_service_idx').on(t.organizationId, t.serviceId, t.position),
    index('service_addons_stock_item_idx').on(t.organizationId, t.stockItemId),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id], name: 'service_addons_service_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.organizationId, t.stockItemId], foreignColumns: [stockItems.organizationId, stockItems.id], name: 'service_addons_stock_item_fk' }),
    check('service_addons_pricing_valid', sql`${t.pricing} in ('per_booking', 'per_guest')`),
    check('service_addons_amounts_valid', sql`${t.priceMinor} >= 0 and ${t.extraMinutes} >= 0 and ${t.extraMinutes} <= 1440 and ${t.maxQuantity} between 1 and 100`),
    check('service_addons_units_valid', sql`${t.units} between 1 and 1000`),
  ],
);

export const servicePackages = pgTable(
  'service_packages',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    includedChildren: integer('included_children').notNull().default(0),
    includedAdults: integer('included_adults').notNull().default(0),
    extraChildMinor: integer('extra_child_minor').notNull().default(0),
    extraAdultMinor: integer('extra_adult_minor').notNull().default(0),
    /** Bounds on children + adults. */
    minGuests: integer('min_guests').notNull().default(1),
    maxGuests: integer('max_guests').notNull(),
    depositType: text('deposit_type').$type<DepositType>().notNull(),
    /** fixed: minor units (capped at the total); percent: 0..100. */
    depositValue: integer('deposit_value').notNull(),
    /** The balance is due this many days before the party. */
    balanceDueDays: integer('balance_due_days').notNull().default(0),
    /** Sorted by minNoticeHours descending; notice below every step refunds nothing. */
    cancellationPolicy: jsonb('cancellation_policy').$type<CancellationStep[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.serviceId], name: 'service_packages_pk' }),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id], name: 'service_packages_service_fk' }).onDelete('cascade'),
    check('service_packages_guests_valid', sql`${t.includedChildren} >= 0 and ${t.includedAdults} >= 0 and ${t.minGuests} >= 1 and ${t.minGuests} <= ${t.maxGuests} and ${t.maxGuests} <= 1000`),
    check('service_packages_prices_valid', sql`${t.extraChildMinor} >= 0 and ${t.extraAdultMinor} >= 0`),
    check('service_packages_deposit_valid', sql`${t.depositType} in ('fixed', 'percent') and ${t.depositValue} >= 0 and (${t.depositType} <> 'percent' or ${t.depositValue} <= 100)`),
    check('service_packages_balance_due_valid', sql`${t.balanceDueDays} >= 0 and ${t.balanceDueDays} <= 365`),
    check('service_packages_policy_array', sql`jsonb_typeof(${t.cancellationPolicy}) = 'array'`),
  ],
);

export const bookingAddons = pgTable(
  'booking_addons',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    bookingId: text('booking_id').notNull(),
    /** The add-on it was; null once the add-on is deleted (the copy below stays). */
    addonId: text('addon_id'),
    name: text('name').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    pricing: text('pricing').$type<AddonPricing>().notNull(),
    quantity: integer('quantity').notNull(),
    /** Minutes this line added to the booking (the add-on's extra minutes × quantity). */
    extraMinutes: integer('extra_minutes').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    position: integer('position').notNull().default(0),
    /** The stock item this line holds units of (copied from the add-on when booked); null: none. */
    stockItemId: text('stock_item_id'),
    /** Units held: the add-on's units × quantity (× guests for a per-guest add-on). */
    stockUnits: integer('stock_units').notNull().default(0),
    /** held while the booking is active; returned (cancelled, rejected, released) or consumed (completed, no-show) exactly once. */
    stockState: text('stock_state').$type<AddonStockState>(),
  },
  (t) => [
    primaryKey({ name: 'booking_addons_pkey', columns: [t.organizationId, t.id] }),
    index('booking_addons_booking_idx').on(t.organizationId, t.bookingId, t.position),
    foreignKey({ columns: [t.organizationId, t.bookingId], foreignColumns: [bookings.organizationId, bookings.id], name: 'booking_addons_booking_fk' }).onDelete('cascade'),
    check('booking_addons_pricing_valid', sql`${t.pricing} in ('per_booking', 'per_guest')`),
    check('booking_addons_amounts_valid', sql`${t.quantity} >= 1 and ${t.unitPriceMinor} >= 0 and ${t.extraMinutes} >= 0 and ${t.totalMinor} >= 0`),
    foreignKey({ columns: [t.organizationId, t.stockItemId], foreignColumns: [stockItems.organizationId, stockItems.id], name: 'booking_addons_stock_item_fk' }),
    index('booking_addons_stock_item_idx').on(t.organizationId, t.stockItemId).where(sql`${t.stockState} = 'held'`),
    // A line with a stock item has a state and units; a line without one has neither.
    check(
      'booking_addons_stock_valid',
      sql`(${t.stockItemId} is null and ${t.stockState} is null and ${t.stockUnits} = 0) or (${t.stockItemId} is not null and ${t.stockState} in ('held', 'consumed', 'returned') and ${t.stockUnits} >= 1)`,
    ),
  ],
);

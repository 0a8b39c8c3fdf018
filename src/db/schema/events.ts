/**
 * Events and their tickets (modules/events). Tickets ARE commerce (decision 0016): each event
 * owns one hidden ticket product (products.kind = 'ticket'); its variants are the ticket types;
 * every variant draws a unit from its own stock item (the per-type limit) and one from the
 * event's capacity stock item (product_variants.pool_stock_item_id). The capacity guarantee is
 * therefore the stock guarantee: CHECK on_hand - reserved >= 0 on both, one conditional UPDATE
 * per stock item in id order at checkout.
 *
 * A ticket row admits one person; it is issued when its order becomes paid and voided when the
 * order is cancelled or refunded. Its code is random, stored hashed (lookup) and sealed (so the
 * order's status page and email can show it again). Check-in is one conditional UPDATE …
 * WHERE checked_in_at IS NULL: of two scanners, exactly one admits.
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import type { EventStatus, EventWaitlistStatus, TicketStatus } from '@/db/enums';
import { users } from './auth';
import type { Translations } from './catalog';
import { resources } from './catalog';
import { ts } from './columns';
import { productVariants, products, stockItems } from './commerce';
import { orderLines, orders } from './orders';
import { organizations } from './organizations';

export { eventStatuses, eventWaitlistStatuses, ticketStatuses, type EventWaitlistStatus, productKinds, type EventStatus, type TicketStatus, type ProductKind } from '@/db/enums';

export interface EventTranslation {
  title?: string;
  description?: string;
  ageNotes?: string;
}

export const events = pgTable(
  'events',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    translations: jsonb('translations').$type<Translations<EventTranslation>>().notNull().default({}),
    /** https URLs; the first is the event's picture. */
    images: text('images').array().notNull().default(sql`'{}'::text[]`),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** The IANA zone the event's times are shown in (the organization's by default). */
    timezone: text('timezone').notNull(),
    /** The venue space (a resource), if any. */
    resourceId: text('resource_id'),
    capacity: integer('capacity').notNull(),
    /** How long a waitlist offer holds its seats for the visitor to pay (modules/event-waitlist). */
    waitlistHoldMinutes: integer('waitlist_hold_minutes').notNull().default(120),
    salesStartAt: ts('sales_start_at'),
    salesEndAt: ts('sales_end_at'),
    ageNotes: text('age_notes').notNull().default(''),
    status: text('status').$type<EventStatus>().notNull().default('draft'),
    /** The hidden ticket product (kind 'ticket'): its variants are the ticket types. */
    productId: text('product_id').notNull(),
    /** The event's capacity: a stock item whose on_hand is the capacity, the pool every ticket type draws from. */
    capacityStockItemId: text('capacity_stock_item_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'events_pkey', columns: [t.organizationId, t.id] }),
    unique('events_organization_slug_uq').on(t.organizationId, t.slug),
    unique('events_product_uq').on(t.organizationId, t.productId),
    // Each event owns its capacity item; the stock functions find an item's event by it (seats-changed.ts).
    unique('events_capacity_stock_uq').on(t.organizationId, t.capacityStockItemId),
    index('events_listing_idx').on(t.organizationId, t.status, t.startsAt),
    foreignKey({ name: 'events_resource_fk', columns: [t.organizationId, t.resourceId], foreignColumns: [resources.organizationId, resources.id] }),
    foreignKey({ name: 'events_product_fk', columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }),
    foreignKey({ name: 'events_capacity_stock_fk', columns: [t.organizationId, t.capacityStockItemId], foreignColumns: [stockItems.organizationId, stockItems.id] }),
    check('events_status_valid', sql`${t.status} in ('draft', 'published', 'cancelled')`),
    check('events_capacity_positive', sql`${t.capacity} > 0`),
    check('events_waitlist_hold_valid', sql`${t.waitlistHoldMinutes} between 5 and 10080`),
    check('events_times_valid', sql`${t.startsAt} < ${t.endsAt}`),
    check('events_sales_window_valid', sql`${t.salesStartAt} is null or ${t.salesEndAt} is null or ${t.salesStartAt} < ${t.salesEndAt}`),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    orderId: text('order_id').notNull(),
    orderLineId: text('order_line_id').notNull(),
    /** The ticket type (a variant of the event's ticket product); a type with tickets is never deleted. */
    ticketTypeId: text('ticket_type_id'),
    ticketTypeName: text('ticket_type_name').notNull(),
    /** SHA-256 of the normalised code: what check-in looks up. */
    codeHash: text('code_hash').notNull(),
    /** The code sealed with the server secret (lib/sealed.ts): the status page and email show it again. */
    codeSealed: text('code_sealed').notNull(),
    holderName: text('holder_name').notNull(),
    status: text('status').$type<TicketStatus>().notNull().default('valid'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: text('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'tickets_pkey', columns: [t.organizationId, t.id] }),
    unique('tickets_code_uq').on(t.organizationId, t.codeHash),
    index('tickets_event_idx').on(t.organizationId, t.eventId, t.createdAt),
    index('tickets_order_idx').on(t.organizationId, t.orderId),
    foreignKey({ name: 'tickets_event_fk', columns: [t.organizationId, t.eventId], foreignColumns: [events.organizationId, events.id] }),
    foreignKey({ name: 'tickets_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }).onDelete('cascade'),
    foreignKey({ name: 'tickets_order_line_fk', columns: [t.organizationId, t.orderLineId], foreignColumns: [orderLines.organizationId, orderLines.id] }).onDelete('cascade'),
    foreignKey({ name: 'tickets_ticket_type_fk', columns: [t.organizationId, t.ticketTypeId], foreignColumns: [productVariants.organizationId, productVariants.id] }),
    check('tickets_status_valid', sql`${t.status} in ('valid', 'void')`),
    check('tickets_check_in_valid', sql`${t.checkedInAt} is not null or ${t.checkedInBy} is null`),
  ],
);

/**
 * A visitor waiting for seats of a sold-out ticket type (modules/event-waitlist). When seats come
 * back, the oldest waiting entry whose quantity fits is offered them: an order is placed for it
 * (its ticket lines, seats taken by the checkout's conditional UPDATEs) that holds them until
 * `offer_expires_at`; paying it makes the entry `purchased`, its expiry or cancellation `expired`.
 * The public link's token is stored hashed (lookup) and sealed (emails rebuild the link).
 */
export const eventWaitlistEntries = pgTable(
  'event_waitlist_entries',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    /** The ticket type (a variant of the event's ticket product). */
    variantId: text('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    locale: text('locale').$type<'en' | 'es'>().notNull().default('en'),
    status: text('status').$type<EventWaitlistStatus>().notNull().default('waiting'),
    /** The held order while offered; the paid one once purchased. */
    orderId: text('order_id'),
    offerExpiresAt: ts('offer_expires_at'),
    offeredAt: ts('offered_at'),
    closedAt: ts('closed_at'),
    tokenHash: text('token_hash').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'event_waitlist_entries_pkey', columns: [t.organizationId, t.id] }),
    unique('event_waitlist_entries_token_uq').on(t.organizationId, t.tokenHash),
    index('event_waitlist_entries_queue_idx').on(t.organizationId, t.eventId, t.status, t.createdAt),
    index('event_waitlist_entries_order_idx').on(t.organizationId, t.orderId),
    // One live entry per person and event.
    uniqueIndex('event_waitlist_entries_live_uq')
      .on(t.organizationId, t.eventId, sql`lower(${t.email})`)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    foreignKey({ name: 'event_waitlist_entries_event_fk', columns: [t.organizationId, t.eventId], foreignColumns: [events.organizationId, events.id] }).onDelete('cascade'),
    foreignKey({ name: 'event_waitlist_entries_variant_fk', columns: [t.organizationId, t.variantId], foreignColumns: [productVariants.organizationId, productVariants.id] }).onDelete('cascade'),
    foreignKey({ name: 'event_waitlist_entries_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }),
    check('event_waitlist_entries_status_valid', sql`${t.status} in ('waiting', 'offered', 'purchased', 'expired', 'left')`),
    check('event_waitlist_entries_quantity_valid', sql`${t.quantity} between 1 and 10`),
    check('event_waitlist_entries_locale_valid', sql`${t.locale} in ('en', 'es')`),
    check('event_waitlist_entries_offer_valid', sql`(${t.status} = 'offered') = (${t.offerExpiresAt} is not null) and (${t.status} not in ('offered', 'purchased') or ${t.orderId} is not null)`),
  ],
);

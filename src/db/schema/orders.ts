/**
 * The shop's buying side (modules/orders): carts and their lines, orders with copied lines and
 * history, the stock they hold (stock_reservations), payments, promo codes and their uses.
 *
 * Scarce things and their guarantees, in the database:
 * - stock: `stock_items.reserved` counts every unit a row of `stock_reservations` holds; the
 *   CHECK `on_hand - reserved >= 0` (commerce.ts) refuses an oversell whatever the code does.
 *   A reservation row is deleted in the same transaction that gives its units back, so a
 *   release happens once (the delete finds the row or it does not).
 * - promo codes: `times_used <= usage_limit` is a CHECK; the use is counted under the code's
 *   row lock in the order's transaction, and one redemption per order is unique.
 * - checkout: one order per (organization, Idempotency-Key).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { ts } from './columns';
import { bookings } from './bookings';
import { productVariants, stockItems } from './commerce';
import { organizations } from './organizations';

import type { FulfilmentKind, OrderStatus, OrderStockState, PaymentProviderName, PaymentStatus, PromoKind, PromoScope } from '@/db/enums';

export {
  fulfilmentKinds,
  orderStatuses,
  orderStockStates,
  paymentProviders,
  paymentStatuses,
  promoKinds,
  promoScopes,
  type FulfilmentKind,
  type OrderStatus,
  type OrderStockState,
  type PaymentProviderName,
  type PaymentStatus,
  type PromoKind,
  type PromoScope,
} from '@/db/enums';

export const orderPurposes = ['shop', 'deposit', 'balance'] as const;
export type OrderPurpose = (typeof orderPurposes)[number];

export interface OrderAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

export const carts = pgTable(
  'carts',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** A guest's cart: the SHA-256 of the cookie's random token (the token itself is never stored). */
    tokenHash: text('token_hash'),
    /** A signed-in customer's cart (one per organization), followed across devices. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'carts_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('carts_token_uq').on(t.organizationId, t.tokenHash),
    uniqueIndex('carts_user_uq').on(t.organizationId, t.userId),
    check('carts_owner', sql`(${t.tokenHash} is null) <> (${t.userId} is null)`),
  ],
);

export const cartLines = pgTable(
  'cart_lines',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    cartId: text('cart_id').notNull(),
    variantId: text('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** The unit price the customer saw when adding: a later change shows as price_changed. */
    priceSeenMinor: integer('price_seen_minor').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'cart_lines_pkey', columns: [t.organizationId, t.id] }),
    unique('cart_lines_variant_uq').on(t.organizationId, t.cartId, t.variantId),
    foreignKey({ name: 'cart_lines_cart_fk', columns: [t.organizationId, t.cartId], foreignColumns: [carts.organizationId, carts.id] }).onDelete('cascade'),
    foreignKey({ name: 'cart_lines_variant_fk', columns: [t.organizationId, t.variantId], foreignColumns: [productVariants.organizationId, productVariants.id] }).onDelete('cascade'),
    check('cart_lines_quantity_valid', sql`${t.quantity} between 1 and 999`),
  ],
);

export const promoCodes = pgTable(
  'promo_codes',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Upper-cased; unique per organization. */
    code: text('code').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<PromoKind>().notNull(),
    /** percentage: basis points (1000 = 10 %); fixed: minor units. */
    value: integer('value').notNull(),
    scope: text('scope').$type<PromoScope>().notNull().default('order'),
    productIds: text('product_ids').array().notNull().default(sql`'{}'::text[]`),
    categoryIds: text('category_ids').array().notNull().default(sql`'{}'::text[]`),
    minSubtotalMinor: integer('min_subtotal_minor').notNull().default(0),
    startsAt: ts('starts_at'),
    endsAt: ts('ends_at'),
    usageLimit: integer('usage_limit'),
    perCustomerLimit: integer('per_customer_limit'),
    firstOrderOnly: boolean('first_order_only').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** Uses by orders not cancelled; counted under this row's lock in the order's transaction. */
    timesUsed: integer('times_used').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'promo_codes_pkey', columns: [t.organizationId, t.id] }),
    unique('promo_codes_organization_code_uq').on(t.organizationId, t.code),
    check('promo_codes_kind_valid', sql`${t.kind} in ('percentage', 'fixed')`),
    check('promo_codes_scope_valid', sql`${t.scope} in ('order', 'products', 'categories')`),
    check('promo_codes_value_valid', sql`${t.value} > 0 and (${t.kind} <> 'percentage' or ${t.value} <= 10000)`),
    check('promo_codes_window_valid', sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.startsAt} < ${t.endsAt}`),
    check('promo_codes_limits_valid', sql`(${t.usageLimit} is null or ${t.usageLimit} >= 1) and (${t.perCustomerLimit} is null or ${t.perCustomerLimit} >= 1) and ${t.minSubtotalMinor} >= 0`),
    // The guarantee: never more uses than the limit.
    check('promo_codes_usage_within_limit', sql`${t.timesUsed} >= 0 and (${t.usageLimit} is null or ${t.timesUsed} <= ${t.usageLimit})`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** What the customer and the shop call it: "BL-7K2M9Q4X". */
    number: text('number').notNull(),
    status: text('status').$type<OrderStatus>().notNull().default('pending_payment'),
    stockState: text('stock_state').$type<OrderStockState>().notNull().default('reserved'),
    currency: text('currency').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    fulfilment: text('fulfilment').$type<FulfilmentKind>().notNull(),
    address: jsonb('address').$type<OrderAddress>(),
    locale: text('locale').notNull().default('en'),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    subtotalMinor: integer('subtotal_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    /** Loyalty points spent on this order (modules/loyalty) and what they took off: part of discount_minor. */
    pointsRedeemed: integer('points_redeemed').notNull().default(0),
    pointsDiscountMinor: integer('points_discount_minor').notNull().default(0),
    shippingMinor: integer('shipping_minor').notNull().default(0),
    taxMinor: integer('tax_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    taxRatePpm: integer('tax_rate_ppm').notNull().default(0),
    promoCodeId: text('promo_code_id'),
    promoCode: text('promo_code'),
    paymentProvider: text('payment_provider').$type<PaymentProviderName>().notNull(),
    /** What the order pays for: the shop's goods, or a booking's deposit or balance (no lines; fulfilment 'pickup'). */
    purpose: text('purpose').$type<OrderPurpose>().notNull().default('shop'),
    bookingId: text('booking_id'),
    /** The secret status page's token, hashed. */
    statusTokenHash: text('status_token_hash').notNull(),
    /** The same token sealed with the server secret (lib/sealed.ts): emails and replays rebuild the link. */
    statusTokenSealed: text('status_token_sealed').notNull(),
    idempotencyKey: text('idempotency_key'),
    idempotencyFingerprint: text('idempotency_fingerprint'),
    /** Until when an unpaid online checkout holds its stock (null: until cancelled, e.g. pay on pickup). */
    holdExpiresAt: ts('hold_expires_at'),
    cancelReason: text('cancel_reason'),
    placedAt: ts('placed_at').notNull(),
    paidAt: ts('paid_at'),
    fulfilledAt: ts('fulfilled_at'),
    deliveredAt: ts('delivered_at'),
    cancelledAt: ts('cancelled_at'),
    refundedAt: ts('refunded_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'orders_pkey', columns: [t.organizationId, t.id] }),
    unique('orders_organization_number_uq').on(t.organizationId, t.number),
    uniqueIndex('orders_status_token_uq').on(t.organizationId, t.statusTokenHash),
    uniqueIndex('orders_idempotency_uq').on(t.organizationId, t.idempotencyKey),
    index('orders_listing_idx').on(t.organizationId, t.placedAt),
    index('orders_status_idx').on(t.organizationId, t.status, t.placedAt),
    index('orders_email_idx').on(t.organizationId, t.email),
    index('orders_hold_idx').on(t.holdExpiresAt).where(sql`${t.status} = 'pending_payment' and ${t.holdExpiresAt} is not null`),
    foreignKey({ name: 'orders_booking_fk', columns: [t.organizationId, t.bookingId], foreignColumns: [bookings.organizationId, bookings.id] }),
    index('orders_booking_idx').on(t.organizationId, t.bookingId).where(sql`${t.bookingId} is not null`),
    check('orders_purpose_valid', sql`${t.purpose} in ('shop', 'deposit', 'balance') and (${t.purpose} = 'shop') = (${t.bookingId} is null)`),
    foreignKey({ name: 'orders_promo_code_fk', columns: [t.organizationId, t.promoCodeId], foreignColumns: [promoCodes.organizationId, promoCodes.id] }),
    check('orders_points_valid', sql`${t.pointsRedeemed} >= 0 and ${t.pointsDiscountMinor} >= 0 and ${t.pointsDiscountMinor} <= ${t.discountMinor} and (${t.pointsRedeemed} > 0) = (${t.pointsDiscountMinor} > 0)`),
    check('orders_status_valid', sql`${t.status} in ('pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded')`),
    check('orders_stock_state_valid', sql`${t.stockState} in ('reserved', 'committed', 'returned')`),
    check('orders_fulfilment_valid', sql`${t.fulfilment} in ('shipping', 'pickup', 'digital') and (${t.fulfilment} <> 'shipping' or ${t.address} is not null)`),
    check(
      'orders_money_valid',
      sql`${t.subtotalMinor} >= 0 and ${t.discountMinor} >= 0 and ${t.discountMinor} <= ${t.subtotalMinor} and ${t.shippingMinor} >= 0 and ${t.taxMinor} >= 0 and ${t.totalMinor} = ${t.subtotalMinor} - ${t.discountMinor} + ${t.shippingMinor} + ${t.taxMinor}`,
    ),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    /** What was bought, copied: the catalog may change or lose the variant later. */
    variantId: text('variant_id'),
    productId: text('product_id'),
    stockItemId: text('stock_item_id').notNull(),
    sku: text('sku').notNull(),
    productTitle: text('product_title').notNull(),
    variantTitle: text('variant_title').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    quantity: integer('quantity').notNull(),
    /** Stock units the line takes (quantity × units per variant). */
    units: integer('units').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    lineTotalMinor: integer('line_total_minor').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'order_lines_pkey', columns: [t.organizationId, t.id] }),
    index('order_lines_order_idx').on(t.organizationId, t.orderId, t.position),
    index('order_lines_product_idx').on(t.organizationId, t.productId),
    foreignKey({ name: 'order_lines_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }).onDelete('cascade'),
    check('order_lines_amounts_valid', sql`${t.quantity} >= 1 and ${t.units} >= ${t.quantity} and ${t.unitPriceMinor} >= 0 and ${t.discountMinor} >= 0 and ${t.lineTotalMinor} = ${t.unitPriceMinor} * ${t.quantity} - ${t.discountMinor}`),
  ],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    /** placed, pay, fulfil, deliver, cancel, refund, expire, payment_declined … */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type').notNull(),
    actorUserId: text('actor_user_id'),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'order_events_pkey', columns: [t.organizationId, t.id] }),
    index('order_events_order_idx').on(t.organizationId, t.orderId, t.createdAt),
    foreignKey({ name: 'order_events_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }).onDelete('cascade'),
  ],
);

export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    stockItemId: text('stock_item_id').notNull(),
    units: integer('units').notNull(),
    /** Copied from the order's hold (null: held until the order is cancelled or fulfilled). */
    expiresAt: ts('expires_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'stock_reservations_pkey', columns: [t.organizationId, t.id] }),
    unique('stock_reservations_item_uq').on(t.organizationId, t.orderId, t.stockItemId),
    index('stock_reservations_stock_idx').on(t.organizationId, t.stockItemId),
    foreignKey({ name: 'stock_reservations_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }),
    foreignKey({ name: 'stock_reservations_stock_fk', columns: [t.organizationId, t.stockItemId], foreignColumns: [stockItems.organizationId, stockItems.id] }),
    check('stock_reservations_units_positive', sql`${t.units} >= 1`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    provider: text('provider').$type<PaymentProviderName>().notNull(),
    /** The provider's id of the payment (a PaymentIntent's id); idempotency key of every call is the payment id. */
    providerRef: text('provider_ref'),
    status: text('status').$type<PaymentStatus>().notNull().default('pending'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    failureReason: text('failure_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'payments_pkey', columns: [t.organizationId, t.id] }),
    unique('payments_order_uq').on(t.organizationId, t.orderId),
    uniqueIndex('payments_provider_ref_uq').on(t.organizationId, t.provider, t.providerRef),
    /** A provider's event names its payment, not our organization: settling looks it up by reference alone. */
    index('payments_provider_ref_idx').on(t.provider, t.providerRef),
    foreignKey({ name: 'payments_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }).onDelete('cascade'),
    check('payments_status_valid', sql`${t.status} in ('pending', 'authorized', 'captured', 'declined', 'voided', 'refunded')`),
  ],
);

export const promoRedemptions = pgTable(
  'promo_redemptions',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promoCodeId: text('promo_code_id').notNull(),
    orderId: text('order_id').notNull(),
    /** Lower-cased: the per-customer limit counts by address. */
    email: text('email').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'promo_redemptions_pkey', columns: [t.organizationId, t.id] }),
    unique('promo_redemptions_order_uq').on(t.organizationId, t.orderId),
    index('promo_redemptions_email_idx').on(t.organizationId, t.promoCodeId, t.email),
    foreignKey({ name: 'promo_redemptions_code_fk', columns: [t.organizationId, t.promoCodeId], foreignColumns: [promoCodes.organizationId, promoCodes.id] }),
    foreignKey({ name: 'promo_redemptions_order_fk', columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }).onDelete('cascade'),
  ],
);

/** Inputs and answers of the orders module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { fulfilmentKinds, orderStatuses, paymentProviders, paymentStatuses, promoKinds, promoScopes } from '@/db/enums';
import { orderTicketDto } from '@/modules/events/schemas';
import { isoDate, isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { emailAddress, freeText, phoneNumber, plainText, searchText } from '@/lib/text';
import * as loyaltySchemas from '@/modules/loyalty/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';

const whole = (min: number, max: number) =>
  z.number({ message: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const money = (max = 100_000_000) => whole(0, max);
const localeSchema = z.enum(['en', 'es']);

export const DEFAULT_CHECKOUT_HOLD_MINUTES = 15;
export const MAX_LINE_QUANTITY = 999;
export const MAX_CART_LINES = 100;

// ─── Shop settings ──────────────────────────────────────────────────────────────────────────

export const shopSettingsInput = z
  .object({
    /** Parts per million of the discounted subtotal (8.625 % = 86250). */
    taxRatePpm: whole(0, 500_000).optional(),
    checkoutHoldMinutes: whole(1, 24 * 60).optional(),
    shippingEnabled: z.boolean().optional(),
    shippingFeeMinor: money(10_000_000).optional(),
    freeShippingOverMinor: money().nullable().optional(),
    pickupEnabled: z.boolean().optional(),
    pickupInstructions: freeText(500).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one setting to change');

export const shopSettingsDto = z
  .object({
    taxRatePpm: z.number().int(),
    checkoutHoldMinutes: z.number().int(),
    shippingEnabled: z.boolean(),
    shippingFeeMinor: moneyMinor,
    freeShippingOverMinor: moneyMinor.nullable(),
    pickupEnabled: z.boolean(),
    pickupInstructions: z.string(),
    currency: z.string(),
  })
  .meta({ id: 'ShopSettings', description: "The shop's checkout: tax, how long a checkout holds stock, shipping and pickup." });
export type ShopSettingsDto = z.infer<typeof shopSettingsDto>;

// ─── Carts ──────────────────────────────────────────────────────────────────────────────────

const variantId = z.string().max(64).regex(/^[a-z]{2,8}_[0-9a-z]{26}$/, 'must be a variant id');
export const cartLineParams = organizationSchemas.slugParams.extend({ lineId: organizationSchemas.idParam('cln') });

export const addCartLineInput = z.object({ variantId, quantity: whole(1, MAX_LINE_QUANTITY).default(1) }).strict();
export const updateCartLineInput = z.object({ quantity: whole(1, MAX_LINE_QUANTITY) }).strict();
export const cartQuery = z.object({
  /** Shows what this code would take off (or why it does not apply). */
  promoCode: z.string().trim().max(40).optional(),
  fulfilment: z.enum(fulfilmentKinds).optional(),
  locale: localeSchema.optional(),
  /** Previews what this many of the signed-in buyer's points would take off (in the totals); the checkout still judges. */
  redeemPoints: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(loyaltySchemas.MAX_REDEEM_POINTS, `must be at most ${loyaltySchemas.MAX_REDEEM_POINTS}`).optional(),
});

/** sales_closed: an event's ticket outside its sales window, or of an event not published (modules/events). */
export const lineProblems = ['out_of_stock', 'insufficient_stock', 'price_changed', 'archived', 'inactive', 'sales_closed'] as const;
export type LineProblem = (typeof lineProblems)[number];

const problemDto = z.object({
  code: z.enum(lineProblems),
  message: z.string(),
  available: z.number().int().optional(),
  fromMinor: moneyMinor.optional(),
  toMinor: moneyMinor.optional(),
});

export const promoReasons = ['not_found', 'inactive', 'expired', 'not_started', 'usage_limit_reached', 'customer_limit_reached', 'minimum_not_met', 'not_first_order', 'not_applicable'] as const;
export type PromoReason = (typeof promoReasons)[number];

export const promoOutcomeDto = z
  .object({
    code: z.string(),
    applies: z.boolean(),
    discountMinor: moneyMinor,
    reason: z.enum(promoReasons).optional(),
    message: z.string().optional(),
    minimumMinor: moneyMinor.optional(),
  })
  .meta({ id: 'PromoOutcome' });
export type PromoOutcomeDto = z.infer<typeof promoOutcomeDto>;

export const totalsDto = z
  .object({
    currency: z.string(),
    subtotalMinor: moneyMinor,
    discountMinor: moneyMinor,
    shippingMinor: moneyMinor,
    taxMinor: moneyMinor,
    totalMinor: moneyMinor,
  })
  .meta({ id: 'OrderTotals' });
export type TotalsDto = z.infer<typeof totalsDto>;

export const cartLineDto = z.object({
  id: z.string(),
  variantId: z.string(),
  productId: z.string(),
  productSlug: z.string(),
  productTitle: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  image: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceMinor: moneyMinor,
  lineTotalMinor: moneyMinor,
  /** Units of this line's stock item still free to buy (capped at the line's quantity + 99). */
  available: z.number().int(),
  purchasable: z.boolean(),
  problems: z.array(problemDto),
});

export const cartDto = z
  .object({
    id: z.string().nullable(),
    lines: z.array(cartLineDto),
    itemCount: z.number().int(),
    purchasable: z.boolean(),
    totals: totalsDto,
    promo: promoOutcomeDto.nullable(),
    /** The signed-in, confirmed buyer's points on this cart (null: a guest, an unconfirmed email, or no loyalty program). */
    points: loyaltySchemas.pointsPreviewDto.nullable(),
    /** digital: the cart holds only event tickets (nothing to ship or collect): check out with fulfilment 'digital'. */
    fulfilmentOptions: z.object({ shipping: z.boolean(), pickup: z.boolean(), digital: z.boolean(), shippingFeeMinor: moneyMinor, freeShippingOverMinor: moneyMinor.nullable() }),
  })
  .meta({ id: 'Cart', description: 'A cart with live prices, availability and why a line cannot be bought; totals computed on the server.' });
export type CartDto = z.infer<typeof cartDto>;

// ─── Checkout ───────────────────────────────────────────────────────────────────────────────

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, 'Idempotency-Key must be 8–100 characters')
    .max(100, 'Idempotency-Key must be 8–100 characters')
    .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key may contain letters, digits and . _ : -')
    .optional(),
});

const addressInput = z
  .object({
    line1: plainText(200).min(1, 'must not be empty'),
    line2: plainText(200).optional(),
    city: plainText(100).min(1, 'must not be empty'),
    region: plainText(100).optional(),
    postalCode: plainText(20).min(1, 'must not be empty'),
    country: z.string().max(2, 'must be a two-letter country code').regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
  })
  .strict();

export const checkoutInput = z
  .object({
    contact: z.object({ email: emailAddress(), name: plainText(120).min(1, 'must not be empty'), phone: phoneNumber().optional() }).strict(),
    fulfilment: z.enum(fulfilmentKinds),
    address: addressInput.optional(),
    promoCode: z.string().trim().max(40).optional(),
    /** Loyalty points to spend (modules/loyalty): a signed-in customer buying under their confirmed email only. */
    redeemPoints: loyaltySchemas.redeemPointsSchema.optional(),
    paymentProvider: z.enum(paymentProviders).default('manual'),
    /** The test provider only: what it should answer. */
    testOutcome: z.enum(['succeed', 'decline']).optional(),
    locale: localeSchema.default('en'),
  })
  .strict()
  .refine((v) => v.fulfilment !== 'shipping' || v.address !== undefined, { message: 'shipping needs an address', path: ['address'] });
export type CheckoutInput = z.input<typeof checkoutInput>;

// ─── Orders ─────────────────────────────────────────────────────────────────────────────────

export const orderParams = organizationSchemas.slugParams.extend({ orderId: organizationSchemas.idParam('ord') });
export const orderTokenParams = organizationSchemas.slugParams.extend({ orderToken: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not an order link') });

export const orderActions = ['pay', 'fulfil', 'deliver', 'cancel', 'refund'] as const;
export type OrderAction = (typeof orderActions)[number];
export const orderActionParams = orderParams.extend({ action: z.enum(orderActions) });
export const orderActionInput = z.object({ note: freeText(500).optional() }).strict();

/** A calendar day YYYY-MM-DD (bounded like every input string). */
const day = z.iso.date('must be a date YYYY-MM-DD').max(10, 'must be a date YYYY-MM-DD');

export const listOrdersQuery = paginationQuery.extend({
  status: z.enum(orderStatuses).optional(),
  from: day.optional(),
  to: day.optional(),
  /** An email (part) or an order number. */
  q: searchText(100).optional(),
}).refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'from must not be after to', path: ['from'] });

/** Sums are read as float8 (exact to 2^53 minor units): a year of a busy shop overflows a 32-bit int. */
export const MAX_STATS_DAYS = 731;
export const orderStatsQuery = z
  .object({ from: day, to: day })
  .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['from'] })
  .refine((v) => (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000 < MAX_STATS_DAYS, { message: `the range may span at most ${MAX_STATS_DAYS} days`, path: ['to'] });

const orderLineDto = z.object({
  id: z.string(),
  variantId: z.string().nullable(),
  productId: z.string().nullable(),
  sku: z.string(),
  productTitle: z.string(),
  variantTitle: z.string(),
  unitPriceMinor: moneyMinor,
  quantity: z.number().int(),
  discountMinor: moneyMinor,
  lineTotalMinor: moneyMinor,
});

const orderEventDto = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorType: z.string(),
  note: z.string().nullable(),
  createdAt: isoInstant,
});

/** Loyalty points spent on the order and what they took off (part of totals.discountMinor). */
const orderPointsDto = z.object({ redeemed: z.number().int(), discountMinor: moneyMinor }).meta({ id: 'OrderPoints' });

export const orderSummaryDto = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(orderStatuses),
    email: z.string(),
    name: z.string(),
    fulfilment: z.enum(fulfilmentKinds),
    totals: totalsDto,
    points: orderPointsDto,
    paymentProvider: z.enum(paymentProviders),
    placedAt: isoInstant,
  })
  .meta({ id: 'OrderSummary' });
export type OrderSummaryDto = z.infer<typeof orderSummaryDto>;
export const orderPage = pageOf(orderSummaryDto);
export type OrderPage = z.infer<typeof orderPage>;

export const orderDto = orderSummaryDto
  .extend({
    phone: z.string().nullable(),
    address: z.record(z.string(), z.string()).nullable(),
    promoCode: z.string().nullable(),
    taxRatePpm: z.number().int(),
    payment: z.object({ provider: z.enum(paymentProviders), status: z.enum(paymentStatuses) }).nullable(),
    holdExpiresAt: isoInstant.nullable(),
    cancelReason: z.string().nullable(),
    lines: z.array(orderLineDto),
    history: z.array(orderEventDto),
    /** The actions the order's status allows now. */
    allowedActions: z.array(z.enum(orderActions)),
  })
  .meta({ id: 'Order' });
export type OrderDto = z.infer<typeof orderDto>;

/** What the secret status link shows: the order, without the shop's history notes or ids of people. */
export const publicOrderDto = z
  .object({
    number: z.string(),
    status: z.enum(orderStatuses),
    name: z.string(),
    fulfilment: z.enum(fulfilmentKinds),
    totals: totalsDto,
    points: orderPointsDto,
    promoCode: z.string().nullable(),
    lines: z.array(orderLineDto.omit({ id: true, variantId: true, productId: true })),
    paymentProvider: z.enum(paymentProviders),
    placedAt: isoInstant,
    history: z.array(z.object({ toStatus: z.string(), createdAt: isoInstant })),
    /** Event tickets, issued when the order is paid (one per person; voided if it is cancelled or refunded). */
    tickets: z.array(orderTicketDto),
    /**
     * The buyer's loyalty points and tier (null when the business runs no program). The
     * checkout's own answer carries it only when the order spent points (it adds no reads to the
     * checkout's transaction); the status link always does.
     */
    loyalty: loyaltySchemas.guestLoyaltyDto.nullable(),
  })
  .meta({ id: 'PublicOrder' });
export type PublicOrderDto = z.infer<typeof publicOrderDto>;

export const placedOrderDto = z
  .object({ order: publicOrderDto, orderId: z.string(), statusToken: z.string(), statusUrl: z.string(), replayed: z.boolean() })
  .meta({ id: 'PlacedOrder', description: 'The new order and its secret status link (shown once here and in the email).' });
export type PlacedOrderDto = z.infer<typeof placedOrderDto>;

export const orderStatsDto = z
  .object({
    currency: z.string(),
    from: isoDate,
    to: isoDate,
    revenueMinor: moneyMinor,
    orders: z.number().int(),
    averageOrderValueMinor: moneyMinor,
    topProducts: z.array(z.object({ productId: z.string().nullable(), title: z.string(), quantity: z.number().int(), revenueMinor: moneyMinor })),
    byDay: z.array(z.object({ date: isoDate, orders: z.number().int(), revenueMinor: moneyMinor })),
  })
  .meta({ id: 'OrderStats', description: 'Orders placed and not cancelled or refunded, by the day in the organization’s zone.' });
export type OrderStatsDto = z.infer<typeof orderStatsDto>;

// ─── Promo codes ────────────────────────────────────────────────────────────────────────────

const promoCodeText = z
  .string()
  .trim()
  .min(3, 'must be 3–40 characters')
  .max(40, 'must be 3–40 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain letters, digits, - and _')
  .transform((v) => v.toUpperCase());
const productOrCategoryId = z.string().max(64).regex(/^[a-z]{2,8}_[0-9a-z]{26}$/, 'must be an id');

const promoFields = {
  description: freeText(500),
  kind: z.enum(promoKinds),
  /** percentage: basis points (1000 = 10 %); fixed: minor units. */
  value: whole(1, 100_000_000),
  scope: z.enum(promoScopes),
  productIds: z.array(productOrCategoryId).max(100),
  categoryIds: z.array(productOrCategoryId).max(100),
  minSubtotalMinor: money(),
  startsAt: z.coerce.date().nullable(),
  endsAt: z.coerce.date().nullable(),
  usageLimit: whole(1, 10_000_000).nullable(),
  perCustomerLimit: whole(1, 10_000).nullable(),
  firstOrderOnly: z.boolean(),
  active: z.boolean(),
};

const promoRules = <T extends z.ZodType<Partial<{ kind: string; value: number; startsAt: Date | null; endsAt: Date | null }>>>(s: T) =>
  s
    .refine((v) => v.kind !== 'percentage' || v.value === undefined || v.value <= 10_000, { message: 'a percentage is at most 10000 basis points (100 %)', path: ['value'] })
    .refine((v) => !v.startsAt || !v.endsAt || v.startsAt < v.endsAt, { message: 'must be after startsAt', path: ['endsAt'] });

export const createPromoCodeInput = promoRules(
  z
    .object({
      code: promoCodeText,
      description: promoFields.description.default(''),
      kind: promoFields.kind,
      value: promoFields.value,
      scope: promoFields.scope.default('order'),
      productIds: promoFields.productIds.default([]),
      categoryIds: promoFields.categoryIds.default([]),
      minSubtotalMinor: promoFields.minSubtotalMinor.default(0),
      startsAt: promoFields.startsAt.default(null),
      endsAt: promoFields.endsAt.default(null),
      usageLimit: promoFields.usageLimit.default(null),
      perCustomerLimit: promoFields.perCustomerLimit.default(null),
      firstOrderOnly: promoFields.firstOrderOnly.default(false),
      active: promoFields.active.default(true),
    })
    .strict(),
);
export type CreatePromoCodeInput = z.input<typeof createPromoCodeInput>;

export const updatePromoCodeInput = promoRules(
  z
    .object(Object.fromEntries(Object.entries(promoFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof promoFields]: z.ZodOptional<(typeof promoFields)[K]> })
    .strict()
    .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change'),
);

export const promoCodeParams = organizationSchemas.slugParams.extend({ promoCodeId: organizationSchemas.idParam('promo') });
export const listPromoCodesQuery = paginationQuery.extend({ q: searchText(40).optional() });

export const promoCodeDto = z
  .object({
    id: z.string(),
    code: z.string(),
    description: z.string(),
    kind: z.enum(promoKinds),
    value: z.number().int(),
    scope: z.enum(promoScopes),
    productIds: z.array(z.string()),
    categoryIds: z.array(z.string()),
    minSubtotalMinor: moneyMinor,
    startsAt: isoInstant.nullable(),
    endsAt: isoInstant.nullable(),
    usageLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    firstOrderOnly: z.boolean(),
    active: z.boolean(),
    timesUsed: z.number().int(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'PromoCode' });
export type PromoCodeDto = z.infer<typeof promoCodeDto>;
export const promoCodePage = pageOf(promoCodeDto);
export type PromoCodePage = z.infer<typeof promoCodePage>;

// ─── Payment webhooks ───────────────────────────────────────────────────────────────────────

export const paymentWebhookParams = z.object({ provider: z.enum(['test']) });
/** The test provider's event (a real provider's route parses its own format after verifying it). */
export const testPaymentEventInput = z
  .object({ providerRef: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not a payment reference'), type: z.enum(['captured', 'declined']) })
  .strict();
export const paymentWebhookHeaders = z.object({ 'x-test-signature': z.string().max(128).optional() });
export const paymentEventResultDto = z
  .object({ received: z.boolean(), orderStatus: z.enum(orderStatuses).nullable() })
  .meta({ id: 'PaymentEventResult', description: 'Whether the event named a payment we know, and its order’s status after it.' });

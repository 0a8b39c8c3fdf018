import { DateTime } from 'luxon';
import { z } from 'zod';
import * as loyaltySchemas from '@/modules/loyalty/schemas';
import { bookingActions, bookingSources, bookingStatuses } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { isPhoneNumber, PHONE_MESSAGE } from '@/lib/phone';
import { freeText, plainText, searchText } from '@/lib/text';
import type { CustomFieldDto } from '@/modules/catalog/schemas';
import { customerContactSchema, customerIdSchema } from '@/modules/customers/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { ruleResultDto } from '@/modules/rules/schemas';
import * as schedulingSchemas from '@/modules/scheduling/schemas';
import { addonChoicesQuery, addonChoicesSchema, localDateSchema, resourceIdSchema, serviceIdSchema } from '@/modules/scheduling/schemas';

export const bookingIdSchema = z.string().max(64).regex(/^bkg_[0-9a-z]{26}$/, 'must be a bkg_… id');

const INSTANT_MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-08T09:00:00-05:00';

/**
 * An instant with an explicit offset or Z, e.g. 2026-03-08T09:00:00-05:00. The format's
 * pattern knows month lengths and leap years, so 2026-02-30 is refused; years are kept to a
 * range the calendar code and PostgreSQL agree on.
 */
export const instantSchema = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .max(40, INSTANT_MESSAGE)
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2200, 'must be between the years 2000 and 2200');

/** An address answer (a mobile business's service address): every part required, bounded. */
export const addressAnswerSchema = z
  .object({
    street: plainText(200).min(1, 'is required'),
    city: plainText(100).min(1, 'is required'),
    postalCode: plainText(20).min(1, 'is required'),
  })
  .strict();

/** Answers to a service's custom fields: free text (escaped on output), numbers, ticks or an address. */
const fieldValue = z.union([freeText(2000), z.number().finite(), z.boolean(), addressAnswerSchema], {
  message: 'must be text (at most 2000 characters), a number, true/false or an address',
});
export const fieldValuesSchema = z
  .record(z.string().max(40, 'field keys are at most 40 characters'), fieldValue)
  .refine((o) => Object.keys(o).length <= 50, 'too many fields');

/** zod 4 runs refinements even when a property failed: compare only parsed instants. */
const endAfterStart = (v: { start?: unknown; end?: unknown }) => !(v.start instanceof Date) || !(v.end instanceof Date) || v.end > v.start;
const endAfterStartIssue = { message: 'must be after start', path: ['end'] };

const bookingFields = z.object({
  serviceId: serviceIdSchema,
  start: instantSchema,
  /** Multi-day services (stays) give the check-out instant too. */
  end: instantSchema.optional(),
  resourceId: resourceIdSchema.optional(),
  customer: customerContactSchema,
  fields: fieldValuesSchema.default({}),
  message: freeText(2000).default(''),
  seats: z.number().int().min(1).max(1000).default(1),
  /** Add-ons of the service: they add to the price and may lengthen the booking. */
  addons: addonChoicesSchema.default([]),
  /** A party package's guests (children + adults within the package's bounds); other services refuse them. */
  children: z.number().int('must be a whole number').min(0, 'must be at least 0').max(1000, 'must be at most 1000').optional(),
  adults: z.number().int('must be a whole number').min(0, 'must be at least 0').max(1000, 'must be at most 1000').optional(),
});

/** How a package's deposit is paid: `manual` (the venue marks it paid) or `test` (demos and tests; never in production). */
export const depositPaymentSchema = z
  .object({
    provider: z.enum(['manual', 'test'], { message: 'must be manual or test' }).default('manual'),
    /** The test provider's answer. */
    testOutcome: z.enum(['succeed', 'decline']).optional(),
  })
  .strict();

export const publicBookingInput = bookingFields
  .extend({
    /** The language the guest booked in: their emails are written in it (else the organization's). */
    locale: z.enum(['en', 'es'], { message: 'must be en or es' }).optional(),
    /** A package with a deposit: how it is paid (default manual). */
    payment: depositPaymentSchema.optional(),
  })
  .strict()
  .refine(endAfterStart, endAfterStartIssue);
export type PublicBookingInput = z.input<typeof publicBookingInput>;

export const staffBookingInput = bookingFields
  .omit({ customer: true })
  .extend({
    customer: customerContactSchema.optional(),
    internalNotes: freeText(5000).default(''),
    /** Staff may confirm at once even when the service asks for confirmation. */
    status: z.enum(['pending', 'confirmed']).optional(),
  })
  .strict()
  .refine(endAfterStart, endAfterStartIssue);

export const idempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key must be 8–100 characters')
  .max(100, 'Idempotency-Key must be 8–100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key may contain letters, digits and . _ : -');

export const rescheduleInput = z
  .object({ start: instantSchema, end: instantSchema.optional(), resourceId: resourceIdSchema.optional() })
  .strict()
  .refine(endAfterStart, endAfterStartIssue);

/** Staff edit a booking's internal notes, and set a "from" price to the final amount. */
export const updateBookingInput = z
  .object({
    internalNotes: freeText(5000).optional(),
    priceMinor: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide internalNotes or priceMinor');

/** Staff record that the balance of a package booking was paid (at the venue, by transfer …). */
export const recordBalanceInput = z.object({ note: freeText(500).optional() }).strict();

export const reasonInput = z.object({ reason: freeText(1000).optional() }).strict();
export const cancelInput = z.object({ reason: freeText(1000).min(1, 'say why the booking is cancelled') }).strict();

const statusList = z
  .string()
  .max(200, 'must be at most 200 characters')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(bookingStatuses, { message: `statuses are ${bookingStatuses.join(', ')}` })).max(7));

/** The list's filters and sort, without pages: the list adds pages, the export (modules/exports) a language. */
export const bookingListFilterFields = z.object({
  status: statusList.optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  resourceId: resourceIdSchema.optional(),
  serviceId: serviceIdSchema.optional(),
  customerId: z.string().max(64).regex(/^cus_[0-9a-z]{26}$/, 'must be a cus_… id').optional(),
  q: searchText(100).optional(),
  sort: z.enum(['startsAt', '-startsAt', 'createdAt', '-createdAt']).default('startsAt'),
});

/** `to` may not come before `from` (both local dates). */
export const toNotBeforeFrom = (q: { from?: unknown; to?: unknown }) => typeof q.from !== 'string' || typeof q.to !== 'string' || q.to >= q.from;
export const toNotBeforeFromIssue = { message: 'must not be before from', path: ['to'] };

export const listBookingsQuery = paginationQuery.extend(bookingListFilterFields.shape).refine(toNotBeforeFrom, toNotBeforeFromIssue);

export const manageTokenSchema = z.string().max(64).regex(/^[A-Za-z0-9_-]{40,60}$/, 'is not a valid booking link');

const MAX_STATS_DAYS = 92;

/** The dashboard's figures: a window of local days, at most a quarter. */
export const statsQuery = z
  .object({ from: localDateSchema, to: localDateSchema })
  .refine((q) => q.from <= q.to, { message: 'must not be after to', path: ['from'] })
  .refine((q) => DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), 'days').days < MAX_STATS_DAYS, {
    message: `window must be at most ${MAX_STATS_DAYS} days`,
    path: ['to'],
  });

/** A staff booking names the customer by contact details or by an existing customer's id (which wins). */
export const createStaffBookingInput = bookingFields
  .omit({ customer: true })
  .extend({
    customer: customerContactSchema.optional(),
    customerId: customerIdSchema.optional(),
    internalNotes: freeText(5000).default(''),
    /** Staff may confirm at once even when the service asks for confirmation. */
    status: z.enum(['pending', 'confirmed']).optional(),
  })
  .strict()
  .refine(endAfterStart, endAfterStartIssue);

export const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKeySchema.optional() });

/** The longest stay a quote prices (a resource's maxNights is at most 365 too). */
export const MAX_QUOTE_NIGHTS = 365;

/** What a price counts (price.ts): the nights of a stay, the seats of a group service, or the booking. */
export const priceUnits = ['night', 'seat', 'booking'] as const;
export type PriceUnitName = (typeof priceUnits)[number];

/** `GET …/services/{serviceId}/quote`: the price of a booking before it is made. */
export const quoteQuery = z
  .object({
    resourceId: resourceIdSchema.optional(),
    start: instantSchema,
    /** Stays (multi_day) give the check-out instant; a slot service's end follows from its duration. */
    end: instantSchema.optional(),
    seats: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
    /** A package's guests. */
    children: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').max(1000, 'must be at most 1000').optional(),
    adults: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').max(1000, 'must be at most 1000').optional(),
    /** `adn_…:2,adn_…:1` */
    addons: addonChoicesQuery.optional(),
  })
  .strict()
  .refine(endAfterStart, endAfterStartIssue);
export type QuoteQuery = z.input<typeof quoteQuery>;

// ─── Path parameters ────────────────────────────────────────────────────────────────────────

export const bookingParams = organizationSchemas.slugParams.extend({ bookingId: bookingIdSchema });
export const quoteParams = z.object({ slug: z.string().max(100), serviceId: serviceIdSchema });
/** A manage link's token: anything that is not a live token is simply not found (404) or gone (410). */
export const tokenParams = z.object({ token: z.string().max(200) });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const fieldAnswer = z.union([z.string(), z.number(), z.boolean(), z.object({ street: z.string(), city: z.string(), postalCode: z.string() })]);

export const bookingAddonDto = z
  .object({
    addonId: z.string().nullable().meta({ description: 'null once the add-on was deleted' }),
    name: z.string(),
    unitPriceMinor: moneyMinor,
    pricing: z.enum(['per_booking', 'per_guest']),
    quantity: z.number().int(),
    extraMinutes: z.number().int(),
    totalMinor: moneyMinor,
  })
  .meta({ id: 'BookingAddon' });
export type BookingAddonDto = z.infer<typeof bookingAddonDto>;

export const bookingDto = z
  .object({
    id: z.string(),
    status: z.enum(bookingStatuses),
    /** What may be done now: status and time decide (state-machine.ts). */
    allowedActions: z.array(z.enum(bookingActions)),
    serviceId: z.string(),
    serviceName: z.string().optional(),
    resourceId: z.string(),
    resourceName: z.string().optional(),
    customerId: z.string(),
    customer: z.object({ id: z.string(), name: z.string(), email: z.string(), phone: z.string().nullable() }).optional(),
    start: isoInstant,
    end: isoInstant,
    timezone: z.string(),
    seats: z.number().int(),
    priceMinor: moneyMinor,
    currency: z.string(),
    fields: z.record(z.string(), fieldAnswer),
    message: z.string(),
    source: z.enum(bookingSources),
    cancellationReason: z.string().nullable(),
    /** The recurring series this booking is an occurrence of (`GET …/bookings/series/{seriesId}`), or null. */
    seriesId: z.string().nullable(),
    /** A package's guests; null for other bookings. */
    children: z.number().int().nullable(),
    adults: z.number().int().nullable(),
    addons: z.array(bookingAddonDto).meta({ description: 'Add-ons taken, names and prices as booked' }),
    /** A package's deposit and balance (deposit + balance = priceMinor); null when the price is not split. */
    depositMinor: moneyMinor.nullable(),
    balanceMinor: moneyMinor.nullable(),
    depositOrderId: z.string().nullable(),
    depositPaidAt: isoInstant.nullable(),
    balancePaidAt: isoInstant.nullable(),
    refundMinor: moneyMinor.nullable().meta({ description: 'What cancelling refunded by the package policy' }),
    cancellationPolicy: z
      .array(z.object({ minNoticeHours: z.number().int(), refundPercent: z.number().int() }))
      .nullable()
      .meta({ description: "The package's cancellation policy as booked (longest notice first refunds first); null: not a package" }),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Booking', description: "A booking, times as ISO 8601 in the organization's zone." });
export type BookingDto = z.infer<typeof bookingDto>;
export const bookingPage = pageOf(bookingDto);

export const bookingEventDto = z.object({
  action: z.string(),
  fromStatus: z.enum(bookingStatuses).nullable(),
  toStatus: z.enum(bookingStatuses),
  actorType: z.enum(['user', 'guest', 'system']),
  actorUserId: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.unknown(),
  at: isoInstant,
});

export const bookingDetailDto = bookingDto
  .extend({
    /** Staff only; never shown to members. */
    internalNotes: z.string().optional(),
    history: z.array(bookingEventDto),
  })
  .meta({ id: 'BookingDetail' });
export type BookingDetailDto = z.infer<typeof bookingDetailDto>;

export const updatedBookingDto = bookingDto.extend({ internalNotes: z.string() });

export const createdBookingDto = z
  .object({
    booking: bookingDto,
    manageUrl: z.string(),
    replayed: z.boolean(),
    /** Rules the request tripped without being denied: approvals it waits for (status pending) and warnings. */
    rules: z.array(ruleResultDto),
  })
  .meta({ id: 'CreatedBooking' });
export type CreatedBookingDto = z.infer<typeof createdBookingDto>;
export const depositOrderDto = z
  .object({
    orderId: z.string(),
    number: z.string(),
    status: z.enum(['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded']),
    amountMinor: moneyMinor,
    currency: z.string(),
    statusUrl: z.string().meta({ description: 'The order’s status page: pay the deposit there, or follow it' }),
    holdExpiresAt: isoInstant.nullable().meta({ description: 'An online payment not completed by then releases the booking' }),
  })
  .meta({ id: 'DepositOrder', description: 'The order that takes a package booking’s deposit.' });
export type DepositOrderDto = z.infer<typeof depositOrderDto>;

export const publicCreatedBookingDto = createdBookingDto
  .extend({
    manageToken: z.string().meta({ description: "The manage link's secret: keep it; it is shown once." }),
    deposit: depositOrderDto.nullable().meta({ description: 'A package with a deposit: its order (the booking is pending until it is paid)' }),
  })
  .meta({ id: 'PublicCreatedBooking' });
export type PublicCreatedBookingDto = z.infer<typeof publicCreatedBookingDto>;

export const quoteLineDto = z
  .object({
    kind: z.enum(['base', 'extra_children', 'extra_adults', 'addon']),
    addonId: z.string().nullable(),
    label: z.string(),
    unitPriceMinor: moneyMinor,
    quantity: z.number().int(),
    amountMinor: moneyMinor,
  })
  .meta({ id: 'PriceQuoteLine' });

export const quoteDto = z
  .object({
    serviceId: z.string(),
    resourceId: z.string().nullable().meta({ description: 'The resource asked about, if any' }),
    start: isoInstant,
    end: isoInstant,
    seats: z.number().int(),
    unit: z.enum(priceUnits).meta({ description: 'night: a stay, per night; seat: a group service, per seat; booking: the whole booking' }),
    quantity: z.number().int().meta({ description: 'Nights, seats, or 1' }),
    unitPriceMinor: moneyMinor,
    priceMinor: moneyMinor.meta({ description: 'unitPriceMinor × quantity: what the booking would store' }),
    currency: z.string(),
    priceFrom: z.boolean().meta({ description: 'True when the business confirms the final amount (a "from" price)' }),
    lines: z.array(quoteLineDto).meta({ description: 'The breakdown: base, extra children, extra adults, each add-on; their amounts sum to totalMinor' }),
    extraMinutes: z.number().int().meta({ description: 'Minutes the add-ons add to the service’s duration (end includes them)' }),
    totalMinor: moneyMinor.meta({ description: 'What the booking would store as its price' }),
    depositMinor: moneyMinor.nullable().meta({ description: 'A package’s deposit; null when nothing is paid up front' }),
    balanceMinor: moneyMinor.nullable(),
  })
  .meta({
    id: 'PriceQuote',
    description: 'What a booking would cost, computed as the booking computes it ("3 nights × $650 = $1,950"). Not a promise that the time is free: availability says that.',
  });
export type QuoteDto = z.infer<typeof quoteDto>;

export const manageLinkDto = z.object({ bookingId: z.string(), manageUrl: z.string(), expiresAt: isoInstant });

/** What the holder of a manage link sees. */
export const managedBookingDto = z
  .object({
    booking: bookingDto.omit({ allowedActions: true }),
    organization: z.object({ slug: z.string(), name: z.string(), timezone: z.string() }),
    canCancel: z.boolean(),
    canReschedule: z.boolean(),
    changeDeadline: isoInstant,
    linkExpiresAt: isoInstant,
    /** The guest's loyalty points and tier (null when the business runs no program). */
    loyalty: loyaltySchemas.guestLoyaltyDto.nullable(),
  })
  .meta({ id: 'ManagedBooking' });
export type ManagedBookingDto = z.infer<typeof managedBookingDto>;

/** `details` of a 409 for a taken time: the nearest free times, the chosen resource first. */
export const conflictDetailsDto = z.object({
  reason: z.string().optional(),
  alternatives: z
    .array(
      z.object({
        start: isoInstant,
        end: isoInstant,
        /** The resource this time would be booked on: the chosen one when it is free then. */
        resourceId: z.string(),
        resourceName: z.string(),
        /** Every eligible resource free then. */
        resourceIds: z.array(z.string()),
        remaining: z.number().int(),
      }),
    )
    .optional(),
});
export type ConflictDetails = z.infer<typeof conflictDetailsDto>;
export type AlternativeDto = NonNullable<ConflictDetails['alternatives']>[number];

// ─── A service's own questions ──────────────────────────────────────────────────────────────

/** What a problem with an answer is, for a form to say it in the visitor's language (`issue.params.kind`). */
export type FieldProblem =
  | { kind: 'unknown' }
  | { kind: 'required' }
  | { kind: 'text' }
  | { kind: 'maxLength'; max: number }
  | { kind: 'email' }
  | { kind: 'phone' }
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'min'; min: number }
  | { kind: 'max'; max: number }
  | { kind: 'option' }
  | { kind: 'ticked' }
  | { kind: 'boolean' }
  | { kind: 'address' };

export type FieldAnswer = string | number | boolean | { street: string; city: string; postalCode: string };

type FieldDefinition = Pick<CustomFieldDto, 'key' | 'label' | 'type' | 'required' | 'options' | 'maxLength' | 'min' | 'max' | 'integer'>;

const textMax = (def: FieldDefinition) => def.maxLength ?? (def.type === 'textarea' ? 2000 : 200);
const emailAnswer = z.email();

/**
 * The answers a service's custom fields accept, one rule per field: the server checks a booking
 * with it (custom-fields.ts) and the booking forms check before sending with the very same
 * schema. Messages name the field ("Vehicle type is required"); `params` carries a
 * `FieldProblem` so a form can say it in the visitor's language. Blank answers to optional
 * fields are left out; numbers come out as numbers, text trimmed.
 */
export function fieldAnswersSchema(defs: readonly FieldDefinition[]) {
  const known = new Map(defs.map((d) => [d.key, d]));
  return z
    .record(z.string().max(40, 'field keys are at most 40 characters'), z.unknown())
    .superRefine((values, ctx) => {
      const problem = (path: (string | number)[], message: string, params: FieldProblem) => ctx.addIssue({ code: 'custom', path, message, params });
      for (const key of Object.keys(values)) if (!known.has(key)) problem([key], 'is not a field of this service', { kind: 'unknown' });
      for (const def of defs) {
        const raw = values[def.key];
        const label = def.label;
        const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (def.type === 'address' && isBlankAddress(raw));
        if (blank) {
          if (def.required) problem([def.key], `${label} is required`, { kind: 'required' });
          continue;
        }
        switch (def.type) {
          case 'number': {
            const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
            if (!Number.isFinite(n)) problem([def.key], `${label} must be a number`, { kind: 'number' });
            else if (def.integer && !Number.isInteger(n)) problem([def.key], `${label} must be a whole number`, { kind: 'integer' });
            else if (def.min !== undefined && n < def.min) problem([def.key], `${label} must be at least ${def.min}`, { kind: 'min', min: def.min });
            else if (def.max !== undefined && n > def.max) problem([def.key], `${label} must be at most ${def.max}`, { kind: 'max', max: def.max });
            break;
          }
          case 'checkbox':
            if (typeof raw !== 'boolean') problem([def.key], `${label} must be true or false`, { kind: 'boolean' });
            else if (def.required && !raw) problem([def.key], `${label} must be ticked`, { kind: 'ticked' });
            break;
          case 'select':
            if (typeof raw !== 'string' || !(def.options ?? []).includes(raw.trim())) {
              problem([def.key], `${label} must be one of: ${(def.options ?? []).join(', ')}`, { kind: 'option' });
            }
            break;
          case 'address': {
            const parsed = addressAnswerSchema.safeParse(raw);
            if (!parsed.success) {
              for (const issue of parsed.error.issues) problem([def.key, ...issue.path.map(String)], `${label}: ${issue.path.join('.') || 'address'} ${issue.message}`, { kind: 'address' });
            }
            break;
          }
          default: {
            if (typeof raw !== 'string') {
              problem([def.key], `${label} must be text`, { kind: 'text' });
              break;
            }
            const value = raw.trim();
            const max = textMax(def);
            if (value.length > max) problem([def.key], `${label} must be at most ${max} characters`, { kind: 'maxLength', max });
            else if (def.type === 'email' && !emailAnswer.safeParse(value).success) problem([def.key], `${label} must be an email address such as name@example.com`, { kind: 'email' });
            else if (def.type === 'phone' && !isPhoneNumber(value)) problem([def.key], `${label} ${PHONE_MESSAGE}`, { kind: 'phone' });
          }
        }
      }
    })
    .transform((values) => {
      const out: Record<string, FieldAnswer> = {};
      for (const def of defs) {
        const raw = values[def.key];
        if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
        if (def.type === 'address') {
          if (!isBlankAddress(raw)) out[def.key] = addressAnswerSchema.parse(raw);
        } else if (def.type === 'number') out[def.key] = typeof raw === 'number' ? raw : Number(String(raw).trim());
        else if (def.type === 'checkbox') out[def.key] = raw as boolean;
        else out[def.key] = String(raw).trim();
      }
      return out;
    });
}

function isBlankAddress(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  return Object.values(raw as Record<string, unknown>).every((v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
}

// ─── Availability as a member sees it (marked by the club's rules) ──────────────────────────

export const slotMarkDto = z.object({
  /** deny: the rules forbid this time for the caller; approval: it would be created pending. */
  verdict: z.enum(['approval', 'deny']),
  /** The first rule that says so: its reason for this time, in the caller's language… */
  reason: z.string(),
  /** …and the rule itself (times one rule marks share one explanation). */
  ruleId: z.string(),
  ruleName: z.string(),
});

export const markedAvailabilityDto = schedulingSchemas.availabilityDto
  .extend({
    slots: z.array(schedulingSchemas.slotDto.extend({ rule: slotMarkDto.optional() })),
    /** The caller may not book this organization at all (who-may-book), and why; null when they may. */
    accessReason: z.string().nullable(),
  })
  .meta({ id: 'MarkedAvailability' });
export type MarkedAvailabilityDto = z.infer<typeof markedAvailabilityDto>;

// ─── Recurring reservations: …/bookings/series (create-series.ts, change-series.ts) ───────────

/** The most occurrences a recurring series may have (series-expansion.ts refuses more). */
export const MAX_OCCURRENCES = 52;
export const seriesWeekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type SeriesWeekday = (typeof seriesWeekdays)[number];
export const seriesFrequencies = ['daily', 'weekly', 'monthly'] as const;

export const seriesIdSchema = z.string().max(64).regex(/^bsr_[0-9a-z]{26}$/, 'must be a bsr_… id');
export const seriesParams = organizationSchemas.slugParams.extend({ seriesId: seriesIdSchema });
export const seriesModes = ['all_or_nothing', 'skip_conflicts'] as const;
export const seriesScopes = ['one', 'following', 'all'] as const;

const localTimeSchema = z
  .string()
  .max(5, 'must be a time as HH:MM')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (00:00–23:59)');

/**
 * An RFC 5545 rule, the parts a club needs: daily; weekly on chosen weekdays; monthly on a day
 * of the month or on the 1st–4th / last weekday; every N; ending after N times or on a date.
 */
export const repeatRuleSchema = z
  .object({
    freq: z.enum(seriesFrequencies, { message: `freq is one of ${seriesFrequencies.join(', ')}` }),
    interval: z.number().int().min(1).max(12).default(1),
    byWeekday: z.array(z.enum(seriesWeekdays, { message: `weekdays are ${seriesWeekdays.join(', ')}` })).min(1).max(7).optional(),
    byMonthDay: z.number().int().min(1).max(31).optional(),
    bySetPos: z.union([z.literal(-1), z.number().int().min(1).max(4)], { message: 'must be 1–4 or -1 (the last)' }).optional(),
    count: z.number().int().min(1).max(MAX_OCCURRENCES, `a series has at most ${MAX_OCCURRENCES} occurrences`).optional(),
    until: localDateSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.count === undefined) === (r.until === undefined)) ctx.addIssue({ code: 'custom', message: 'give either count or until', path: ['count'] });
    if (r.freq === 'daily' && (r.byWeekday || r.byMonthDay !== undefined || r.bySetPos !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a daily rule takes no weekdays or month days', path: ['freq'] });
    }
    if (r.freq === 'weekly' && (r.byMonthDay !== undefined || r.bySetPos !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a weekly rule takes weekdays, not month days', path: ['byMonthDay'] });
    }
    if (r.freq === 'monthly') {
      if (r.byMonthDay !== undefined && (r.byWeekday || r.bySetPos !== undefined)) {
        ctx.addIssue({ code: 'custom', message: 'monthly: either byMonthDay, or bySetPos with one weekday', path: ['byMonthDay'] });
      } else if ((r.bySetPos !== undefined) !== (r.byWeekday !== undefined) || (r.byWeekday && r.byWeekday.length !== 1)) {
        ctx.addIssue({ code: 'custom', message: 'monthly by weekday needs bySetPos and exactly one weekday', path: ['bySetPos'] });
      }
    }
  });
export type RepeatRuleInput = z.output<typeof repeatRuleSchema>;

/** `POST …/bookings/series`: the first occurrence (as a booking), the rule, and what to do with conflicts. */
export const createSeriesInput = z
  .object({
    serviceId: serviceIdSchema,
    /** A series books one resource (locked once for every occurrence). */
    resourceId: resourceIdSchema,
    start: instantSchema,
    end: instantSchema.optional(),
    customer: customerContactSchema.optional(),
    customerId: customerIdSchema.optional(),
    fields: fieldValuesSchema.default({}),
    message: freeText(2000).default(''),
    internalNotes: freeText(5000).default(''),
    seats: z.number().int().min(1).max(1000).default(1),
    repeat: repeatRuleSchema,
    /** all_or_nothing: one refused occurrence refuses the series; skip_conflicts: books the rest and lists the skipped. */
    mode: z.enum(seriesModes, { message: 'mode is all_or_nothing or skip_conflicts' }).default('all_or_nothing'),
  })
  .strict()
  .refine(endAfterStart, endAfterStartIssue);
export type CreateSeriesInput = z.output<typeof createSeriesInput>;

/** Cancel one occurrence, it and the following ones, or every future one. */
export const cancelSeriesInput = z
  .object({
    scope: z.enum(seriesScopes, { message: 'scope is one, following or all' }),
    /** The occurrence (for one and following). */
    bookingId: bookingIdSchema.optional(),
    reason: freeText(1000).min(1, 'say why the bookings are cancelled'),
  })
  .strict()
  .refine((v) => v.scope === 'all' || v.bookingId !== undefined, { message: 'name the occurrence (bookingId) for one or following', path: ['bookingId'] });

/** Move occurrences to another local time of day and/or another resource, all or nothing. */
export const editSeriesInput = z
  .object({
    scope: z.enum(seriesScopes, { message: 'scope is one, following or all' }),
    bookingId: bookingIdSchema.optional(),
    /** The new local start time (the dates stay). */
    time: localTimeSchema.optional(),
    resourceId: resourceIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.scope === 'all' || v.bookingId !== undefined, { message: 'name the occurrence (bookingId) for one or following', path: ['bookingId'] })
  .refine((v) => v.time !== undefined || v.resourceId !== undefined, { message: 'give a new time or resourceId', path: ['time'] });

export const skippedOccurrenceDto = z
  .object({
    start: isoInstant,
    reason: z.enum(['unavailable', 'taken', 'rules']),
    /** For `rules`: the rules that refused it, with their reasons. */
    rules: z.array(ruleResultDto).optional(),
  })
  .meta({ id: 'SkippedOccurrence' });
export type SkippedOccurrenceDto = z.infer<typeof skippedOccurrenceDto>;

export const seriesDto = z
  .object({
    id: z.string(),
    rrule: z.string(),
    startDate: z.string(),
    startTime: z.string(),
    timezone: z.string(),
    serviceId: z.string(),
    resourceId: z.string(),
    customerId: z.string().nullable(),
    mode: z.enum(seriesModes),
    cancelledAt: isoInstant.nullable(),
    createdAt: isoInstant,
    /** Every occurrence booked, by start (cancelled ones included). */
    occurrences: z.array(bookingDto),
  })
  .meta({ id: 'BookingSeries', description: 'A recurring reservation: its rule (local wall clock in `timezone`) and its occurrences.' });
export type SeriesDto = z.infer<typeof seriesDto>;

export const createdSeriesDto = z
  .object({
    series: seriesDto,
    /** The occurrences created now (some may be pending, waiting for approvals). */
    bookings: z.array(bookingDto),
    skipped: z.array(skippedOccurrenceDto),
    /** Rules that asked for approval or warned, by occurrence start. */
    rules: z.array(z.object({ start: isoInstant, rules: z.array(ruleResultDto) })),
    replayed: z.boolean(),
  })
  .meta({ id: 'CreatedBookingSeries' });
export type CreatedSeriesDto = z.infer<typeof createdSeriesDto>;

export const changedSeriesDto = z
  .object({ series: seriesDto, changed: z.array(z.string()).meta({ description: 'Ids of the occurrences changed' }) })
  .meta({ id: 'ChangedBookingSeries' });
export type ChangedSeriesDto = z.infer<typeof changedSeriesDto>;

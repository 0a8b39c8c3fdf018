import { DateTime } from 'luxon';
import { z } from 'zod';
import { bookingActions, bookingSources, bookingStatuses } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { freeText, searchText } from '@/lib/text';
import { customerContactSchema, customerIdSchema } from '@/modules/customers';
import { organizationSchemas } from '@/modules/organizations';
import { localDateSchema, resourceIdSchema, serviceIdSchema } from '@/modules/scheduling';

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

/** Answers to a service's custom fields: free text (escaped on output), numbers or ticks. */
const fieldValue = z.union([freeText(2000), z.number().finite(), z.boolean()], {
  message: 'must be text (at most 2000 characters), a number or true/false',
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
});

export const publicBookingInput = bookingFields.strict().refine(endAfterStart, endAfterStartIssue);
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

export const reasonInput = z.object({ reason: freeText(1000).optional() }).strict();
export const cancelInput = z.object({ reason: freeText(1000).min(1, 'say why the booking is cancelled') }).strict();

const statusList = z
  .string()
  .max(200, 'must be at most 200 characters')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(bookingStatuses, { message: `statuses are ${bookingStatuses.join(', ')}` })).max(7));

export const listBookingsQuery = paginationQuery
  .extend({
    status: statusList.optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    resourceId: resourceIdSchema.optional(),
    serviceId: serviceIdSchema.optional(),
    customerId: z.string().max(64).regex(/^cus_[0-9a-z]{26}$/, 'must be a cus_… id').optional(),
    q: searchText(100).optional(),
    sort: z.enum(['startsAt', '-startsAt', 'createdAt', '-createdAt']).default('startsAt'),
  })
  .refine((q) => typeof q.from !== 'string' || typeof q.to !== 'string' || q.to >= q.from, { message: 'must not be before from', path: ['to'] });

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

// ─── Path parameters ────────────────────────────────────────────────────────────────────────

export const bookingParams = organizationSchemas.slugParams.extend({ bookingId: bookingIdSchema });
/** A manage link's token: anything that is not a live token is simply not found (404) or gone (410). */
export const tokenParams = z.object({ token: z.string().max(200) });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const fieldAnswer = z.union([z.string(), z.number(), z.boolean()]);

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

export const createdBookingDto = z.object({ booking: bookingDto, manageUrl: z.string(), replayed: z.boolean() }).meta({ id: 'CreatedBooking' });
export const publicCreatedBookingDto = createdBookingDto
  .extend({ manageToken: z.string().meta({ description: "The manage link's secret: keep it; it is shown once." }) })
  .meta({ id: 'PublicCreatedBooking' });
export type PublicCreatedBookingDto = z.infer<typeof publicCreatedBookingDto>;

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
  })
  .meta({ id: 'ManagedBooking' });
export type ManagedBookingDto = z.infer<typeof managedBookingDto>;

/** `details` of a 409 for a taken time: the nearest free times, the chosen resource first. */
export const conflictDetailsDto = z.object({
  reason: z.string().optional(),
  alternatives: z
    .array(z.object({ start: isoInstant, end: isoInstant, resourceId: z.string().optional(), resourceName: z.string().optional() }).loose())
    .optional(),
});
export type ConflictDetails = z.infer<typeof conflictDetailsDto>;

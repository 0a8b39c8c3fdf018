import { DateTime } from 'luxon';
import { z } from 'zod';
import { bookingStatuses } from '@/db/schema';
import { paginationQuery } from '@/lib/pagination';
import { freeText, searchText } from '@/lib/text';
import { customerContactSchema } from '@/modules/customers';
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

import { z } from 'zod';
import { bookingStatuses } from '@/db/schema';
import { paginationQuery } from '@/lib/pagination';
import { customerContactSchema } from '@/modules/customers';
import { localDateSchema, resourceIdSchema, serviceIdSchema } from '@/modules/scheduling';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const bookingIdSchema = z.string().regex(/^bkg_[0-9a-z]{26}$/, 'must be a bkg_… id');

/** An instant with an explicit offset or Z, e.g. 2026-03-08T09:00:00-05:00. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-08T09:00:00-05:00' })
  .transform((v) => new Date(v));

const fieldValue = z.union([z.string().max(2000), z.number().finite(), z.boolean()]);
export const fieldValuesSchema = z.record(z.string().max(40), fieldValue).refine((o) => Object.keys(o).length <= 50, 'too many fields');

export const publicBookingInput = z
  .object({
    serviceId: serviceIdSchema,
    start: instantSchema,
    /** Multi-day services (stays) give the check-out instant too. */
    end: instantSchema.optional(),
    resourceId: resourceIdSchema.optional(),
    customer: customerContactSchema,
    fields: fieldValuesSchema.default({}),
    message: text(2000).default(''),
    seats: z.number().int().min(1).max(1000).default(1),
  })
  .strict();
export type PublicBookingInput = z.input<typeof publicBookingInput>;

export const staffBookingInput = publicBookingInput
  .omit({ customer: true })
  .extend({
    customer: customerContactSchema.optional(),
    internalNotes: text(5000).default(''),
    /** Staff may confirm at once even when the service asks for confirmation. */
    status: z.enum(['pending', 'confirmed']).optional(),
  })
  .strict();

export const idempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key must be 8–100 characters')
  .max(100, 'Idempotency-Key must be 8–100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key may contain letters, digits and . _ : -');

export const rescheduleInput = z
  .object({ start: instantSchema, end: instantSchema.optional(), resourceId: resourceIdSchema.optional() })
  .strict();

export const reasonInput = z.object({ reason: text(1000).optional() }).strict();
export const cancelInput = z.object({ reason: text(1000).min(1, 'say why the booking is cancelled') }).strict();

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(bookingStatuses, { message: `statuses are ${bookingStatuses.join(', ')}` })).max(7));

export const listBookingsQuery = paginationQuery.extend({
  status: statusList.optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  resourceId: resourceIdSchema.optional(),
  serviceId: serviceIdSchema.optional(),
  customerId: z.string().regex(/^cus_[0-9a-z]{26}$/, 'must be a cus_… id').optional(),
  q: text(100).optional(),
  sort: z.enum(['startsAt', '-startsAt', 'createdAt', '-createdAt']).default('startsAt'),
});

export const manageTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{40,60}$/, 'is not a valid booking link');

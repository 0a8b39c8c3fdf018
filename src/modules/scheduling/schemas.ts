import { DateTime } from 'luxon';
import { z } from 'zod';
import { canonicalTimeZone, isSupportedLocalDate, MAX_LOCAL_DATE, MAX_TIME_ZONE_LENGTH, MIN_LOCAL_DATE } from '@/lib/time';

export const MAX_WINDOW_DAYS = 62;

export const localDateSchema = z
  .string()
  .max(10, 'must be a date as YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => DateTime.fromISO(d, { zone: 'UTC' }).isValid, 'is not a real calendar date')
  .refine((d) => !DateTime.fromISO(d, { zone: 'UTC' }).isValid || isSupportedLocalDate(d), `must be between ${MIN_LOCAL_DATE} and ${MAX_LOCAL_DATE}`);

export const serviceIdSchema = z.string().max(64).regex(/^svc_[0-9a-z]{26}$/, 'must be a svc_… id');
export const resourceIdSchema = z.string().max(64).regex(/^res_[0-9a-z]{26}$/, 'must be a res_… id');
/** An IANA zone in its canonical spelling; getAvailability also checks the database knows it. */
export const zoneSchema = z
  .string()
  .max(MAX_TIME_ZONE_LENGTH)
  .transform((zone, ctx) => {
    const name = canonicalTimeZone(zone);
    if (name) return name;
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as America/Chicago' });
    return z.NEVER;
  });

export const availabilityQuery = z
  .object({
    serviceId: serviceIdSchema,
    from: localDateSchema,
    to: localDateSchema,
    resourceId: resourceIdSchema.optional(),
    timezone: zoneSchema.optional(),
    seats: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const from = DateTime.fromISO(q.from, { zone: 'UTC' });
    const to = DateTime.fromISO(q.to, { zone: 'UTC' });
    if (!from.isValid || !to.isValid) return;
    const days = to.diff(from, 'days').days + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after from' });
    else if (days > MAX_WINDOW_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the window is at most ${MAX_WINDOW_DAYS} days` });
  });
export type AvailabilityQuery = z.output<typeof availabilityQuery>;

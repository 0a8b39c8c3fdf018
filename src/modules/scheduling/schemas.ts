import { DateTime } from 'luxon';
import { z } from 'zod';
import { bookingModes } from '@/db/enums';
import { isoDate, isoInstant } from '@/lib/dto';
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

export const addonIdSchema = z.string().max(64).regex(/^adn_[0-9a-z]{26}$/, 'must be an adn_… id');

/** One add-on chosen for a booking, and how many. */
export const addonChoiceSchema = z.object({ addonId: addonIdSchema, quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100') }).strict();
export type AddonChoice = z.output<typeof addonChoiceSchema>;

/** Add-ons chosen, each add-on once. */
export const addonChoicesSchema = z
  .array(addonChoiceSchema)
  .max(20, 'at most 20 add-ons')
  .refine((list) => new Set(list.map((a) => a.addonId)).size === list.length, 'each add-on at most once');

/** `addons=adn_…:2,adn_…:1` in a query string: the same choices as a booking's `addons`. */
export const addonChoicesQuery = z
  .string()
  .max(1500, 'must be at most 1500 characters')
  .transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [addonId, qty] = part.split(':');
        return { addonId: addonId ?? '', quantity: qty === undefined ? 1 : Number(qty) };
      }),
  )
  .pipe(addonChoicesSchema);

export const availabilityQuery = z
  .object({
    serviceId: serviceIdSchema,
    from: localDateSchema,
    to: localDateSchema,
    resourceId: resourceIdSchema.optional(),
    timezone: zoneSchema.optional(),
    seats: z.coerce.number().int().min(1).max(1000).optional(),
    /** Add-ons that lengthen the booking: slots are searched for the longer duration. */
    addons: addonChoicesQuery.optional(),
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

export const availabilityParams = z.object({ slug: z.string().max(100) });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

export const slotDto = z.object({
  start: isoInstant,
  end: isoInstant,
  /** The resources free for this time (with "any resource", all of them). */
  resourceIds: z.array(z.string()),
  /** Free resources, or free seats for a group service. */
  remaining: z.number().int(),
});
export type SlotDto = z.infer<typeof slotDto>;

export const availabilityDto = z
  .object({
    /** The zone `start`/`end` are given in: the requested one, else the organization's. */
    timezone: z.string(),
    organizationTimezone: z.string(),
    serviceId: z.string(),
    bookingMode: z.enum(bookingModes),
    slots: z.array(slotDto),
    /** The answer stopped early (it is bounded): ask again from this date. Null when the window is covered. */
    nextFrom: isoDate.nullable(),
  })
  .meta({ id: 'Availability' });
export type AvailabilityDto = z.infer<typeof availabilityDto>;

/** Recurring reservations: the inputs and answers of `…/bookings/series` (create-series.ts, change-series.ts). */
import { z } from 'zod';
import { isoInstant } from '@/lib/dto';
import { freeText } from '@/lib/text';
import { customerContactSchema, customerIdSchema } from '@/modules/customers/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { ruleResultDto } from '@/modules/rules/schemas';
import { localDateSchema, resourceIdSchema, serviceIdSchema } from '@/modules/scheduling/schemas';
import { bookingDto, bookingIdSchema, fieldValuesSchema, instantSchema } from './schemas';
import { MAX_OCCURRENCES, seriesFrequencies, seriesWeekdays } from './series-expansion';

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

const endAfterStart = (v: { start?: unknown; end?: unknown }) => !(v.start instanceof Date) || !(v.end instanceof Date) || v.end > v.start;

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
  .refine(endAfterStart, { message: 'must be after start', path: ['end'] });
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

/** Inputs of the catalog module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { blackoutKinds, bookingModes, capacityLabels, contentLocales, customFieldTypes, resourceKinds, serviceCategories } from '@/db/enums';
import { isoDate, isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { type IdKind, isId } from '@/lib/ids';
import { paginationQuery } from '@/lib/pagination';
import { freeText, plainText, searchText } from '@/lib/text';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { isCalendarDate, overlappingRange, toMinutes, weekdayNames } from './time-ranges';

const text = plainText;
const required = (max: number) => text(max).min(1, 'is required');
const int = (min: number, max: number) =>
  z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `at most ${max} items`);

export const idSchema = (kind: IdKind, what: string = kind) =>
  z.string().max(64, `must be a ${what} id`).refine((v) => isId(kind, v), `must be a ${what} id`);

export const serviceIdSchema = idSchema('service', 'service');
export const resourceIdSchema = idSchema('resource', 'resource');
export const dateOverrideIdSchema = idSchema('dateOverride', 'date override');
export const blackoutIdSchema = idSchema('blackout', 'blackout');

export const timezoneSchema = organizationSchemas.timezoneSchema;

export const serviceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');

// ─── Time ranges ────────────────────────────────────────────────────────────────────────────

const LOCAL_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const localTimeSchema = z.string({ message: 'must be a time "HH:MM"' }).max(5, 'must be a time "HH:MM" between 00:00 and 24:00').regex(LOCAL_TIME, 'must be a time "HH:MM" between 00:00 and 24:00');

export const localDateSchema = z
  .string({ message: 'must be a date "YYYY-MM-DD"' })
  .max(10, 'must be a date "YYYY-MM-DD"')
  .refine(isCalendarDate, 'must be a real calendar date "YYYY-MM-DD"');

export const timeRangeSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .strict()
  // zod 4 runs this even when a time failed its regex: compare only well-formed times.
  .refine((r) => !LOCAL_TIME.test(r.start) || !LOCAL_TIME.test(r.end) || toMinutes(r.end) > toMinutes(r.start), {
    message: 'must be after start (ranges do not cross midnight)',
    path: ['end'],
  });

/** Ranges of one day: lunch breaks are the gaps. Touching ranges are fine, overlapping ones are not. */
export const dayRangesSchema = list(timeRangeSchema, 12).superRefine((ranges, ctx) => {
  const clash = overlappingRange(ranges);
  if (clash) {
    const other = ranges[clash.other]!;
    ctx.addIssue({ code: 'custom', path: [clash.index], message: `overlaps ${other.start}–${other.end} on the same day` });
  }
});

export const weeklyHoursSchema = list(
  z.object({ weekday: int(1, 7).describe('ISO weekday: 1 = Monday … 7 = Sunday'), ranges: dayRangesSchema }).strict(),
  7,
).superRefine((days, ctx) => {
  const seen = new Set<number>();
  days.forEach((day, i) => {
    if (seen.has(day.weekday)) {
      ctx.addIssue({ code: 'custom', path: [i, 'weekday'], message: `${weekdayNames[day.weekday]} appears twice; list all its ranges in one entry` });
    }
    seen.add(day.weekday);
  });
});

export const setHoursInput = z.object({ weekly: weeklyHoursSchema }).strict();
export type SetHoursInput = z.input<typeof setHoursInput>;

// ─── Services ───────────────────────────────────────────────────────────────────────────────

const customFieldKey = z
  .string({ message: 'is required' })
  .max(40, 'use a lowercase letter, then letters, digits or _ (at most 40)')
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'use a lowercase letter, then letters, digits or _ (at most 40)');

export const customFieldSchema = z
  .object({
    key: customFieldKey,
    label: required(120),
    type: z.enum(customFieldTypes, { message: `must be one of ${customFieldTypes.join(', ')}` }),
    required: z.boolean().default(false),
    options: list(required(100), 50).optional(),
    maxLength: int(1, 5000).optional(),
    min: z.number({ message: 'must be a number' }).finite().min(-1e9).max(1e9).optional(),
    max: z.number({ message: 'must be a number' }).finite().min(-1e9).max(1e9).optional(),
    integer: z.boolean().optional(),
    helpText: text(300).optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    // zod 4 runs this even when a property failed its own schema: look only at sound values.
    if (field.type === 'select') {
      if (!Array.isArray(field.options) || field.options.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs 1 to 50 options' });
      } else {
        const seen = new Set<string>();
        field.options.forEach((option, i) => {
          if (seen.has(option)) ctx.addIssue({ code: 'custom', path: ['options', i], message: `"${option}" is listed twice` });
          seen.add(option);
        });
      }
    } else if (field.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options are only for select fields' });
    }
    if (field.maxLength !== undefined && field.type !== 'text' && field.type !== 'textarea') {
      ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'maxLength applies to text and textarea fields' });
    }
    for (const key of ['min', 'max', 'integer'] as const) {
      if (field[key] !== undefined && field.type !== 'number') ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to number fields` });
    }
    if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be at least min' });
    }
  });

export const customFieldsSchema = list(customFieldSchema, 30).superRefine((fields, ctx) => {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `"${field.key}" is used by another field` });
    seen.add(field.key);
  });
});

const processStepSchema = z.object({ title: required(120), description: freeText(1000).optional() }).strict();

// ─── Translations ───────────────────────────────────────────────────────────────────────────

export { blackoutKinds, contentLocales };
export type ContentLocale = (typeof contentLocales)[number];

/** The language an organization writes its content in: "es-PA" → "es"; one Bookline does not write content in → "en". */
export function contentLocaleOf(organizationLocale: string): ContentLocale {
  const base = organizationLocale.trim().toLowerCase().split(/[-_]/)[0];
  return (contentLocales as readonly string[]).includes(base ?? '') ? (base as ContentLocale) : 'en';
}

/** The languages an organization's content can be translated into: every content language but its own. */
export const translationLocales = (organizationLocale: string): ContentLocale[] => contentLocales.filter((l) => l !== contentLocaleOf(organizationLocale));

export const contentLocaleSchema = z.enum(contentLocales, { message: `must be one of ${contentLocales.join(', ')}` });

const customFieldTranslationSchema = z
  .object({ label: text(120).optional(), helpText: text(300).optional(), options: list(text(100), 50).optional() })
  .strict();

/**
 * A service's text in another language. Each field is optional (what is missing or empty shows
 * the organization's own text); questions are keyed by their key, options by position.
 */
export const serviceTranslationSchema = z
  .object({
    name: text(120).optional(),
    title: text(200).optional(),
    description: freeText(5000).optional(),
    features: list(text(200), 30).optional(),
    benefits: list(text(200), 30).optional(),
    processSteps: list(z.object({ title: text(120), description: freeText(1000).optional() }).strict(), 20).optional(),
    customFields: z.record(customFieldKey, customFieldTranslationSchema).refine((r) => Object.keys(r).length <= 30, 'at most 30 questions').optional(),
  })
  .strict();
export type ServiceTranslationInput = z.input<typeof serviceTranslationSchema>;

export const resourceTranslationSchema = z.object({ name: text(120).optional(), description: freeText(5000).optional() }).strict();

const translationsOf = <T extends z.ZodType>(one: T) =>
  z.object(Object.fromEntries(contentLocales.map((l) => [l, one.optional()])) as Record<(typeof contentLocales)[number], z.ZodOptional<T>>).strict();
export const serviceTranslationsSchema = translationsOf(serviceTranslationSchema);
export const resourceTranslationsSchema = translationsOf(resourceTranslationSchema);

/** `?lang=es`: the language the public catalog answers in (the organization's own when omitted). */
export const publicLangQuery = z.object({ lang: contentLocaleSchema.optional() });

/** Unique, in the order given (a repeated id is not an error, it is the same resource). */
export const resourceIdsSchema = list(resourceIdSchema, 100).transform((ids) => [...new Set(ids)]);

/** Minutes in a day: a slot booking fits inside one day's working range. */
export const MAX_SLOT_MINUTES = 24 * 60;

/**
 * Shortest duration and slot interval: 5 minutes. A 1-minute grid offered 1,440 starts a day per
 * resource and let one catalog make every availability answer huge (docs/security.md).
 */
export const MIN_SLOT_MINUTES = 5;

// ─── Party packages and add-ons (docs/decisions/0018-add-ons-and-party-packages.md) ──────────

export const addonPricings = ['per_booking', 'per_guest'] as const;
export const depositTypes = ['fixed', 'percent'] as const;

export const cancellationStepSchema = z.object({ minNoticeHours: int(0, 8760), refundPercent: int(0, 100) }).strict();

/** Sorted by notice, longest first; each notice once; refunds never grow as notice shrinks. */
export const cancellationPolicySchema = list(cancellationStepSchema, 10)
  .transform((steps) => [...steps].sort((a, b) => b.minNoticeHours - a.minNoticeHours))
  .superRefine((steps, ctx) => {
    steps.forEach((step, i) => {
      const prev = steps[i - 1];
      if (prev && prev.minNoticeHours === step.minNoticeHours) ctx.addIssue({ code: 'custom', path: [i, 'minNoticeHours'], message: 'each notice at most once' });
      if (prev && prev.refundPercent < step.refundPercent) ctx.addIssue({ code: 'custom', path: [i, 'refundPercent'], message: 'a shorter notice cannot refund more than a longer one' });
    });
  });

/**
 * A service sold as a package (a party): guests included in its price, extra guests' prices,
 * guest bounds (children + adults), the deposit taken when booking and the cancellation policy.
 */
export const packageSchema = z
  .object({
    includedChildren: int(0, 1000),
    includedAdults: int(0, 1000),
    extraChildMinor: int(0, 1_000_000_000),
    extraAdultMinor: int(0, 1_000_000_000),
    minGuests: int(1, 1000),
    maxGuests: int(1, 1000),
    depositType: z.enum(depositTypes, { message: 'must be fixed or percent' }),
    depositValue: int(0, 1_000_000_000),
    balanceDueDays: int(0, 365).default(0),
    cancellationPolicy: cancellationPolicySchema.default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (typeof p.minGuests === 'number' && typeof p.maxGuests === 'number' && p.minGuests > p.maxGuests) ctx.addIssue({ code: 'custom', path: ['maxGuests'], message: 'must be at least minGuests' });
    if (p.depositType === 'percent' && typeof p.depositValue === 'number' && p.depositValue > 100) ctx.addIssue({ code: 'custom', path: ['depositValue'], message: 'a percentage is at most 100' });
  });
export type PackageInput = z.output<typeof packageSchema>;

const addonTranslationSchema = z.object({ name: text(120).optional(), description: freeText(2000).optional() }).strict();

const addonFields = {
  name: required(120),
  description: freeText(2000),
  translations: z.object(Object.fromEntries(contentLocales.map((l) => [l, addonTranslationSchema.optional()])) as Record<(typeof contentLocales)[number], z.ZodOptional<typeof addonTranslationSchema>>).strict(),
  priceMinor: int(0, 1_000_000_000),
  pricing: z.enum(addonPricings, { message: 'must be per_booking or per_guest' }),
  /** Minutes each unit adds to the booking (an extra hour: 60). */
  extraMinutes: int(0, 1440),
  maxQuantity: int(1, 100),
  /** The stock item each unit draws on (null: unlimited). */
  stockItemId: idSchema('stockItem', 'stock item').nullable(),
  /** Units of the stock item one unit takes (a per-guest add-on takes them per guest). */
  units: int(1, 1000),
  active: z.boolean(),
  position: int(-100_000, 100_000),
};

export const createAddonInput = z
  .object({
    ...addonFields,
    description: addonFields.description.default(''),
    translations: addonFields.translations.default({}),
    pricing: addonFields.pricing.default('per_booking'),
    extraMinutes: addonFields.extraMinutes.default(0),
    maxQuantity: addonFields.maxQuantity.default(1),
    stockItemId: addonFields.stockItemId.default(null),
    units: addonFields.units.default(1),
    active: addonFields.active.default(true),
    position: addonFields.position.default(0),
  })
  .strict();
export type CreateAddonInput = z.input<typeof createAddonInput>;

export const updateAddonInput = z
  .object(Object.fromEntries(Object.entries(addonFields).map(([k, s]) => [k, s.optional()])) as { [K in keyof typeof addonFields]: z.ZodOptional<(typeof addonFields)[K]> })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateAddonInput = z.input<typeof updateAddonInput>;

const serviceFields = {
  name: required(120),
  slug: serviceSlugSchema,
  category: z.enum(serviceCategories, { message: 'must be primary or additional' }),
  title: text(200).nullable(),
  description: freeText(5000),
  features: list(required(200), 30),
  benefits: list(required(200), 30),
  processSteps: list(processStepSchema, 20),
  sortOrder: int(-100_000, 100_000),
  active: z.boolean(),
  bookingMode: z.enum(bookingModes, { message: 'must be slot or multi_day' }),
  durationMinutes: int(MIN_SLOT_MINUTES, 525_600),
  bufferBeforeMinutes: int(0, 1440),
  bufferAfterMinutes: int(0, 1440),
  slotIntervalMinutes: int(MIN_SLOT_MINUTES, 1440),
  minNoticeMinutes: int(0, 525_600),
  maxAdvanceDays: int(1, 730),
  cancellationNoticeMinutes: int(0, 525_600),
  /** Hours before the start the guest is reminded (0: no reminder); at most two weeks. */
  reminderHours: int(0, 336),
  priceMinor: int(0, 1_000_000_000),
  currency: z.string().trim().max(3, 'must be an ISO 4217 currency code such as USD').toUpperCase().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD'),
  priceFrom: z.boolean(),
  capacity: int(1, 10_000),
  requiresConfirmation: z.boolean(),
  customFields: customFieldsSchema,
  resourceIds: resourceIdsSchema,
  translations: serviceTranslationsSchema,
  /** Package pricing (a party); null: an ordinary service. Replaces the whole package when sent. */
  package: packageSchema.nullable(),
};

export const createServiceInput = z
  .object({
    ...serviceFields,
    // Derived from the name when omitted.
    slug: serviceFields.slug.optional(),
    category: serviceFields.category.default('primary'),
    title: serviceFields.title.optional(),
    description: serviceFields.description.default(''),
    features: serviceFields.features.default([]),
    benefits: serviceFields.benefits.default([]),
    processSteps: serviceFields.processSteps.default([]),
    sortOrder: serviceFields.sortOrder.default(0),
    active: serviceFields.active.default(true),
    bookingMode: serviceFields.bookingMode.default('slot'),
    bufferBeforeMinutes: serviceFields.bufferBeforeMinutes.default(0),
    bufferAfterMinutes: serviceFields.bufferAfterMinutes.default(0),
    slotIntervalMinutes: serviceFields.slotIntervalMinutes.default(30),
    minNoticeMinutes: serviceFields.minNoticeMinutes.default(60),
    maxAdvanceDays: serviceFields.maxAdvanceDays.default(60),
    cancellationNoticeMinutes: serviceFields.cancellationNoticeMinutes.default(1440),
    reminderHours: serviceFields.reminderHours.default(24),
    priceMinor: serviceFields.priceMinor.default(0),
    // Defaults to the organization's currency.
    currency: serviceFields.currency.optional(),
    priceFrom: serviceFields.priceFrom.default(false),
    capacity: serviceFields.capacity.default(1),
    requiresConfirmation: serviceFields.requiresConfirmation.default(false),
    customFields: serviceFields.customFields.default([]),
    resourceIds: serviceFields.resourceIds.default([]),
    translations: serviceFields.translations.default({}),
    package: serviceFields.package.default(null),
  })
  .strict();
export type CreateServiceInput = z.input<typeof createServiceInput>;

// No defaults here: zod 4 applies a default even inside .optional(), which would reset fields.
export const updateServiceInput = z
  .object(Object.fromEntries(Object.entries(serviceFields).map(([k, s]) => [k, s.optional()])) as {
    [K in keyof typeof serviceFields]: z.ZodOptional<(typeof serviceFields)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateServiceInput = z.input<typeof updateServiceInput>;

const booleanQuery = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
const searchQuery = searchText(100).optional();

export const listServicesQuery = paginationQuery
  .extend({
    active: booleanQuery.optional(),
    category: serviceFields.category.optional(),
    q: searchQuery,
  });

// ─── Resources ──────────────────────────────────────────────────────────────────────────────

export const multiDaySchema = z
  .object({
    checkInTime: localTimeSchema.refine((t) => t !== '24:00', 'must be before 24:00'),
    checkOutTime: localTimeSchema.refine((t) => t !== '24:00', 'must be before 24:00'),
    minNights: int(1, 365),
    maxNights: int(1, 365),
  })
  .strict()
  .refine((m) => typeof m.minNights !== 'number' || typeof m.maxNights !== 'number' || m.maxNights >= m.minNights, {
    message: 'must be at least minNights',
    path: ['maxNights'],
  });

const detailValue = z.union([text(500), z.number(), z.boolean(), z.null(), list(text(200), 20)], {
  message: 'must be text (≤ 500), a number, true/false, null or a list of texts',
});

/**
 * Free-form facts shown with the resource (seats, range, bedrooms…): flat and bounded. Two keys
 * the public pages read: `maxPeople`, how many people it takes (a whole number), and
 * `capacityLabel`, how to say it (passengers, guests, sleeps, people; see `publicCapacityOf`).
 */
export const detailsSchema = z
  .record(z.string().max(40, 'keys are letters, digits and _ (at most 40)').regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'keys are letters, digits and _ (at most 40)'), detailValue)
  .refine((d) => Object.keys(d).length <= 40, 'at most 40 details')
  .superRefine((d, ctx) => {
    const people = d.maxPeople;
    if (people !== undefined && people !== null && !(typeof people === 'number' && Number.isInteger(people) && people >= 1 && people <= 10_000)) {
      ctx.addIssue({ code: 'custom', path: ['maxPeople'], message: 'must be a whole number from 1 to 10000' });
    }
    const label = d.capacityLabel;
    if (label !== undefined && label !== null && !(capacityLabels as readonly unknown[]).includes(label)) {
      ctx.addIssue({ code: 'custom', path: ['capacityLabel'], message: `must be one of ${capacityLabels.join(', ')}` });
    }
  });

/**
 * A photo's address: https:// anywhere, or a path on this site ("/demo/reservepty/cj3.svg", a
 * file the install serves itself). The pages' Content-Security-Policy (img-src 'self') shows
 * only the second kind, so files kept with the install are the ones that always display.
 */
const SITE_PATH = /^\/(?!\/)[A-Za-z0-9._~\-/]+$/;
const PHOTO_MESSAGE = 'must be an https:// URL or a path on this site such as /photos/cabin.jpg';
function isPhotoAddress(value: string): boolean {
  if (SITE_PATH.test(value)) return !value.split('/').some((part) => part === '.' || part === '..');
  if (!value.startsWith('https://')) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}
const photoUrl = z.string({ message: PHOTO_MESSAGE }).max(500, 'must be at most 500 characters').refine(isPhotoAddress, PHOTO_MESSAGE);

const resourceFields = {
  kind: z.enum(resourceKinds, { message: `must be one of ${resourceKinds.join(', ')}` }),
  name: required(120),
  description: freeText(5000),
  section: text(60).min(1, 'must not be empty; send null to clear').nullable(),
  details: detailsSchema,
  photos: list(photoUrl, 20),
  capacity: int(1, 10_000),
  timezone: timezoneSchema.nullable(),
  active: z.boolean(),
  userId: idSchema('user', 'user').nullable(),
  multiDay: multiDaySchema.nullable(),
  sortOrder: int(-100_000, 100_000),
  translations: resourceTranslationsSchema,
};

export const createResourceInput = z
  .object({
    ...resourceFields,
    description: resourceFields.description.default(''),
    section: resourceFields.section.optional(),
    details: resourceFields.details.default({}),
    photos: resourceFields.photos.default([]),
    capacity: resourceFields.capacity.default(1),
    timezone: resourceFields.timezone.optional(),
    active: resourceFields.active.default(true),
    userId: resourceFields.userId.optional(),
    multiDay: resourceFields.multiDay.optional(),
    sortOrder: resourceFields.sortOrder.default(0),
    translations: resourceFields.translations.default({}),
  })
  .strict();
export type CreateResourceInput = z.input<typeof createResourceInput>;

export const updateResourceInput = z
  .object(Object.fromEntries(Object.entries(resourceFields).map(([k, s]) => [k, s.optional()])) as {
    [K in keyof typeof resourceFields]: z.ZodOptional<(typeof resourceFields)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateResourceInput = z.input<typeof updateResourceInput>;

export const listResourcesQuery = paginationQuery
  .extend({
    kind: resourceFields.kind.optional(),
    section: text(60).optional(),
    active: booleanQuery.optional(),
    q: searchQuery,
  });

// ─── Date overrides and blackouts ───────────────────────────────────────────────────────────

export const upsertDateOverrideInput = z
  .object({
    /** null or omitted = the whole organization. */
    resourceId: resourceIdSchema.nullable().default(null),
    date: localDateSchema,
    /** [] = closed all day; otherwise these ranges replace the weekly hours of that date. */
    ranges: dayRangesSchema,
    reason: freeText(200).nullable().optional(),
  })
  .strict();
export type UpsertDateOverrideInput = z.input<typeof upsertDateOverrideInput>;

/** `resourceId=organization` lists only organization-wide rows. */
const scopeQuery = z.union([z.literal('organization'), resourceIdSchema], { message: 'must be a resource id or "organization"' });

export const listDateOverridesQuery = paginationQuery
  .extend({ resourceId: scopeQuery.optional(), from: localDateSchema.optional(), to: localDateSchema.optional() })
  .refine((q) => !isCalendarDate(String(q.from)) || !isCalendarDate(String(q.to)) || q.to! >= q.from!, { message: 'must not be before from', path: ['to'] });

// Instants with an explicit offset: a wall-clock time without a zone is ambiguous.
const INSTANT_MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2025-12-24T18:00:00Z';
const instantSchema = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .max(40, INSTANT_MESSAGE)
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2200, 'must be between the years 2000 and 2200');

export const blackoutKindSchema = z.enum(blackoutKinds, { message: `must be one of ${blackoutKinds.join(', ')}` });
export const blackoutTranslationSchema = z.object({ reason: freeText(200).optional() }).strict();
export const blackoutTranslationsSchema = translationsOf(blackoutTranslationSchema);

export const createBlackoutInput = z
  .object({
    resourceId: resourceIdSchema.nullable().default(null),
    startsAt: instantSchema,
    endsAt: instantSchema,
    /** Why: a closure (default), an asset's maintenance window (shown publicly with its reason), an event, other. */
    kind: blackoutKindSchema.default('closure'),
    reason: freeText(200).nullable().optional(),
    /** The reason in other languages. */
    translations: blackoutTranslationsSchema.default({}),
  })
  .strict()
  .refine((b) => !(b.startsAt instanceof Date) || !(b.endsAt instanceof Date) || b.endsAt > b.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });
export type CreateBlackoutInput = z.input<typeof createBlackoutInput>;

export const listBlackoutsQuery = paginationQuery
  .extend({ resourceId: scopeQuery.optional(), kind: blackoutKindSchema.optional(), from: instantSchema.optional(), to: instantSchema.optional() })
  .refine((q) => !(q.from instanceof Date) || !(q.to instanceof Date) || q.to > q.from, { message: 'must be after from', path: ['to'] });

// ─── Path parameters ────────────────────────────────────────────────────────────────────────

const slugParams = organizationSchemas.slugParams;
export const serviceParams = slugParams.extend({ serviceId: serviceIdSchema });
export const resourceParams = slugParams.extend({ resourceId: resourceIdSchema });
export const overrideParams = slugParams.extend({ overrideId: dateOverrideIdSchema });
export const blackoutParams = slugParams.extend({ blackoutId: blackoutIdSchema });
export const addonIdSchema = idSchema('serviceAddon', 'add-on');
export const addonParams = serviceParams.extend({ addonId: addonIdSchema });
/** Public lookup by id or slug; anything malformed is simply not found (404). */
// The bound only caps the work (a URL's length); any value that is not a real id or slug answers 404.
export const publicServiceParams = slugParams.extend({ idOrSlug: z.string().max(2048).meta({ description: 'The service id or its slug' }) });

/** Public lookups: a service id or its slug. */
export const idOrSlugSchema = z.union([serviceIdSchema, serviceSlugSchema]);

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────
// What the use cases return and the routes declare: plain JSON (ISO instants, minor units, no
// rows). Staff answers leave out organizationId (the URL names the organization); public
// answers carry nobody's contact data and no internal fields.

const integer = z.number().int();

export const timeRangeDto = z
  .object({ start: z.string().meta({ description: '"HH:MM"' }), end: z.string().meta({ description: '"HH:MM", may be "24:00"' }) })
  .meta({ id: 'TimeRange', description: 'A wall-clock range of one day in the schedule’s zone; ranges do not cross midnight.' });
export type TimeRangeDto = z.infer<typeof timeRangeDto>;

export const weekdayHoursDto = z
  .object({ weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }), ranges: z.array(timeRangeDto) })
  .meta({ id: 'WeekdayHours', description: 'One weekday’s ranges; none = closed, two or more = breaks between them.' });
export type WeekdayHoursDto = z.infer<typeof weekdayHoursDto>;

/** All seven weekdays, Monday first. */
const weeklyDto = z.array(weekdayHoursDto);

export const businessHoursDto = z.object({ timezone: z.string(), weekly: weeklyDto }).meta({ id: 'BusinessHours' });
export type BusinessHoursDto = z.infer<typeof businessHoursDto>;

export const resourceHoursDto = z
  .object({
    resourceId: z.string(),
    timezone: z.string(),
    inheritsBusinessHours: z.boolean().meta({ description: 'True when the resource has no weekly hours of its own and uses the business hours' }),
    weekly: weeklyDto,
  })
  .meta({ id: 'ResourceHours', description: 'A resource’s effective weekly hours: its own, or the business hours it inherits.' });
export type ResourceHoursDto = z.infer<typeof resourceHoursDto>;

export const customFieldDto = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(customFieldTypes),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
    maxLength: integer.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    helpText: z.string().optional(),
    optionLabels: z.array(z.string()).optional().meta({ description: 'Public answers in another language: what to show for each of options (by position); the value sent is still the option' }),
  })
  .meta({ id: 'CustomField', description: 'A question the booking form asks for this service.' });
export type CustomFieldDto = z.infer<typeof customFieldDto>;

const processStepDto = z.object({ title: z.string(), description: z.string().optional() }).meta({ id: 'ProcessStep' });

const serviceTranslationDto = z
  .object({
    name: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    features: z.array(z.string()).optional(),
    benefits: z.array(z.string()).optional(),
    processSteps: z.array(processStepDto).optional(),
    customFields: z.record(z.string(), z.object({ label: z.string().optional(), helpText: z.string().optional(), options: z.array(z.string()).optional() })).optional(),
  })
  .meta({ id: 'ServiceTranslation', description: 'The service’s text in another language; what is missing shows the organization’s own text.' });
const resourceTranslationDto = z.object({ name: z.string().optional(), description: z.string().optional() }).meta({ id: 'ResourceTranslation' });
const translationsDto = <T extends z.ZodType>(one: T) => z.object(Object.fromEntries(contentLocales.map((l) => [l, one.optional()])) as Record<(typeof contentLocales)[number], z.ZodOptional<T>>);

const cancellationStepDto = z
  .object({ minNoticeHours: integer, refundPercent: integer })
  .meta({ id: 'CancellationStep', description: 'Cancelling at least minNoticeHours before the start refunds refundPercent of what was paid.' });

export const packageDto = z
  .object({
    includedChildren: integer,
    includedAdults: integer,
    extraChildMinor: moneyMinor,
    extraAdultMinor: moneyMinor,
    minGuests: integer.meta({ description: 'Bounds on children + adults' }),
    maxGuests: integer,
    depositType: z.enum(depositTypes),
    depositValue: integer.meta({ description: 'fixed: minor units (capped at the total); percent: 0..100' }),
    balanceDueDays: integer.meta({ description: 'The balance is due this many days before the date' }),
    cancellationPolicy: z.array(cancellationStepDto).meta({ description: 'Longest notice first; a notice below every step refunds nothing' }),
  })
  .meta({ id: 'ServicePackage', description: 'Package pricing of a party: guests included, extra guests, deposit and cancellation policy.' });
export type PackageDto = z.infer<typeof packageDto>;

export const addonDto = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    name: z.string(),
    description: z.string(),
    translations: translationsDto(z.object({ name: z.string().optional(), description: z.string().optional() }).meta({ id: 'AddonTranslation' })),
    priceMinor: moneyMinor,
    currency: z.string(),
    pricing: z.enum(addonPricings).meta({ description: 'per_booking: price × quantity; per_guest: price × quantity × guests' }),
    extraMinutes: integer.meta({ description: 'Minutes each unit adds to the booking' }),
    maxQuantity: integer,
    stockItemId: z.string().nullable().meta({ description: 'The stock item each unit draws on; null: unlimited' }),
    units: integer.meta({ description: 'Units of the stock item one unit of the add-on takes (per guest for a per-guest add-on)' }),
    stock: z
      .object({ code: z.string(), onHand: integer, reserved: integer, available: integer })
      .nullable()
      .meta({ id: 'AddonStockItem', description: 'The stock item’s counts now (reserved includes bookings’ add-on holds and open orders)' }),
    left: integer.nullable().meta({ description: 'How many more can be taken now (available ÷ units); null when unlimited' }),
    active: z.boolean(),
    position: integer,
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'ServiceAddon', description: 'An optional extra of a service (a cake, decorations, an extra hour).' });
export type AddonDto = z.infer<typeof addonDto>;
export const addonListDto = z.object({ data: z.array(addonDto) }).meta({ id: 'ServiceAddonList', description: 'A service’s add-ons in their order (at most 50).' });
export type AddonListDto = z.infer<typeof addonListDto>;

export const publicAddonDto = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    priceMinor: moneyMinor,
    pricing: z.enum(addonPricings),
    extraMinutes: integer,
    maxQuantity: integer,
    left: integer.nullable().meta({ description: 'How many more can be taken now (a per-guest add-on takes one per guest); null when unlimited. A snapshot: placing the booking decides.' }),
  })
  .meta({ id: 'PublicAddon', description: 'An active add-on, its texts in the language asked for.' });
export type PublicAddon = z.infer<typeof publicAddonDto>;

export const serviceDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    category: z.enum(serviceCategories),
    title: z.string().nullable(),
    description: z.string(),
    features: z.array(z.string()),
    benefits: z.array(z.string()),
    processSteps: z.array(processStepDto),
    sortOrder: integer,
    active: z.boolean(),
    bookingMode: z.enum(bookingModes),
    durationMinutes: integer,
    bufferBeforeMinutes: integer,
    bufferAfterMinutes: integer,
    slotIntervalMinutes: integer,
    minNoticeMinutes: integer,
    maxAdvanceDays: integer,
    cancellationNoticeMinutes: integer,
    reminderHours: integer,
    priceMinor: moneyMinor,
    currency: z.string(),
    priceFrom: z.boolean(),
    capacity: integer,
    requiresConfirmation: z.boolean(),
    customFields: z.array(customFieldDto),
    resourceIds: z.array(z.string()).meta({ description: 'The resources that can perform it, in their sort order' }),
    translations: translationsDto(serviceTranslationDto),
    package: packageDto.nullable().meta({ description: 'Package pricing (a party); null for an ordinary service' }),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Service', description: 'A service as staff see it (archived ones have active = false).' });
export type ServiceDto = z.infer<typeof serviceDto>;
export const servicePage = pageOf(serviceDto);

export const linkedResourceDto = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(resourceKinds), section: z.string().nullable(), active: z.boolean() })
  .meta({ id: 'LinkedResource' });

export const serviceDetailDto = serviceDto
  .extend({ resources: z.array(linkedResourceDto).meta({ description: 'The resources of resourceIds, active or archived' }) })
  .meta({ id: 'ServiceDetail' });
export type ServiceDetailDto = z.infer<typeof serviceDetailDto>;

const multiDayDto = z
  .object({ checkInTime: z.string(), checkOutTime: z.string(), minNights: integer, maxNights: integer })
  .meta({ id: 'MultiDaySettings', description: 'Check-in and check-out times ("HH:MM") and the nights a stay may last.' });

/** What `detailsSchema` lets in. */
const detailValueDto = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const resourceDto = z
  .object({
    id: z.string(),
    kind: z.enum(resourceKinds),
    name: z.string(),
    description: z.string(),
    section: z.string().nullable(),
    details: z.record(z.string(), detailValueDto),
    photos: z.array(z.string()),
    capacity: integer,
    timezone: z.string().nullable().meta({ description: 'null = the organization’s zone' }),
    active: z.boolean(),
    userId: z.string().nullable().meta({ description: 'The member this resource is, for staff' }),
    multiDay: multiDayDto.nullable(),
    sortOrder: integer,
    translations: translationsDto(resourceTranslationDto),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Resource', description: 'A person (staff), asset, room or space services are booked on.' });
export type ResourceDto = z.infer<typeof resourceDto>;
export const resourcePage = pageOf(resourceDto);

export const dateOverrideDto = z
  .object({
    id: z.string(),
    resourceId: z.string().nullable().meta({ description: 'null = the whole organization' }),
    date: isoDate,
    ranges: z.array(timeRangeDto).meta({ description: '[] = closed all day; otherwise these replace the weekly hours of that date' }),
    reason: z.string().nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'DateOverride' });
export type DateOverrideDto = z.infer<typeof dateOverrideDto>;
export const dateOverridePage = pageOf(dateOverrideDto);

export const blackoutDto = z
  .object({
    id: z.string(),
    resourceId: z.string().nullable().meta({ description: 'null = the whole organization' }),
    startsAt: isoInstant,
    endsAt: isoInstant,
    kind: z.enum(blackoutKinds).meta({ description: 'closure, maintenance (an asset’s maintenance window: shown publicly with its reason), event or other' }),
    reason: z.string().nullable(),
    translations: translationsDto(z.object({ reason: z.string().optional() }).meta({ id: 'BlackoutTranslation' })),
    createdAt: isoInstant,
  })
  .meta({ id: 'Blackout', description: 'Absolute instants [startsAt, endsAt) when nothing can be booked, and why.' });
export type BlackoutDto = z.infer<typeof blackoutDto>;
export const blackoutPage = pageOf(blackoutDto);

export const resourceDetailDto = resourceDto
  .extend({
    serviceIds: z.array(z.string()),
    hours: resourceHoursDto.omit({ resourceId: true }),
    overrides: z.array(dateOverrideDto).meta({ description: 'Its own upcoming date overrides (org-wide ones are under /date-overrides)' }),
    blackouts: z.array(blackoutDto).meta({ description: 'Its own upcoming blackouts (org-wide ones are under /blackouts)' }),
  })
  .meta({ id: 'ResourceDetail', description: 'A resource with what shapes its availability.' });
export type ResourceDetailDto = z.infer<typeof resourceDetailDto>;

// ─── Public answers ─────────────────────────────────────────────────────────────────────────

export const publicCapacityDto = z
  .object({ count: integer.min(1), label: z.enum(capacityLabels) })
  .meta({ id: 'PublicCapacity', description: 'How many people it takes and how to say it: "up to 12 passengers", "up to 10 guests", "sleeps 8", "up to 40 people".' });
export type PublicCapacity = z.infer<typeof publicCapacityDto>;

export const publicMaintenanceDto = z
  .object({
    startsAt: isoInstant,
    until: isoInstant.meta({ description: 'When it is bookable again (the window’s end)' }),
    current: z.boolean().meta({ description: 'True when the window has begun' }),
    reason: z.string().nullable().meta({ description: 'In the language asked for, else the organization’s' }),
  })
  .meta({ id: 'PublicMaintenance', description: 'The resource’s current or next maintenance window (within 60 days): nothing can be booked during it.' });
export type PublicMaintenance = z.infer<typeof publicMaintenanceDto>;

export const publicResourceDto = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(resourceKinds),
    section: z.string().nullable(),
    description: z.string(),
    photos: z.array(z.string()),
    capacity: publicCapacityDto.nullable().meta({ description: 'From details.maxPeople / details.capacityLabel; null when not stated' }),
    checkInTime: z.string().nullable().meta({ description: 'Stays: check-in from "HH:MM" (the resource’s zone); null for other resources' }),
    checkOutTime: z.string().nullable().meta({ description: 'Stays: check-out by "HH:MM"' }),
    maintenance: publicMaintenanceDto.nullable(),
  })
  .meta({ id: 'PublicResource', description: 'A resource as anyone may see it: no account, no contact data, no internal details.' });
export type PublicResource = z.infer<typeof publicResourceDto>;

export const publicServiceDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    category: z.enum(serviceCategories),
    title: z.string().nullable(),
    description: z.string(),
    features: z.array(z.string()),
    benefits: z.array(z.string()),
    processSteps: z.array(processStepDto),
    bookingMode: z.enum(bookingModes),
    durationMinutes: integer,
    minNoticeMinutes: integer,
    maxAdvanceDays: integer,
    cancellationNoticeMinutes: integer,
    priceMinor: moneyMinor,
    currency: z.string(),
    priceFrom: z.boolean(),
    capacity: integer,
    requiresConfirmation: z.boolean(),
    customFields: z.array(customFieldDto),
    resources: z.array(publicResourceDto).meta({ description: 'The active resources that can perform it' }),
    package: packageDto.nullable().meta({ description: 'Package pricing and the cancellation policy, shown before booking; null for an ordinary service' }),
    addons: z.array(publicAddonDto).meta({ description: 'Its active add-ons, in order' }),
    locale: z.enum(contentLocales).meta({ description: 'The language of the texts: the one asked for with ?lang, else the organization’s' }),
  })
  .meta({ id: 'PublicService', description: 'An active service as the public menu shows it, its texts in one language.' });
export type PublicService = z.infer<typeof publicServiceDto>;

export const publicServiceListDto = z.object({ data: z.array(publicServiceDto) }).meta({ id: 'PublicServiceList', description: 'The whole menu: primary services first, then the owner’s order.' });
export type PublicServiceList = z.infer<typeof publicServiceListDto>;

export const publicHoursDto = z
  .object({
    timezone: z.string(),
    weekly: weeklyDto,
    overrides: z.array(z.object({ date: isoDate, ranges: z.array(timeRangeDto), reason: z.string().nullable() })).meta({ description: 'Organization-wide special dates in [from, until)' }),
    from: isoDate,
    until: isoDate,
  })
  .meta({ id: 'PublicHours', description: 'Opening hours in the organization’s zone and the special dates of the next 60 days.' });
export type PublicHours = z.infer<typeof publicHoursDto>;

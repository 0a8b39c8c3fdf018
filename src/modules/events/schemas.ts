/** Inputs and answers of the events module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { contentLocales, eventStatuses, ticketStatuses } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { freeText, plainText } from '@/lib/text';
import { instantSchema } from '@/modules/bookings/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { httpsUrl, idOf, productSlugSchema, translations } from '@/modules/products/schemas';

export { eventStatuses, ticketStatuses };

export const MAX_CAPACITY = 100_000;
export const MAX_PRICE_MINOR = 100_000_000;
/** How long public event answers may be cached (seconds) and served stale while revalidating. */
export const PUBLIC_MAX_AGE = 30;
export const PUBLIC_STALE = 30;

export const eventIdSchema = idOf('event', 'event');
export const ticketTypeIdSchema = idOf('productVariant', 'ticket type');
export const resourceIdSchema = idOf('resource', 'resource');

export const eventSlugSchema = productSlugSchema;



/** An instant with an explicit offset (years 2000–2200): the bookings module's. */
const instant = instantSchema;
const capacity = z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_CAPACITY, `must be at most ${MAX_CAPACITY}`);
const money = z.number({ message: 'must be a whole number of minor units' }).int('must be a whole number of minor units').min(0, 'must not be negative').max(MAX_PRICE_MINOR, `must be at most ${MAX_PRICE_MINOR}`);

const eventTranslation = z.object({ title: plainText(200).optional(), description: freeText(5000).optional(), ageNotes: plainText(300).optional() }).strict();

const eventFields = {
  slug: eventSlugSchema,
  title: plainText(200).min(1, 'must not be empty'),
  description: freeText(5000),
  translations: translations(eventTranslation),
  images: z.array(httpsUrl).max(12, 'at most 12 images'),
  startsAt: instant,
  endsAt: instant,
  timezone: organizationSchemas.timezoneSchema,
  resourceId: resourceIdSchema.nullable(),
  capacity,
  salesStartAt: instant.nullable(),
  salesEndAt: instant.nullable(),
  ageNotes: plainText(300),
  status: z.enum(eventStatuses),
  /** How long a waitlist offer holds returned seats for the visitor to pay (modules/event-waitlist). */
  waitlistHoldMinutes: z.number({ message: 'must be a whole number of minutes' }).int('must be a whole number of minutes').min(5, 'must be at least 5 minutes').max(10_080, 'must be at most 7 days'),
};

const windowsValid = (v: { startsAt?: Date; endsAt?: Date; salesStartAt?: Date | null; salesEndAt?: Date | null }) => [
  v.startsAt && v.endsAt && v.startsAt >= v.endsAt ? { path: 'endsAt', message: 'must be after the start' } : null,
  v.salesStartAt && v.salesEndAt && v.salesStartAt >= v.salesEndAt ? { path: 'salesEndAt', message: 'must be after the start of sales' } : null,
];

export const createEventInput = z
  .object({
    ...eventFields,
    description: eventFields.description.default(''),
    translations: eventFields.translations.default({}),
    images: eventFields.images.default([]),
    timezone: eventFields.timezone.optional(),
    resourceId: eventFields.resourceId.default(null),
    salesStartAt: eventFields.salesStartAt.default(null),
    salesEndAt: eventFields.salesEndAt.default(null),
    ageNotes: eventFields.ageNotes.default(''),
    status: eventFields.status.default('draft'),
    waitlistHoldMinutes: eventFields.waitlistHoldMinutes.default(120),
  })
  .strict()
  .superRefine((v, c) => {
    for (const issue of windowsValid(v)) if (issue) c.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type CreateEventInput = z.input<typeof createEventInput>;

export const updateEventInput = z
  .object(Object.fromEntries(Object.entries(eventFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof eventFields]: z.ZodOptional<(typeof eventFields)[K]> })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change')
  .superRefine((v, c) => {
    for (const issue of windowsValid(v)) if (issue) c.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type UpdateEventInput = z.input<typeof updateEventInput>;

export const listEventsQuery = paginationQuery.extend({
  status: z.enum(eventStatuses).optional(),
  /** true: events not ended yet (soonest first); false: ended ones (latest first). */
  upcoming: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

const ticketTypeTranslation = z.object({ name: plainText(120).optional() }).strict();
export const createTicketTypeInput = z
  .object({
    name: plainText(120).min(1, 'must not be empty'),
    translations: translations(ticketTypeTranslation).default({}),
    priceMinor: money,
    /** At most this many of this type (null: only the event's capacity limits it). */
    limit: capacity.nullable().default(null),
    position: z.number().int().min(0).max(10_000).default(0),
    active: z.boolean().default(true),
  })
  .strict();
export type CreateTicketTypeInput = z.input<typeof createTicketTypeInput>;

export const updateTicketTypeInput = z
  .object({
    name: plainText(120).min(1, 'must not be empty').optional(),
    translations: translations(ticketTypeTranslation).optional(),
    priceMinor: money.optional(),
    limit: capacity.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateTicketTypeInput = z.input<typeof updateTicketTypeInput>;

export const listTicketsQuery = paginationQuery.extend({
  ticketTypeId: ticketTypeIdSchema.optional(),
  status: z.enum(ticketStatuses).optional(),
  checkedIn: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

/** A ticket code as printed ("ABCD-EFGH-JKMN-PQRS-TVWX": 20 base32 characters, 100 bits); spaces, hyphens and case do not matter (O reads as 0, I and L as 1). */
export const ticketCodeSchema = z
  .string()
  .max(64, 'is not a ticket code')
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'))
  .refine((v) => /^[0-9A-HJKMNP-TV-Z]{20}$/.test(v), 'is not a ticket code');

export const checkInInput = z.object({ code: ticketCodeSchema }).strict();
export type CheckInInput = z.input<typeof checkInInput>;

export const eventParams = organizationSchemas.slugParams.extend({ eventId: eventIdSchema });
export const ticketTypeParams = eventParams.extend({ ticketTypeId: ticketTypeIdSchema });
export const publicEventParams = organizationSchemas.slugParams.extend({ eventSlug: z.string().max(80, 'is not an event') });
export const publicEventsQuery = paginationQuery.extend({ locale: z.enum(contentLocales).optional() });
export const publicEventQuery = z.object({ locale: z.enum(contentLocales).optional() });

// ─── Answers ────────────────────────────────────────────────────────────────────────────────

const salesFigures = { sold: z.number().int(), held: z.number().int(), remaining: z.number().int(), checkedIn: z.number().int() };

export const ticketTypeDto = z
  .object({
    id: z.string(),
    name: z.string(),
    translations: z.record(z.string(), z.object({ name: z.string().optional() })),
    priceMinor: moneyMinor,
    currency: z.string(),
    limit: z.number().int().nullable(),
    position: z.number().int(),
    active: z.boolean(),
    ...salesFigures,
  })
  .meta({ id: 'TicketType' });
export type TicketTypeDto = z.infer<typeof ticketTypeDto>;

export const eventDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    translations: z.record(z.string(), z.object({ title: z.string().optional(), description: z.string().optional(), ageNotes: z.string().optional() })),
    images: z.array(z.string()),
    startsAt: isoInstant,
    endsAt: isoInstant,
    timezone: z.string(),
    resourceId: z.string().nullable(),
    capacity: z.number().int(),
    salesStartAt: isoInstant.nullable(),
    salesEndAt: isoInstant.nullable(),
    ageNotes: z.string(),
    status: z.enum(eventStatuses),
    waitlistHoldMinutes: z.number().int(),
    /** Figures over every ticket type: sold (valid tickets), held (unpaid checkouts), remaining seats, checked in. */
    ...salesFigures,
    /** People in the waitlist's line (waiting or offered). */
    waiting: z.number().int(),
    ticketTypes: z.array(ticketTypeDto),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Event' });
export type EventDto = z.infer<typeof eventDto>;
export const eventPage = pageOf(eventDto);

export const ticketDto = z
  .object({
    id: z.string(),
    eventId: z.string(),
    ticketTypeId: z.string().nullable(),
    ticketType: z.string(),
    holderName: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    status: z.enum(ticketStatuses),
    checkedInAt: isoInstant.nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'Ticket' });
export type TicketDto = z.infer<typeof ticketDto>;
export const ticketPage = pageOf(ticketDto);

export const checkInDto = z
  .object({
    ticket: ticketDto,
    event: z.object({ id: z.string(), slug: z.string(), title: z.string(), startsAt: isoInstant }),
    checkedInAt: isoInstant,
  })
  .meta({ id: 'CheckIn' });
export type CheckInDto = z.infer<typeof checkInDto>;

export const publicTicketTypeDto = z.object({
  variantId: z.string(),
  name: z.string(),
  priceMinor: moneyMinor,
  currency: z.string(),
  remaining: z.number().int(),
  soldOut: z.boolean(),
});

export const publicEventDto = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    ageNotes: z.string(),
    images: z.array(z.string()),
    startsAt: isoInstant,
    endsAt: isoInstant,
    timezone: z.string(),
    venue: z.string().nullable(),
    capacity: z.number().int(),
    salesStartAt: isoInstant.nullable(),
    salesEndAt: isoInstant.nullable(),
    /** on_sale, not_yet (sales start later), closed (sales ended or the event began), cancelled. */
    sales: z.enum(['on_sale', 'not_yet', 'closed', 'cancelled']),
    fromPriceMinor: moneyMinor.nullable(),
    currency: z.string(),
    remaining: z.number().int(),
    soldOut: z.boolean(),
  })
  .meta({ id: 'PublicEvent' });
export type PublicEventDto = z.infer<typeof publicEventDto>;
export const publicEventPage = pageOf(publicEventDto).extend({ locale: z.enum(contentLocales) });
export const publicEventDetailDto = publicEventDto.extend({ locale: z.enum(contentLocales), ticketTypes: z.array(publicTicketTypeDto) }).meta({ id: 'PublicEventDetail' });
export type PublicEventDetailDto = z.infer<typeof publicEventDetailDto>;

/** A ticket as its buyer sees it on the order's status page (the code is theirs: the link is the secret). */
export const orderTicketDto = z.object({
  code: z.string(),
  qrSvg: z.string(),
  ticketType: z.string(),
  event: z.object({ slug: z.string(), title: z.string(), startsAt: isoInstant, endsAt: isoInstant, timezone: z.string() }),
  status: z.enum(ticketStatuses),
  checkedInAt: isoInstant.nullable(),
});
export type OrderTicketDto = z.infer<typeof orderTicketDto>;

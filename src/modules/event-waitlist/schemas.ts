/** Inputs and answers of the event waitlist: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { eventWaitlistStatuses } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { emailAddress, plainText } from '@/lib/text';
import { eventIdSchema, ticketTypeIdSchema } from '@/modules/events/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';

export { eventWaitlistStatuses };
export const MAX_WAITLIST_QUANTITY = 10;

export const joinEventWaitlistInput = z
  .object({
    ticketTypeId: ticketTypeIdSchema,
    quantity: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_WAITLIST_QUANTITY, `must be at most ${MAX_WAITLIST_QUANTITY}`),
    name: plainText(120).min(1, 'must not be empty'),
    email: emailAddress(),
    locale: z.enum(['en', 'es']).default('en'),
  })
  .strict()
  .meta({ id: 'JoinEventWaitlist' });

export const payEventWaitlistInput = z
  .object({
    /** The test provider's answer (tests and demos; never offered in production). */
    testOutcome: z.enum(['succeed', 'decline']).optional(),
  })
  .strict()
  .meta({ id: 'PayEventWaitlistOffer' });

export const entryTokenSchema = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not a waitlist link');
export const publicJoinParams = organizationSchemas.slugParams.extend({ eventSlug: z.string().max(80, 'is not an event') });
export const entryTokenParams = organizationSchemas.slugParams.extend({ entryToken: entryTokenSchema });
export const eventWaitlistParams = organizationSchemas.slugParams.extend({ eventId: eventIdSchema });
export const listEventWaitlistQuery = paginationQuery.extend({ status: z.enum(eventWaitlistStatuses).optional() });

// ─── Answers ────────────────────────────────────────────────────────────────────────────────

/** What the entry's own link shows: its place, the event, and the held order while offered. No one else's data. */
export const publicEventWaitlistEntryDto = z
  .object({
    status: z.enum(eventWaitlistStatuses),
    /** Place among the live entries of the event (1 = next), while waiting or offered. */
    position: z.number().int().nullable(),
    name: z.string(),
    quantity: z.number().int(),
    ticketType: z.object({ id: z.string(), name: z.string(), priceMinor: moneyMinor, currency: z.string() }),
    event: z.object({ slug: z.string(), title: z.string(), startsAt: isoInstant, endsAt: isoInstant, timezone: z.string() }),
    /** The held order while offered (pay before `expiresAt`), the paid one once purchased (its status page shows the tickets). */
    offer: z
      .object({
        orderNumber: z.string(),
        totalMinor: moneyMinor,
        currency: z.string(),
        expiresAt: isoInstant.nullable(),
        orderStatusUrl: z.string(),
        /** False when no online payment is offered here: the shop tells the buyer how to pay. */
        payOnline: z.boolean(),
      })
      .nullable(),
    locale: z.enum(['en', 'es']),
    createdAt: isoInstant,
  })
  .meta({ id: 'PublicEventWaitlistEntry' });

export const joinedEventWaitlistDto = z
  .object({
    entry: publicEventWaitlistEntryDto,
    /** The secret link to the entry (its page shows the offer and pays it); shown once here and in the email. */
    entryToken: z.string(),
    entryUrl: z.string(),
  })
  .meta({ id: 'JoinedEventWaitlist' });

export const eventWaitlistEntryDto = z
  .object({
    id: z.string(),
    position: z.number().int().nullable(),
    name: z.string(),
    email: z.string(),
    ticketTypeId: z.string(),
    ticketType: z.string(),
    quantity: z.number().int(),
    status: z.enum(eventWaitlistStatuses),
    offerExpiresAt: isoInstant.nullable(),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'EventWaitlistEntry' });
export const eventWaitlistPage = pageOf(eventWaitlistEntryDto);

export type JoinEventWaitlistInput = z.input<typeof joinEventWaitlistInput>;
export type PublicEventWaitlistEntryDto = z.infer<typeof publicEventWaitlistEntryDto>;
export type JoinedEventWaitlistDto = z.infer<typeof joinedEventWaitlistDto>;
export type EventWaitlistEntryDto = z.infer<typeof eventWaitlistEntryDto>;
export type EventWaitlistPage = z.infer<typeof eventWaitlistPage>;

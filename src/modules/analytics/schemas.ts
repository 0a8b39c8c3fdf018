/** Inputs and answers of the analytics module: one zod schema per input, shared by routes, use cases and the page. */
import { z } from 'zod';
import { funnelSteps } from '@/db/enums';
import { isoDate, isoInstant } from '@/lib/dto';
import { serviceIdSchema } from '@/modules/catalog/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';

export { funnelSteps };
export type FunnelStep = (typeof funnelSteps)[number];

/** The steps a visitor's browser reports; the others are the booking route's own outcomes. */
export const clientFunnelSteps = ['service_viewed', 'time_chosen'] as const;
export type ClientFunnelStep = (typeof clientFunnelSteps)[number];

/** `POST /public/orgs/{slug}/funnel`: one step of the booking page, with no one's identity. */
export const funnelBeaconInput = z
  .object({
    serviceId: serviceIdSchema,
    step: z.enum(clientFunnelSteps, { message: `must be one of ${clientFunnelSteps.join(', ')}` }),
  })
  .strict();

export const funnelRanges = [7, 30, 90] as const;
export type FunnelRange = (typeof funnelRanges)[number];

export const funnelQuery = z.object({
  days: z
    .enum(['7', '30', '90'], { message: 'must be 7, 30 or 90' })
    .default('30')
    .transform((v) => Number(v) as FunnelRange),
});

export const funnelParams = organizationSchemas.slugParams;

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const counts = z
  .object({
    service_viewed: z.number().int(),
    time_chosen: z.number().int(),
    details_submitted: z.number().int(),
    booked: z.number().int(),
    conflict: z.number().int(),
    rule: z.number().int(),
    invalid: z.number().int(),
  })
  .meta({ id: 'FunnelCounts', description: 'How many times each step happened' });

export const funnelDto = z
  .object({
    days: z.number().int(),
    /** The first and last local day counted (the organization's zone), both included. */
    from: isoDate,
    to: isoDate,
    timezone: z.string(),
    totals: counts,
    /** booked / service_viewed over the range; null when no view was counted. */
    conversionRate: z.number().nullable(),
    byService: z.array(
      z.object({
        serviceId: z.string(),
        name: z.string(),
        counts,
        conversionRate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'BookingFunnel' });

export type FunnelCounts = z.infer<typeof counts>;
export type FunnelDto = z.infer<typeof funnelDto>;

// ─── Venue overview (Xplorium's dashboard: parties, tickets, points) ────────────────────────

export const venueOverviewDto = z
  .object({
    timezone: z.string(),
    /** Party bookings (services with package pricing) starting today, in the organization's zone. */
    partiesToday: z.array(
      z.object({
        bookingId: z.string(),
        start: isoInstant,
        end: isoInstant,
        serviceName: z.string(),
        resourceName: z.string().nullable(),
        customerName: z.string(),
        status: z.string(),
        children: z.number().int().nullable(),
        adults: z.number().int().nullable(),
        totalMinor: z.number().int(),
        depositMinor: z.number().int().nullable(),
        depositPaid: z.boolean(),
        balanceMinor: z.number().int().nullable(),
        balancePaid: z.boolean(),
      }),
    ),
    /** Published events starting in the next 30 days (at most 5), with their sales. */
    upcomingEvents: z.array(
      z.object({
        eventId: z.string(),
        title: z.string(),
        startsAt: isoInstant,
        capacity: z.number().int(),
        sold: z.number().int(),
        checkedIn: z.number().int(),
      }),
    ),
    /** Tickets issued in the last 7 days that still stand (not voided). */
    ticketsSold7d: z.number().int(),
    /** Points earned or added in the last 30 days, and points spent at checkout. */
    pointsIssued30d: z.number().int(),
    pointsRedeemed30d: z.number().int(),
    /** What the organization runs: the page shows only those parts. */
    has: z.object({ packages: z.boolean(), events: z.boolean(), loyalty: z.boolean() }),
    currency: z.string(),
  })
  .meta({ id: 'VenueOverview', description: 'Today at the venue: parties, ticket sales and loyalty points' });

export type VenueOverviewDto = z.infer<typeof venueOverviewDto>;

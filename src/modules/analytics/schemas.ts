/** Inputs and answers of the analytics module: one zod schema per input, shared by routes, use cases and the page. */
import { z } from 'zod';
import { funnelSteps } from '@/db/enums';
import { isoDate } from '@/lib/dto';
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

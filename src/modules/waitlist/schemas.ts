/** Inputs and answers of the waitlist: one zod schema per input, shared by routes, use cases and the portal. */
import { z } from 'zod';
import { waitlistStatuses } from '@/db/enums';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { bookingDto } from '@/modules/bookings/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { ruleResultDto } from '@/modules/rules/schemas';
import { resourceIdSchema, serviceIdSchema } from '@/modules/scheduling/schemas';

const INSTANT = 'must be an ISO 8601 instant with an offset, e.g. 2026-06-02T09:00:00-05:00';
const instant = z.iso
  .datetime({ offset: true, message: INSTANT })
  .max(40, INSTANT)
  .transform((v) => new Date(v));

/** Join the waitlist for a taken range of one asset (for yourself). */
export const joinWaitlistInput = z
  .object({
    serviceId: serviceIdSchema,
    resourceId: resourceIdSchema,
    start: instant,
    /** Stays (multi-day services) give the check-out; others end after the service's duration. */
    end: instant.optional(),
    seats: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
  })
  .strict();
export type JoinWaitlistInput = z.input<typeof joinWaitlistInput>;

export const listWaitlistQuery = paginationQuery.extend({
  status: z.enum(waitlistStatuses, { message: `must be one of ${waitlistStatuses.join(', ')}` }).optional(),
  /** Staff: one asset's queue. */
  resourceId: resourceIdSchema.optional(),
  /** Only the caller's own entries (members always see only theirs). */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

export const entryParams = organizationSchemas.slugParams.extend({ entryId: organizationSchemas.idParam('wle') });

export const waitlistEntryDto = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    resourceId: z.string(),
    resourceName: z.string(),
    start: isoInstant,
    end: isoInstant,
    seats: z.number().int(),
    status: z.enum(waitlistStatuses),
    /** Waiting: the entry's place in its asset's queue (1 = next), by tier rank then time of joining. */
    position: z.number().int().nullable(),
    memberId: z.string(),
    memberName: z.string(),
    tierName: z.string().nullable(),
    /** Offered: the held booking and until when the member may book it. */
    bookingId: z.string().nullable(),
    holdExpiresAt: isoInstant.nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'WaitlistEntry', description: 'A member waiting for a taken range of an asset, or holding it once it freed.' });
export type WaitlistEntryDto = z.infer<typeof waitlistEntryDto>;
export const waitlistPage = pageOf(waitlistEntryDto);
export type WaitlistPage = z.infer<typeof waitlistPage>;

export const claimedDto = z
  .object({
    entry: waitlistEntryDto,
    booking: bookingDto,
    /** Rules that asked for approval or warned (a request needing approval is created pending). */
    rules: z.array(ruleResultDto),
  })
  .meta({ id: 'WaitlistClaim', description: 'The hold booked: the entry (booked) and the booking it became.' });
export type ClaimedDto = z.infer<typeof claimedDto>;

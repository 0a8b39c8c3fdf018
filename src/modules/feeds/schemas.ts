/** Inputs and answers of the calendar feeds module: one zod schema per input, shared by routes, use cases and the page. */
import { z } from 'zod';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { resourceIdSchema } from '@/modules/catalog/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';

export const calendarFeedKinds = ['resource', 'member'] as const;
export type CalendarFeedKind = (typeof calendarFeedKinds)[number];

/** A resource's feed (owners and admins), or your own bookings' feed (any member, for themself). */
export const createFeedInput = z.discriminatedUnion(
  'kind',
  [z.object({ kind: z.literal('resource'), resourceId: resourceIdSchema }).strict(), z.object({ kind: z.literal('member') }).strict()],
  { message: 'kind must be "resource" (with a resourceId) or "member"' },
);

export const listFeedsQuery = paginationQuery.extend({
  kind: z.enum(calendarFeedKinds, { message: `must be one of ${calendarFeedKinds.join(', ')}` }).optional(),
  resourceId: resourceIdSchema.optional(),
});

export const feedIdSchema = z.string().max(64).regex(/^cfd_[0-9a-z]{26}$/, 'must be a cfd_… id');
export const feedParams = organizationSchemas.slugParams.extend({ feedId: feedIdSchema });

/** The public path's last segment: `<token>.ics`. Any other text is an unknown feed (404), checked by the use case. */
export const feedFileParams = z.object({ feedFile: z.string().max(200, 'is not a calendar feed') });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

export const feedDto = z
  .object({
    id: z.string(),
    kind: z.enum(calendarFeedKinds),
    /** The resource a resource feed shows; null for a member feed. */
    resource: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** The member whose bookings a member feed shows; null for a resource feed. */
    member: z.object({ userId: z.string(), name: z.string() }).nullable(),
    createdBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
    createdAt: isoInstant,
    /** Yours: a member feed of your own bookings. */
    mine: z.boolean(),
  })
  .meta({ id: 'CalendarFeed' });

export const feedPage = pageOf(feedDto).meta({ id: 'CalendarFeedPage' });

/** The answer to creating a feed: its address, shown this once (only a hash is kept). */
export const createdFeedDto = feedDto
  .extend({
    url: z.string().meta({ description: 'https://…/api/v1/feeds/<token>.ics — the feed itself' }),
    webcalUrl: z.string().meta({ description: 'webcal://… — the same address, which opens the calendar app to subscribe' }),
  })
  .meta({ id: 'CreatedCalendarFeed' });

/** The feed: an iCalendar document (RFC 5545). */
export const feedText = z.string().meta({ description: 'text/calendar (RFC 5545): VCALENDAR with a VTIMEZONE and one VEVENT per booking', format: 'binary' });

export const feedHeadersDto = z.object({
  ETag: z.string().meta({ description: 'Changes when the calendar does; send it back as If-None-Match to get 304' }),
  'Last-Modified': z.string().meta({ description: 'The latest change among the events (HTTP date)' }),
  'Cache-Control': z.string().meta({ description: 'private, max-age=300' }),
});

export type FeedDto = z.infer<typeof feedDto>;
export type CreatedFeedDto = z.infer<typeof createdFeedDto>;
export type FeedPage = z.infer<typeof feedPage>;

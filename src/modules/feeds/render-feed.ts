import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { bookingEvents, bookings, calendarFeeds, customers, members, organizations, resources, services, users } from '@/db/schema';
import { env } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { bookingEventUid, type CalendarEvent, icsFeed } from '@/lib/ical';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { feedTokenHash } from './feed-token';

/** The span a feed covers, around the request's time. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;
/** At most this many events, the earliest first: a busy resource's far future is cut, never its next weeks. */
export const MAX_FEED_EVENTS = 2000;
/** How often calendar apps are asked to poll. */
export const FEED_REFRESH_SECONDS = 15 * 60;

const DAY = 86_400_000;

export interface RenderedFeed {
  body: string;
  /** A strong validator of `body`. */
  etag: string;
  /** The latest change among the events (or the feed's creation). */
  lastModified: Date;
  filename: string;
}

/**
 * The calendar behind a feed URL: the resource's bookings, or the member's — those on resources
 * linked to them (a professional's own calendar), those they booked for themself as a club
 * member, and those made under their email as a customer. From FEED_PAST_DAYS ago to
 * FEED_FUTURE_DAYS ahead, in the organization's zone. Cancelled bookings stay, as
 * STATUS:CANCELLED with a higher SEQUENCE (calendar apps that merged the email's event then show
 * it cancelled instead of silently keeping it); rejected requests never happened and are left
 * out. UIDs and SEQUENCE are the emails' own (`<bookingId>@bookline`, reschedules so far, +1
 * once cancelled), so an app holding both keeps one event. Unknown, malformed or revoked tokens,
 * and a member feed whose member has left the organization, are all 404.
 */
export async function renderCalendarFeed(ctx: Ctx, feedFile: string): Promise<RenderedFeed> {
  const hash = feedTokenHash(feedFile);
  if (!hash) throw notFound('Calendar feed');
  // One lookup by the unique hash, across tenants (the token names no organization); every read
  // after it runs scoped to the feed's organization.
  const [hit] = await ctx.db
    .select({
      feed: calendarFeeds,
      org: { id: organizations.id, slug: organizations.slug, name: organizations.name, timezone: organizations.timezone },
      user: { name: users.name, email: users.email },
      memberId: members.id,
    })
    .from(calendarFeeds)
    .innerJoin(organizations, eq(organizations.id, calendarFeeds.organizationId))
    .leftJoin(users, eq(users.id, calendarFeeds.userId))
    .leftJoin(members, and(eq(members.organizationId, calendarFeeds.organizationId), eq(members.userId, calendarFeeds.userId)))
    .where(and(eq(calendarFeeds.tokenHash, hash), isNull(calendarFeeds.revokedAt)));
  if (!hit || (hit.feed.kind === 'member' && (!hit.memberId || !hit.user))) throw notFound('Calendar feed');
  const { feed, org } = hit;
  const from = new Date(ctx.now.getTime() - FEED_PAST_DAYS * DAY);
  const to = new Date(ctx.now.getTime() + FEED_FUTURE_DAYS * DAY);

  const { name, rows } = await tenantTx(
    ctx,
    async (tx) => {
      let subject;
      let calendarName: string;
      if (feed.kind === 'resource') {
        const [resource] = await tx
          .select({ name: resources.name })
          .from(resources)
          .where(and(eq(resources.organizationId, org.id), eq(resources.id, feed.resourceId!)));
        if (!resource) throw notFound('Calendar feed');
        calendarName = `${resource.name} · ${org.name}`;
        subject = eq(bookings.resourceId, feed.resourceId!);
      } else {
        calendarName = `${hit.user!.name} · ${org.name}`;
        subject = or(
          eq(resources.userId, feed.userId!),
          and(eq(bookings.source, 'member'), eq(bookings.createdByUserId, feed.userId!)),
          eq(sql`lower(${customers.email})`, hit.user!.email.toLowerCase()),
        );
      }
      const found = await tx
        .select({
          id: bookings.id,
          status: bookings.status,
          startsAt: bookings.startsAt,
          endsAt: bookings.endsAt,
          updatedAt: bookings.updatedAt,
          serviceName: services.name,
          resourceName: resources.name,
          customerName: customers.name,
          reschedules: sql<number>`(select count(*)::int from ${bookingEvents} where ${bookingEvents.organizationId} = ${bookings.organizationId} and ${bookingEvents.bookingId} = ${bookings.id} and ${bookingEvents.action} = 'rescheduled')`,
        })
        .from(bookings)
        .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
        .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
        .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
        .where(and(eq(bookings.organizationId, org.id), lt(bookings.startsAt, to), gt(bookings.endsAt, from), ne(bookings.status, 'rejected'), subject))
        .orderBy(asc(bookings.startsAt), asc(bookings.id))
        .limit(MAX_FEED_EVENTS);
      return { name: calendarName, rows: found };
    },
    org.id,
  );

  const base = env().BASE_URL;
  const events: CalendarEvent[] = rows.map((b) => {
    const cancelled = b.status === 'cancelled';
    const url = `${base}/dashboard/${org.slug}/bookings/${b.id}`;
    return {
      uid: bookingEventUid(b.id),
      title: `${b.serviceName} · ${b.customerName}`,
      start: b.startsAt.toISOString(),
      end: b.endsAt.toISOString(),
      timezone: org.timezone,
      // The emails' SEQUENCE: reschedules so far, one more once cancelled (the cancel email's).
      sequence: Number(b.reschedules) + (cancelled ? 1 : 0),
      status: cancelled ? 'cancelled' : b.status === 'pending' ? 'tentative' : 'confirmed',
      lastModified: b.updatedAt.toISOString(),
      description: `${b.resourceName}\n${url}`,
      url,
    };
  });
  const body = icsFeed({ name, timezone: org.timezone, from, to, events, refreshSeconds: FEED_REFRESH_SECONDS });
  const lastModified = new Date(Math.max(feed.createdAt.getTime(), ...rows.map((b) => b.updatedAt.getTime())));
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified,
    filename: feed.kind === 'resource' ? 'resource.ics' : 'bookings.ics',
  };
}

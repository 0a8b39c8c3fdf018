/**
 * feeds — calendar feeds (iCal subscriptions): a secret, revocable URL per resource or per
 * member that calendar apps poll (`webcal://…/api/v1/feeds/<token>.ics`), written by the one
 * iCalendar generator (src/lib/ical.ts) with the same UIDs and SEQUENCE as the emails' files.
 * Invariants: the token is shown once and stored only as its SHA-256; a revoked or unknown
 * token, or a member feed whose member has left, answers 404; owners and admins manage
 * resource feeds (feeds:manage), every member their own member feed. Every create and revoke
 * is audited. Tables owned: calendar_feeds (tenant table, RLS).
 */
export { createCalendarFeed } from './create-feed';
export { feedUrls } from './feed-token';
export { listCalendarFeeds } from './list-feeds';
export { FEED_FUTURE_DAYS, FEED_PAST_DAYS, FEED_REFRESH_SECONDS, MAX_FEED_EVENTS, type RenderedFeed, renderCalendarFeed } from './render-feed';
export { revokeCalendarFeed } from './revoke-feed';
export * as feedSchemas from './schemas';
export type { CreatedFeedDto, FeedDto, FeedPage } from './schemas';

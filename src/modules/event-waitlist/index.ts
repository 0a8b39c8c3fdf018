/**
 * event-waitlist — visitors queue for a sold-out event's ticket type; when seats come back
 * (a cancel, an expired checkout or offer, a refund, capacity raised) the oldest waiting entry
 * whose quantity fits is offered them as a held order (orders/ticket-hold-order.ts: the
 * checkout's own stock statements and lock order), payable from the entry's secret link until
 * the event's `waitlist_hold_minutes` pass; the checkout hold sweep expires it and the next sweep
 * offers the seats on (decision 0020). Invariants: one live entry per address and event (partial
 * unique index); an offer never oversells (the stock CHECK and conditional UPDATEs); an offer is
 * made once (the event row locked SKIP LOCKED, the entry re-read under its lock).
 * Lock order: event row → entry row → order row → stock items by id; order row → entry row
 * for the order's transitions. Tables owned: event_waitlist_entries.
 * Events (outbox): event_waitlist.joined, event_waitlist.offered.
 */
export { getEventWaitlistEntry, leaveEventWaitlist, payEventWaitlistOffer } from './entry-link';
export { joinEventWaitlist } from './join-waitlist';
export { entryUrl, issueEntryToken, openEntryToken } from './links';
export { listEventWaitlist } from './list-waitlist';
export { offerAfterRelease, offerEventSeats, offerWaitlistSeats } from './offer-seats';
export { waitlistOrderStepped } from './order-stepped';
export * as eventWaitlistSchemas from './schemas';
export type { EventWaitlistEntryDto, EventWaitlistPage, JoinedEventWaitlistDto, PublicEventWaitlistEntryDto } from './schemas';

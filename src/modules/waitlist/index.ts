/**
 * waitlist — members queue for a taken asset and range; when it frees (cancellation, rejection,
 * approval expiry, a move, a released hold) the first eligible entry — tier rank, then time of
 * joining — is offered a hold: a `held` booking of that range (modules/bookings/holds.ts, in
 * the freeing transaction, under the resource's advisory lock), covered by the exclusion
 * constraint, for the organization's `waitlistHoldMinutes`. The member books it (claim) or it
 * expires (a sweep every 30 s) and passes to the next entry.
 * Invariants: one open entry per member, asset and range (unique index); a hold is a booking,
 * so nobody else can take the range meanwhile. Tables owned: waitlist_entries.
 * Events (outbox): waitlist.offered (written by bookings/holds.ts), waitlist.hold_expired.
 */
export { claimWaitlistHold } from './claim-hold';
export { expireWaitlistHolds, HOLD_EXPIRED_REASON } from './expire-holds';
export { joinWaitlist } from './join-waitlist';
export { leaveWaitlist, LEFT_REASON } from './leave-waitlist';
export { listWaitlist } from './list-waitlist';
export * as waitlistSchemas from './schemas';
export type { ClaimedDto, WaitlistEntryDto, WaitlistPage } from './schemas';

/**
 * bookings — taking, changing and following bookings for people, assets, rooms and venues.
 * Invariants (in the database): no two active exclusive bookings of a resource overlap in
 * their blocked range (exclusion constraint), taken under pg_advisory_xact_lock on the resource
 * in one reservation step shared by placing and moving (reserve.ts); group seats never exceed
 * capacity (counted under the same lock); one booking per idempotency key per organization;
 * one current manage-link token per booking; every change is an event row and an audit row
 * (record-change.ts). Rules as data: the lifecycle and its time conditions (state-machine.ts),
 * the cancellation notice for everyone but those acting for the business (change-policy.ts).
 * Tables owned: bookings, booking_events, booking_manage_tokens, booking_series. Events (outbox):
 * booking.created, booking.status_changed, booking.rescheduled, booking.awaiting_confirmation.
 */
export { createBooking } from './create-booking';
export { createPublicBooking } from './create-public-booking';
export { recordBalancePaid } from './record-balance';
export { getBooking } from './get-booking';
export { bookingListWhere, type BookingListFilters, listBookings } from './list-bookings';
export { cancelManagedBooking, getManagedBooking, rescheduleManagedBooking } from './manage-booking';
export { issueMissingManageTokens, manageLinkFor, manageLinkIn, resolveManageToken } from './manage-link';
export { MANAGE_LINK_DAYS_AFTER_END } from './manage-token';
export { quoteBooking } from './quote-booking';
export { rescheduleBooking } from './reschedule-booking';
export { rotateManageLink } from './rotate-manage-link';
export { bookingStats, type BookingStats } from './booking-stats';
export { bookingActions, type BookingAction, allowedActions, nextStatus, opensBeforeStart } from './state-machine';
export { DEFAULT_START_LEAD_MINUTES } from './booking-settings';
export { transitionBooking } from './transition-booking';
/** Inside another module's transaction (modules/approvals decides a pending request). */
export { applyTransition, lockBooking } from './apply-transition';
export { depositOrderStepped } from './deposits';
export { partyPrice, refundFor, depositOf, type PackageTerms, type PartyPrice, type PartyPriceInput } from './party-price';
export { updateBooking } from './update-booking';
export * as bookingSchemas from './schemas';
export type { BookingDetailDto, BookingDto, ConflictDetails, FieldAnswer, FieldProblem, ManagedBookingDto, PublicCreatedBookingDto, QuoteDto } from './schemas';
export { checkBooking } from './check-booking';
export { memberAvailability } from './member-availability';
/** Waitlist holds (modules/waitlist): held bookings, offered in the transaction that frees a range. */
export { claimHold, lockResource, lockResourceOf, offerFreed, releaseHold } from './holds';
export { checkRequest, searchAround } from './reserve';
export { explainUnavailable } from './alternatives';
export { presentBooking } from './present';
/** Recurring reservations (create-series.ts, change-series.ts): occurrences are bookings with a series_id. */
export { createSeries } from './create-series';
export { getSeries } from './get-series';
export { cancelSeries, editSeries } from './change-series';
export type { CreatedSeriesDto, SeriesDto, SkippedOccurrenceDto } from './schemas';
export { expandSeries, MAX_OCCURRENCES, type RepeatRule } from './series-expansion';

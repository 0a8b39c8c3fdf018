/**
 * bookings — taking, changing and following bookings for people, assets, rooms and venues.
 * Invariants (in the database): no two active exclusive bookings of a resource overlap in
 * their blocked range (exclusion constraint), taken under pg_advisory_xact_lock on the resource;
 * group seats never exceed capacity (counted under the same lock); one booking per
 * idempotency key per organization; every status change is an event row and an audit row.
 * Tables owned: bookings, booking_events. Events (outbox): booking.created,
 * booking.status_changed, booking.rescheduled.
 */
export { createBooking } from './create-booking';
export { createPublicBooking } from './create-public-booking';
export { getBooking } from './get-booking';
export { listBookings } from './list-bookings';
export { cancelManagedBooking, getManagedBooking, rescheduleManagedBooking } from './manage-booking';
export { rescheduleBooking } from './reschedule-booking';
export { bookingStats, type BookingStats } from './booking-stats';
export { bookingActions, type BookingAction, allowedActions, nextStatus } from './state-machine';
export { transitionBooking } from './transition-booking';

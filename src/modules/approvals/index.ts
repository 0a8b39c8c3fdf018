/**
 * approvals — the queue of requests that tripped approval rules (modules/rules writes one
 * booking_approvals row per rule): list them, approve or reject with a comment (the booking is
 * confirmed when every approval passes, rejected when one is rejected), and release those nobody
 * decided in time (a scheduled job). Events: the bookings' own (booking.status_changed).
 */
export { approveApproval, rejectApproval } from './decide-approval';
export { expireApprovals } from './expire-approvals';
export { listApprovals } from './list-approvals';

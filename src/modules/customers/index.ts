/**
 * customers — the CRM: one customer per (organization, case-insensitive email), upserted by
 * every booking inside the booking's own transaction (one ON CONFLICT statement). Counters
 * (total_bookings: bookings that stand; last_booking_at: the latest start among them) are
 * kept true under concurrency on every change: counted by the upsert on create, recounted
 * under the customer's row lock on cancel, reject, reschedule and merge. Duplicates are
 * merged, not deleted; a merged-away email stays an alias of the survivor.
 * Tables owned: customers.
 */
export { getCustomer } from './get-customer';
export { escapeLike, listCustomers } from './list-customers';
export { mergeCustomers } from './merge-customers';
export { customerContactSchema, customerIdSchema, emailSchema, personNameSchema, phoneSchema, type CustomerContact } from './schemas';
export * as customerSchemas from './schemas';
export type { CustomerBookingDto, CustomerDetailDto, CustomerDto } from './schemas';
export { updateCustomer } from './update-customer';
export { customerUpsertCtes, recountCustomer, UNCOUNTED_STATUSES } from './upsert-customer';

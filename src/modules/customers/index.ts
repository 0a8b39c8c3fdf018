/**
 * customers — the CRM: one customer per (organization, case-insensitive email), upserted by
 * every booking inside the booking's own transaction, with total_bookings and last_booking_at
 * kept true under concurrency (one ON CONFLICT statement). Duplicates are merged, not deleted.
 * Tables owned: customers.
 */
export { getCustomer } from './get-customer';
export { escapeLike, listCustomers } from './list-customers';
export { mergeCustomers } from './merge-customers';
export { customerContactSchema, customerIdSchema, emailSchema, personNameSchema, phoneSchema, type CustomerContact } from './schemas';
export { updateCustomer } from './update-customer';
export { customerUpsert } from './upsert-customer';

/**
 * Called inside the booking transaction: find-or-create the customer by (organization,
 * case-insensitive email) and count the booking, in the booking's one statement. ON CONFLICT
 * makes it race-free — two concurrent first bookings by one email create one customer and
 * count two.
 *
 * A merged-away customer keeps its row and its email in the same unique index: it is an alias.
 * A booking with that email lands on the alias row through the same ON CONFLICT, which names
 * the survivor (merged_into_id); the survivor is counted instead and gets the booking. Because
 * the alias occupies the unique key, no concurrent booking can create a second customer for it.
 *
 * Counters: total_bookings is the number of the customer's bookings that stand (neither
 * cancelled nor rejected); last_booking_at the latest start among them.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { newId } from '@/lib/ids';
import type { CustomerContact } from './schemas';

/**
 * The upsert as common table expressions for the booking's statement (data-modifying CTEs
 * must sit at its top level): `customer_hit` (the row the email found or created),
 * `customer_alias` (counts the survivor when that row was an alias) and `customer`, whose one
 * `id` the booking references.
 */
export function customerUpsertCtes(organizationId: string, contact: CustomerContact, bookingStart: Date, now: Date): SQL {
  const start = bookingStart.toISOString();
  const at = now.toISOString();
  const phone = contact.phone ?? null;
  return sql`customer_hit as (
    insert into customers (id, organization_id, email, name, phone, total_bookings, last_booking_at, created_at, updated_at)
    values (${newId('customer')}, ${organizationId}, ${contact.email.toLowerCase()}, ${contact.name}, ${phone},
            1, ${start}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)
    on conflict (organization_id, lower(email)) where not email_retired
    do update set
      total_bookings = customers.total_bookings + (customers.merged_into_id is null)::int,
      last_booking_at = case when customers.merged_into_id is null then greatest(customers.last_booking_at, excluded.last_booking_at) else customers.last_booking_at end,
      phone = case when customers.merged_into_id is null then coalesce(customers.phone, excluded.phone) else customers.phone end,
      updated_at = case when customers.merged_into_id is null then excluded.updated_at else customers.updated_at end
    returning id, merged_into_id),
  customer_alias as (
    update customers s set
      total_bookings = s.total_bookings + 1,
      last_booking_at = greatest(s.last_booking_at, ${start}::timestamptz),
      phone = coalesce(s.phone, ${phone}::text),
      updated_at = ${at}::timestamptz
    from customer_hit h
    where h.merged_into_id is not null and s.organization_id = ${organizationId} and s.id = h.merged_into_id
    returning s.id),
  customer as (select coalesce(merged_into_id, id) as id from customer_hit)`;
}

/** Bookings that count for a customer: every status but these. */
export const UNCOUNTED_STATUSES = sql`('cancelled', 'rejected')`;

/**
 * Sets a customer's counters from their bookings, after a change to one of them (cancel,
 * reject, reschedule, merge). The first statement takes the customer row's lock; the recount
 * is a second statement, so its snapshot is taken after any transaction that held the lock
 * has committed. (One UPDATE with a sub-select would count from a snapshot taken before it
 * waited for the lock, and two parallel cancels would each miss the other's.) Lock order
 * everywhere: booking rows first, then the customer.
 */
export async function recountCustomer(tx: Tx, organizationId: string, customerId: string): Promise<void> {
  await tx.execute(sql`select 1 from customers where organization_id = ${organizationId} and id = ${customerId} for update`);
  await tx.execute(sql`
    update customers c set
      total_bookings = s.n,
      last_booking_at = s.last
    from (select count(*)::int as n, max(starts_at) as last from bookings
          where organization_id = ${organizationId} and customer_id = ${customerId} and status not in ${UNCOUNTED_STATUSES}) s
    where c.organization_id = ${organizationId} and c.id = ${customerId}`);
}

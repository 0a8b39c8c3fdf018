/**
 * Called inside the booking transaction: find-or-create the customer by (organization,
 * case-insensitive email) and count the booking, in one statement. ON CONFLICT makes it
 * race-free — two concurrent first bookings by one email create one customer and count two.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { newId } from '@/lib/ids';
import type { CustomerContact } from './schemas';

/** The upsert as SQL returning the customer id; the booking write embeds it in its one statement. */
export function customerUpsert(organizationId: string, contact: CustomerContact, bookingStart: Date, now: Date): SQL {
  return sql`
    insert into customers (id, organization_id, email, name, phone, total_bookings, last_booking_at, created_at, updated_at)
    values (${newId('customer')}, ${organizationId}, ${contact.email.toLowerCase()}, ${contact.name}, ${contact.phone ?? null},
            1, ${bookingStart.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (organization_id, lower(email)) where merged_into_id is null
    do update set
      total_bookings = customers.total_bookings + 1,
      last_booking_at = greatest(customers.last_booking_at, excluded.last_booking_at),
      phone = coalesce(customers.phone, excluded.phone),
      updated_at = excluded.updated_at
    returning id`;
}

/** Keeps total_bookings / last_booking_at true after bookings move between customers. */
export async function recountCustomer(tx: Tx, organizationId: string, customerId: string): Promise<void> {
  await tx.execute(sql`
    update customers c set
      total_bookings = s.n,
      last_booking_at = s.last
    from (select count(*)::int as n, max(starts_at) as last from bookings
          where organization_id = ${organizationId} and customer_id = ${customerId}) s
    where c.organization_id = ${organizationId} and c.id = ${customerId}`);
}

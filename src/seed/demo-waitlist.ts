/**
 * ReservePTY's demo waitlist, through the use cases themselves (joinWaitlist as the demo member,
 * transitionBooking as the system), after the demo bookings:
 *
 *  - the member waits for the Pedasí residence another member has booked for five nights
 *    (an entry `waiting`, first in line);
 *  - the member also waited for the yacht a guest had chartered for a birthday lunch; the guest
 *    moved the lunch and cancelled, so the yacht is held for the member (an entry `offered`, a
 *    `held` booking): the portal shows "Book it now" with the hold's deadline.
 *
 * A hold lasts the club's `waitlistHoldMinutes` (a day for ReservePTY), counted from the seed.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bookings, customers, members, outbox, services, users } from '@/db/schema';
import { transitionBooking } from '@/modules/bookings';
import { type Actor, type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { joinWaitlist } from '@/modules/waitlist';

interface Wait {
  /** The taken booking: its service and the email of the customer who holds it. */
  service: string;
  holder: string;
  /** Then the holder cancels it with this reason, and the waiting member gets a hold. */
  cancelWith?: string;
}

const plans: Record<string, { member: string; waits: Wait[] }> = {
  reservepty: {
    member: 'member@reservepty.demo',
    waits: [
      { service: 'residence-stay', holder: 'roberto.motta@example.com' },
      { service: 'yacht-day-charter', holder: 'gabriela.fabrega@example.com', cancelWith: 'The birthday lunch moved to the following weekend.' },
    ],
  },
};

/** Seeds `slug`'s demo waitlist; returns the entries made (0 when it has none planned). */
export async function seedDemoWaitlist(db: Db, slug: string, now: Date): Promise<number> {
  const plan = plans[slug];
  if (!plan) return 0;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo waitlist: organization ${slug} does not exist.`);
  const system: Ctx = { db, tenant, actor: { type: 'system', name: 'demo seed' }, now, request: noRequest };
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: members.role })
    .from(users)
    .innerJoin(members, and(eq(members.userId, users.id), eq(members.organizationId, tenant.id)))
    .where(eq(users.email, plan.member));
  if (!row) throw new Error(`Demo waitlist: ${plan.member} is not a member of ${slug}.`);
  const actor: Actor = { type: 'user', ...row };
  const asMember: Ctx = { ...system, actor };

  let made = 0;
  for (const wait of plan.waits) {
    // The holder's next active booking of that service.
    const [taken] = await tenantTx(system, (tx) =>
      tx
        .select({ id: bookings.id, serviceId: bookings.serviceId, resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, bookingMode: services.bookingMode })
        .from(bookings)
        .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
        .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
        .where(
          and(
            eq(bookings.organizationId, tenant.id),
            eq(services.slug, wait.service),
            eq(customers.email, wait.holder),
            inArray(bookings.status, ['pending', 'confirmed']),
            gt(bookings.startsAt, now),
          ),
        )
        .orderBy(asc(bookings.startsAt))
        .limit(1),
    );
    if (!taken) throw new Error(`Demo waitlist: ${slug} has no ${wait.service} booked by ${wait.holder}.`);
    await joinWaitlist(asMember, {
      serviceId: taken.serviceId,
      resourceId: taken.resourceId,
      start: taken.startsAt,
      ...(taken.bookingMode === 'multi_day' ? { end: taken.endsAt } : {}),
      seats: 1,
    });
    made += 1;
    // The cancel offers the range to the member in its own transaction (a live hold).
    if (wait.cancelWith) await transitionBooking(system, taken.id, 'cancel', { reason: wait.cancelWith });
  }
  // Like the demo bookings' history: its messages count as delivered (the demo's mail catcher starts empty).
  await tenantTx(system, (tx) => tx.update(outbox).set({ status: 'sent', sentAt: now }).where(and(eq(outbox.organizationId, tenant.id), eq(outbox.status, 'pending'))));
  return made;
}

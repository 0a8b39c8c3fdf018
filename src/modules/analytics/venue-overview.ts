/**
 * The venue overview (Xplorium, seed 004): today's parties with guests, deposit and balance;
 * the next events' sales and check-ins; tickets sold this week; loyalty points issued and spent
 * this month. Aggregates only, in one read-only transaction; the dashboard's overview shows the
 * parts the organization runs (packages, events, a loyalty program).
 */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { activeBookingStatuses } from '@/db/schema';
import { forbidden } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { toIsoInZone } from '@/modules/scheduling';
import type { VenueOverviewDto } from './schemas';

type Rows<T> = { rows: T[] };

export async function venueOverview(ctx: Ctx): Promise<VenueOverviewDto> {
  authorize(ctx, 'bookings:read');
  // Other people's parties and the venue's figures are for the staff, not for a club member.
  if (ownBookingsOnly(ctx)) throw forbidden('The venue overview is for the staff.');
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const today = DateTime.fromJSDate(ctx.now, { zone }).startOf('day');
  const dayStart = today.toJSDate().toISOString();
  const dayEnd = today.plus({ days: 1 }).toJSDate().toISOString();
  const now = ctx.now.toISOString();
  const in30 = new Date(ctx.now.getTime() + 30 * 86_400_000).toISOString();
  const ago7 = new Date(ctx.now.getTime() - 7 * 86_400_000).toISOString();
  const ago30 = new Date(ctx.now.getTime() - 30 * 86_400_000).toISOString();
  const active = sql.join(
    activeBookingStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const org = tenant.id;

  return tenantTx(ctx, async (tx) => {
    const [has] = (
      (await tx.execute(sql`
      select exists (select 1 from service_packages where organization_id = ${org}) as packages,
             exists (select 1 from events where organization_id = ${org} and status = 'published') as events,
             coalesce((select enabled from loyalty_programs where organization_id = ${org}), false) as loyalty`)) as unknown as Rows<{
        packages: boolean;
        events: boolean;
        loyalty: boolean;
      }>
    ).rows;
    const parties = (
      (await tx.execute(sql`
      select b.id, b.starts_at, b.ends_at, s.name as service_name, r.name as resource_name, c.name as customer_name, b.status,
             b.children, b.adults, b.price_minor, b.deposit_minor, b.deposit_paid_at is not null as deposit_paid,
             b.balance_minor, b.balance_paid_at is not null as balance_paid
        from bookings b
        join service_packages p on p.organization_id = b.organization_id and p.service_id = b.service_id
        join services s on s.organization_id = b.organization_id and s.id = b.service_id
        join customers c on c.organization_id = b.organization_id and c.id = b.customer_id
        left join resources r on r.organization_id = b.organization_id and r.id = b.resource_id
       where b.organization_id = ${org} and b.starts_at >= ${dayStart} and b.starts_at < ${dayEnd} and b.status in (${active})
       order by b.starts_at, b.id
       limit 50`)) as unknown as Rows<{
        id: string;
        starts_at: string | Date;
        ends_at: string | Date;
        service_name: string;
        resource_name: string | null;
        customer_name: string;
        status: string;
        children: number | null;
        adults: number | null;
        price_minor: number;
        deposit_minor: number | null;
        deposit_paid: boolean;
        balance_minor: number | null;
        balance_paid: boolean;
      }>
    ).rows;
    const upcoming = (
      (await tx.execute(sql`
      select e.id, e.title, e.starts_at, e.capacity,
             (select count(*)::int from tickets t where t.organization_id = e.organization_id and t.event_id = e.id and t.status = 'valid') as sold,
             (select count(*)::int from tickets t where t.organization_id = e.organization_id and t.event_id = e.id and t.status = 'valid' and t.checked_in_at is not null) as checked_in
        from events e
       where e.organization_id = ${org} and e.status = 'published' and e.ends_at > ${now} and e.starts_at < ${in30}
       order by e.starts_at, e.id
       limit 5`)) as unknown as Rows<{ id: string; title: string; starts_at: string | Date; capacity: number; sold: number; checked_in: number }>
    ).rows;
    const [figures] = (
      (await tx.execute(sql`
      select (select count(*)::int from tickets where organization_id = ${org} and status = 'valid' and created_at >= ${ago7}) as tickets,
             (select coalesce(sum(delta), 0)::int from loyalty_ledger where organization_id = ${org} and delta > 0 and kind in ('earn', 'adjust') and created_at >= ${ago30}) as issued,
             (select coalesce(-sum(delta), 0)::int from loyalty_ledger where organization_id = ${org} and kind = 'redeem' and created_at >= ${ago30}) as redeemed`)) as unknown as Rows<{
        tickets: number;
        issued: number;
        redeemed: number;
      }>
    ).rows;
    const iso = (v: string | Date) => toIsoInZone(new Date(v).getTime(), zone);
    return {
      timezone: zone,
      currency: tenant.currency,
      has: { packages: !!has?.packages, events: !!has?.events, loyalty: !!has?.loyalty },
      partiesToday: parties.map((p) => ({
        bookingId: p.id,
        start: iso(p.starts_at),
        end: iso(p.ends_at),
        serviceName: p.service_name,
        resourceName: p.resource_name,
        customerName: p.customer_name,
        status: p.status,
        children: p.children,
        adults: p.adults,
        totalMinor: p.price_minor,
        depositMinor: p.deposit_minor,
        depositPaid: p.deposit_paid,
        balanceMinor: p.balance_minor,
        balancePaid: p.balance_paid,
      })),
      upcomingEvents: upcoming.map((e) => ({ eventId: e.id, title: e.title, startsAt: iso(e.starts_at), capacity: e.capacity, sold: e.sold, checkedIn: e.checked_in })),
      ticketsSold7d: figures?.tickets ?? 0,
      pointsIssued30d: figures?.issued ?? 0,
      pointsRedeemed30d: figures?.redeemed ?? 0,
    };
  });
}

import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { activeBookingStatuses, bookings, customers } from '@/db/schema';
import { authorize, type Ctx, ownBookingsOnly, parseInput, tenantTx } from '@/modules/kernel';
import { statsQuery } from './schemas';

export interface BookingStats {
  from: string;
  to: string;
  timezone: string;
  /** Bookings starting in the window, by status. */
  byStatus: Record<string, number>;
  /** Every local day of the window, zero-filled. */
  perDay: { date: string; count: number }[];
  /** Pending bookings (any date) that still need a decision. */
  pending: number;
  /** Active bookings starting today (org's zone). */
  today: number;
  /** Active bookings starting in the next 7 days (from now). */
  upcoming: number;
}

/** Dashboard figures over a window of local days in the org's zone: one transaction, aggregate SQL. */
export async function bookingStats(ctx: Ctx, query: unknown): Promise<BookingStats> {
  authorize(ctx, 'bookings:read');
  const q = parseInput(statsQuery, query, 'query');
  const tenant = ctx.tenant!;
  const zone = tenant.timezone;
  const member = ownBookingsOnly(ctx);
  const windowStart = DateTime.fromISO(q.from, { zone }).startOf('day');
  const windowEnd = DateTime.fromISO(q.to, { zone }).plus({ days: 1 }).startOf('day');
  const now = DateTime.fromJSDate(ctx.now, { zone });
  const todayStart = now.startOf('day');
  const todayEnd = todayStart.plus({ days: 1 });
  const weekEnd = now.plus({ days: 7 });

  // Members count the bookings they made and the ones made in their name (as list-bookings).
  const scope = and(
    eq(bookings.organizationId, tenant.id),
    member ? or(eq(bookings.createdByUserId, member.userId), eq(sql`lower(${customers.email})`, member.email.toLowerCase())) : undefined,
  );
  const join = and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId));
  const ts = (d: DateTime) => d.toJSDate().toISOString();
  const active = inArray(bookings.status, [...activeBookingStatuses]);

  return tenantTx(ctx, async (tx) => {
    const statusRows = await tx
      .select({ status: bookings.status, n: sql<number>`count(*)::int` })
      .from(bookings)
      .innerJoin(customers, join)
      .where(and(scope, sql`${bookings.startsAt} >= ${ts(windowStart)}::timestamptz`, sql`${bookings.startsAt} < ${ts(windowEnd)}::timestamptz`))
      .groupBy(bookings.status);

    const day = sql<string>`to_char(date_trunc('day', ${bookings.startsAt} at time zone ${zone}), 'YYYY-MM-DD')`;
    const dayRows = await tx
      .select({ day, n: sql<number>`count(*)::int` })
      .from(bookings)
      .innerJoin(customers, join)
      .where(
        and(
          scope,
          sql`${bookings.status} not in ('cancelled','rejected')`,
          sql`${bookings.startsAt} >= ${ts(windowStart)}::timestamptz`,
          sql`${bookings.startsAt} < ${ts(windowEnd)}::timestamptz`,
        ),
      )
      .groupBy(sql`1`);

    const [counts] = await tx
      .select({
        pending: sql<number>`(count(*) filter (where ${bookings.status} = 'pending' and ${bookings.endsAt} > ${ts(now)}::timestamptz))::int`,
        today: sql<number>`(count(*) filter (where ${active} and ${bookings.startsAt} >= ${ts(todayStart)}::timestamptz and ${bookings.startsAt} < ${ts(todayEnd)}::timestamptz))::int`,
        upcoming: sql<number>`(count(*) filter (where ${active} and ${bookings.startsAt} >= ${ts(now)}::timestamptz and ${bookings.startsAt} < ${ts(weekEnd)}::timestamptz))::int`,
      })
      .from(bookings)
      .innerJoin(customers, join)
      .where(scope);

    const byStatus: Record<string, number> = { pending: 0, confirmed: 0, in_progress: 0, completed: 0, cancelled: 0, rejected: 0, no_show: 0 };
    for (const r of statusRows) byStatus[r.status] = Number(r.n);
    const perDayMap = new Map(dayRows.map((r) => [r.day, Number(r.n)]));
    const perDay: { date: string; count: number }[] = [];
    for (let d = DateTime.fromISO(q.from); d <= DateTime.fromISO(q.to); d = d.plus({ days: 1 })) {
      const key = d.toISODate()!;
      perDay.push({ date: key, count: perDayMap.get(key) ?? 0 });
    }
    return {
      from: q.from,
      to: q.to,
      timezone: zone,
      byStatus,
      perDay,
      pending: Number(counts?.pending ?? 0),
      today: Number(counts?.today ?? 0),
      upcoming: Number(counts?.upcoming ?? 0),
    };
  });
}

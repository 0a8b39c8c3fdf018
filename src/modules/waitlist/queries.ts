/** Reading waitlist entries as the API shows them: names, tier, place in the queue, the hold. */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { WaitlistStatus } from '@/db/enums';
import { notFound } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import type { WaitlistEntryDto } from './schemas';

interface EntryRow {
  id: string;
  service_id: string;
  service_name: string;
  resource_id: string;
  resource_name: string;
  starts_at: string | Date;
  ends_at: string | Date;
  seats: number;
  status: WaitlistStatus;
  position: number | string | null;
  member_id: string;
  member_name: string;
  tier_name: string | null;
  offered_booking_id: string | null;
  hold_expires_at: string | Date | null;
  created_at: string | Date;
}

const iso = (v: string | Date) => new Date(v).toISOString();

export function presentEntry(r: EntryRow): WaitlistEntryDto {
  return {
    id: r.id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    seats: r.seats,
    status: r.status,
    position: r.status === 'waiting' && r.position !== null ? Number(r.position) : null,
    memberId: r.member_id,
    memberName: r.member_name,
    tierName: r.tier_name,
    bookingId: r.status === 'offered' || r.status === 'booked' ? r.offered_booking_id : null,
    holdExpiresAt: r.hold_expires_at ? iso(r.hold_expires_at) : null,
    createdAt: iso(r.created_at),
  };
}

/**
 * Entries of one organization matching `where` (over alias e), newest first, with the place of
 * waiting entries in their asset's queue: tier rank (lower first, none last), then joining time.
 */
export async function selectEntries(tx: Tx, organizationId: string, where: SQL, page: { limit: number; offset: number }): Promise<{ rows: EntryRow[]; total: number }> {
  const result = (await tx.execute(sql`
    with queue as (
      select q.id, row_number() over (partition by q.resource_id order by t.rank asc nulls last, q.created_at asc, q.id asc) as position
      from waitlist_entries q
      join members m on m.id = q.member_id
      left join member_tiers t on t.organization_id = m.organization_id and t.id = m.tier_id
      where q.organization_id = ${organizationId} and q.status = 'waiting'
    )
    select e.id, e.service_id, s.name as service_name, e.resource_id, r.name as resource_name, e.starts_at, e.ends_at, e.seats, e.status,
           queue.position, e.member_id, u.name as member_name, t.name as tier_name, e.offered_booking_id, e.hold_expires_at, e.created_at
    from waitlist_entries e
    join services s on s.organization_id = e.organization_id and s.id = e.service_id
    join resources r on r.organization_id = e.organization_id and r.id = e.resource_id
    join members m on m.id = e.member_id
    join "user" u on u.id = e.user_id
    left join member_tiers t on t.organization_id = m.organization_id and t.id = m.tier_id
    left join queue on queue.id = e.id
    where e.organization_id = ${organizationId} and ${where}
    order by e.created_at desc, e.id desc
    limit ${page.limit} offset ${page.offset}`)) as unknown as { rows: EntryRow[] };
  const counted = (await tx.execute(sql`select count(*)::int as n from waitlist_entries e where e.organization_id = ${organizationId} and ${where}`)) as unknown as { rows: { n: number }[] };
  return { rows: result.rows, total: Number(counted.rows[0]?.n ?? 0) };
}

export async function entryById(tx: Tx, ctx: Ctx, id: string): Promise<WaitlistEntryDto> {
  const { rows } = await selectEntries(tx, ctx.tenant!.id, sql`e.id = ${id}`, { limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('Waitlist entry');
  return presentEntry(rows[0]);
}

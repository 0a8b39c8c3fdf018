import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingApprovals, bookings, customers, members, resources, services, users } from '@/db/schema';
import type { RuleApprovers } from '@/db/schema';
import type { MemberRole } from '@/db/enums';
import { iso } from '@/lib/dto';
import { toIsoInZone } from '@/modules/scheduling';
import type { ApprovalDto } from '@/modules/rules/schemas';

export type ApprovalRow = typeof bookingApprovals.$inferSelect;

/** Who is deciding: their role and member id (approvers name roles or members). */
export interface Decider {
  role: MemberRole;
  memberId: string | null;
}

export const mayDecide = (approvers: RuleApprovers, d: Decider) => approvers.roles.includes(d.role) || (d.memberId !== null && approvers.memberIds.includes(d.memberId));

/** SQL: the approval's approvers include this decider. */
export const decidableBy = (d: Decider) =>
  sql`(jsonb_exists(${bookingApprovals.approvers} -> 'roles', ${d.role})${d.memberId ? sql` or jsonb_exists(${bookingApprovals.approvers} -> 'memberIds', ${d.memberId})` : sql``})`;

export async function deciderOf(tx: Tx, organizationId: string, userId: string, role: MemberRole): Promise<Decider> {
  const [m] = await tx.select({ id: members.id }).from(members).where(and(eq(members.organizationId, organizationId), eq(members.userId, userId)));
  return { role, memberId: m?.id ?? null };
}

/** Approvals with their booking's who/what/when, in one query. */
export function approvalsWithBookings(tx: Tx) {
  return tx
    .select({
      approval: bookingApprovals,
      booking: { id: bookings.id, status: bookings.status, start: bookings.startsAt, end: bookings.endsAt },
      serviceName: services.name,
      resourceName: resources.name,
      customerName: customers.name,
      customerEmail: customers.email,
      decidedByName: users.name,
    })
    .from(bookingApprovals)
    .innerJoin(bookings, and(eq(bookings.organizationId, bookingApprovals.organizationId), eq(bookings.id, bookingApprovals.bookingId)))
    .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
    .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
    .leftJoin(users, eq(users.id, bookingApprovals.decidedByUserId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof approvalsWithBookings>['where']>>[number];

/** The names of the members the approvals name as approvers, in one query. */
export async function approverNames(tx: Tx, organizationId: string, rows: readonly { approval: ApprovalRow }[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => r.approval.approvers.memberIds))];
  if (ids.length === 0) return new Map();
  const named = await tx
    .select({ id: members.id, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, organizationId), inArray(members.id, ids)));
  return new Map(named.map((m) => [m.id, m.name]));
}

export function presentApproval(r: Joined, zone: string, decider: Decider, locale: 'en' | 'es', names: ReadonlyMap<string, string> = new Map()): ApprovalDto {
  const a = r.approval;
  return {
    id: a.id,
    bookingId: a.bookingId,
    ruleId: a.ruleId,
    ruleName: a.ruleName,
    reason: a.reason[locale] ?? a.reason.en,
    status: a.status,
    comment: a.comment,
    decidedBy: a.decidedByUserId && r.decidedByName ? { id: a.decidedByUserId, name: r.decidedByName } : null,
    decidedAt: a.decidedAt ? iso(a.decidedAt) : null,
    expiresAt: iso(a.expiresAt),
    createdAt: iso(a.createdAt),
    canDecide: a.status === 'pending' && r.booking.status === 'pending' && mayDecide(a.approvers, decider),
    // A member who has left since is no longer named (and can no longer decide).
    approvers: { roles: a.approvers.roles, members: a.approvers.memberIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])) },
    booking: {
      id: r.booking.id,
      status: r.booking.status,
      start: toIsoInZone(r.booking.start.getTime(), zone),
      end: toIsoInZone(r.booking.end.getTime(), zone),
      serviceName: r.serviceName,
      resourceName: r.resourceName,
      customerName: r.customerName,
      customerEmail: r.customerEmail,
    },
  };
}

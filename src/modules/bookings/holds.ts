/**
 * Waitlist holds: a `held` booking reserves a freed range for the member the waitlist offered
 * it to (modules/waitlist owns the entries and their routes; the holds are bookings, so they
 * live here, next to the other writers of the bookings table).
 *
 * Lock order (docs/architecture.md, "Waitlist and holds"): the resource's advisory lock first,
 * then booking rows, then the booker's rule lock (judge), then the customer. Every transaction
 * that frees a range takes the resource lock BEFORE it changes the booking (lockResourceOf),
 * so a booking attempt on the same resource cannot wait on the freeing row's exclusion check
 * while the freeing transaction waits for the attempt's advisory lock.
 *
 * - offerFreed: called in the freeing transaction (cancel, reject, approval expiry, move, hold
 *   release) under the resource lock: waiting entries of that resource, by tier rank (lower =
 *   first, no tier last) then time of joining, each checked by the engine (the range is free
 *   now) and the rules (create, for that member); the first that passes gets a held booking.
 *   Entries whose ranges do not overlap may each get one; each check sees the holds before it.
 * - releaseHold: the hold ends without a booking (expiry, the member left, staff cancelled it);
 *   the range is offered on.
 * - claimHold: the member books the hold: re-judged under the lock, confirmed (or pending with
 *   its approvals), the entry booked.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingApprovals, bookings, bookingEvents, organizations, waitlistEntries } from '@/db/schema';
import { conflict, isAppError, notFound } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { customerUpsertCtes, recountCustomer } from '@/modules/customers';
import { type Ctx, outboxInsert, type Tenant } from '@/modules/kernel';
import { approvalRows, checkAccess, closeApprovals, DEFAULT_WAITLIST_HOLD_MINUTES, judge, type Judgement, RulesDenied } from '@/modules/rules';
import { findSlots, toIsoInZone } from '@/modules/scheduling';
import { actorOf, changedBy, recordChange } from './record-change';
import { type BookingRow, lockBooking } from './apply-transition';
import { tokenInsert } from './manage-link';
import { issueToken } from './manage-token';
import { bookingPrice } from './price';
import { checkRequest, searchAround } from './reserve';
import { settleAddonStock } from './addon-stock';

/** How many waiting entries one freeing looks at (the rest wait for the next freeing). */
const OFFER_SCAN = 25;

/** Takes the advisory lock of a resource (re-entrant within the transaction). */
export async function lockResource(tx: Tx, resourceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${resourceId}, 0))`);
}

/**
 * Takes the advisory lock of the resource a booking is on, before the booking row is locked or
 * changed (the lock order). A move that committed between the read and the lock put the booking
 * on another resource: that one is locked too.
 */
export async function lockResourceOf(tx: Tx, organizationId: string, bookingId: string): Promise<string | null> {
  const read = async () =>
    (await tx.select({ resourceId: bookings.resourceId }).from(bookings).where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId))))[0]?.resourceId ?? null;
  const first = await read();
  if (!first) return null;
  await lockResource(tx, first);
  const now = await read();
  if (now && now !== first) await lockResource(tx, now);
  return now;
}

interface TenantRow extends Tenant {
  holdMinutes: number;
}

async function tenantOf(tx: Tx, organizationId: string): Promise<TenantRow> {
  const [org] = await tx
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, timezone: organizations.timezone, currency: organizations.currency, locale: organizations.locale, settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw notFound('Organization');
  const { settings, ...tenant } = org;
  return { ...tenant, holdMinutes: settings.waitlistHoldMinutes ?? DEFAULT_WAITLIST_HOLD_MINUTES };
}

interface WaitingEntry {
  id: string;
  service_id: string;
  member_id: string;
  user_id: string;
  starts_at: string;
  ends_at: string;
  seats: number;
  email: string;
  name: string;
  role: string;
}

/**
 * Offers freed time on `resourceId` to the waitlist. Must run under the resource's advisory
 * lock, in the transaction that freed it. Returns the entries offered a hold.
 */
export async function offerFreed(tx: Tx, ctx: Ctx, organizationId: string, resourceId: string): Promise<string[]> {
  const result = (await tx.execute(sql`
    select e.id, e.service_id, e.member_id, e.user_id, e.starts_at, e.ends_at, e.seats, u.email, u.name, m.role
    from waitlist_entries e
    join members m on m.id = e.member_id
    join "user" u on u.id = e.user_id
    left join member_tiers t on t.organization_id = m.organization_id and t.id = m.tier_id
    where e.organization_id = ${organizationId} and e.resource_id = ${resourceId} and e.status = 'waiting'
      and e.starts_at > ${ctx.now.toISOString()}::timestamptz
    order by t.rank asc nulls last, e.created_at asc, e.id asc
    limit ${OFFER_SCAN}`)) as unknown as { rows: WaitingEntry[] };
  if (result.rows.length === 0) return [];
  const tenant = await tenantOf(tx, organizationId);
  const offered: string[] = [];
  for (const entry of result.rows) {
    if (await offerOne(tx, ctx, tenant, resourceId, entry)) offered.push(entry.id);
  }
  return offered;
}

async function offerOne(tx: Tx, ctx: Ctx, tenant: TenantRow, resourceId: string, entry: WaitingEntry): Promise<boolean> {
  const start = new Date(entry.starts_at);
  const end = new Date(entry.ends_at);
  const request = { tenant, serviceId: entry.service_id, start, end, seats: entry.seats, fields: null, requireActiveService: true };
  // Under the resource lock the engine's answer is current: free now means nobody can take it first.
  const found = await findSlots(tx, searchAround(ctx, request, resourceId));
  if (!found || found.data.resources.length === 0) return false;
  let checked: ReturnType<typeof checkRequest>;
  try {
    checked = checkRequest(request, found);
  } catch (err) {
    if (isAppError(err)) return false;
    throw err;
  }
  const { service } = checked;
  if (checked.end.getTime() !== end.getTime()) return false;
  const free = found.slots.some((s) => s.start === start.getTime() && s.end === end.getTime() && s.resourceIds.includes(resourceId));
  if (!free) return false;
  // The member's rules as if they booked it now: an entry they may no longer book is skipped (it stays waiting).
  const judgement = await judge(tx, {
    organizationId: tenant.id,
    zone: tenant.timezone,
    now: ctx.now,
    action: 'create',
    resourceId,
    start,
    end,
    subject: { email: entry.email, signedIn: true, isAdmin: entry.role === 'owner' || entry.role === 'admin' },
  });
  try {
    checkAccess(judgement, 'member', tenant.name);
  } catch (err) {
    if (isAppError(err)) return false;
    throw err;
  }
  if (judgement.decision?.verdict === 'deny') return false;

  const bookingId = newId('booking');
  const holdExpiresAt = new Date(ctx.now.getTime() + tenant.holdMinutes * 60_000);
  const range = { start: start.getTime() - service.bufferBeforeMinutes * 60_000, end: end.getTime() + service.bufferAfterMinutes * 60_000 };
  const token = issueToken(tenant.id, bookingId);
  const booking = tx.insert(bookings).values({
    id: bookingId,
    organizationId: tenant.id,
    serviceId: service.id,
    resourceId,
    customerId: sql`(select id from customer)`,
    status: 'held',
    startsAt: start,
    endsAt: end,
    blockedRange: sql`tstzrange(${new Date(range.start).toISOString()}::timestamptz, ${new Date(range.end).toISOString()}::timestamptz, '[)')`,
    exclusive: service.capacity === 1,
    seats: entry.seats,
    priceMinor: bookingPrice(service, start, end, entry.seats, tenant.timezone),
    currency: service.currency,
    source: 'member',
    createdByUserId: entry.user_id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const entryUpdate = tx
    .update(waitlistEntries)
    .set({ status: 'offered', offeredBookingId: bookingId, holdExpiresAt, offeredAt: ctx.now, customerId: sql`(select id from customer)`, updatedAt: ctx.now })
    .where(and(eq(waitlistEntries.organizationId, tenant.id), eq(waitlistEntries.id, entry.id)));
  const event = tx.insert(bookingEvents).values({
    id: newId('bookingEvent'),
    organizationId: tenant.id,
    bookingId,
    action: 'held',
    fromStatus: null,
    toStatus: 'held',
    ...actorOf(ctx),
    reason: null,
    changes: { waitlistEntryId: entry.id, holdExpiresAt: holdExpiresAt.toISOString() },
    createdAt: ctx.now,
  });
  const message = outboxInsert(tx, ctx, {
    organizationId: tenant.id,
    topic: 'waitlist.offered',
    // Ids, not personal data: delivery reads the member and the booking (notifications, inbox).
    payload: { entryId: entry.id, bookingId, userId: entry.user_id, holdExpiresAt: holdExpiresAt.toISOString() },
  });
  // One statement: the customer (counted like any booking), the hold, its link token, the
  // entry, the history event and the member's message. No audit row: the offer is part of the
  // change that freed the range, which writes the request's one audit row.
  const writes = [booking.getSQL(), tokenInsert(tx, ctx, tenant.id, bookingId, token).getSQL(), entryUpdate.getSQL(), event.getSQL(), message.getSQL()];
  await tx.execute(sql`
    with ${customerUpsertCtes(tenant.id, { name: entry.name, email: entry.email }, start, ctx.now)},
         ${sql.join(
           writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
           sql`, `,
         )}
    select 1`);
  return true;
}

/** The entry that holds a booking, locked (null when the booking is no hold). */
async function entryOfHold(tx: Tx, organizationId: string, bookingId: string) {
  const [entry] = await tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.organizationId, organizationId), eq(waitlistEntries.offeredBookingId, bookingId), eq(waitlistEntries.status, 'offered')))
    .for('update');
  return entry ?? null;
}

/**
 * A held booking left `held` another way (staff cancelled it through the lifecycle): its entry
 * is closed as expired. Called by applyTransition in the same transaction.
 */
export async function closeHoldEntry(tx: Tx, ctx: Ctx, organizationId: string, bookingId: string): Promise<void> {
  const entry = await entryOfHold(tx, organizationId, bookingId);
  if (!entry) return;
  await tx
    .update(waitlistEntries)
    .set({ status: 'expired', holdExpiresAt: null, closedAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(waitlistEntries.organizationId, organizationId), eq(waitlistEntries.id, entry.id)));
}

export interface HoldRelease {
  /** Why, on the cancelled booking. */
  reason: string;
  entryStatus: 'expired' | 'left';
  audit: { action: string; changes?: { before?: unknown; after?: unknown } };
  messages?: { topic: string; payload: Record<string, unknown> }[];
}

/**
 * Ends a hold without a booking: the held booking is cancelled, the entry closed, and the range
 * offered to the next entry. The caller holds the resource lock (lockResourceOf) and passes the
 * held booking. Returns false when the booking is no longer held (claimed or released meanwhile).
 */
export async function releaseHold(tx: Tx, ctx: Ctx, organizationId: string, bookingId: string, release: HoldRelease): Promise<boolean> {
  const view = await lockBooking(tx, organizationId, bookingId);
  const before = view.booking;
  if (before.status !== 'held') return false;
  const entry = await entryOfHold(tx, organizationId, bookingId);
  await tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: ctx.now, cancellationReason: release.reason, updatedAt: ctx.now })
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  if (entry) {
    await tx
      .update(waitlistEntries)
      .set({ status: release.entryStatus, holdExpiresAt: null, closedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(waitlistEntries.organizationId, organizationId), eq(waitlistEntries.id, entry.id)));
  }
  await recountCustomer(tx, organizationId, before.customerId);
  // A hold takes no add-ons today; if it ever does, releasing it returns their stock (addon-stock.ts).
  await settleAddonStock(tx, organizationId, bookingId, 'returned', ctx.now);
  await recordChange(tx, ctx, {
    organizationId,
    bookingId,
    event: { action: 'cancel', fromStatus: 'held', toStatus: 'cancelled', reason: release.reason },
    audit: release.audit,
    messages: release.messages,
  });
  await offerFreed(tx, ctx, organizationId, before.resourceId);
  return true;
}

export interface ClaimedHold {
  booking: BookingRow;
  judgement: Judgement | null;
  startLeadMinutes: number;
}

/**
 * The member books their hold. The caller holds the resource lock and has checked the entry is
 * theirs and offered. Rules are judged again (create): a denial rolls back (422), approval rules
 * make it pending with its approval rows, otherwise it is confirmed.
 */
export async function claimHold(
  tx: Tx,
  ctx: Ctx,
  tenant: Tenant,
  entry: { id: string; bookingId: string; email: string; isAdmin: boolean },
): Promise<ClaimedHold> {
  const organizationId = tenant.id;
  // The booking row, then the entry's: the order releaseHold takes too.
  const view = await lockBooking(tx, organizationId, entry.bookingId);
  const before = view.booking;
  const [current] = await tx.select().from(waitlistEntries).where(and(eq(waitlistEntries.organizationId, organizationId), eq(waitlistEntries.id, entry.id))).for('update');
  if (before.status !== 'held' || current?.status !== 'offered' || current.offeredBookingId !== before.id) {
    throw conflict('This hold is no longer open: it was booked, released or passed on.', { reason: 'hold_closed', status: current?.status ?? null });
  }
  if (current.holdExpiresAt! <= ctx.now) {
    throw conflict(`This hold expired at ${toIsoInZone(current.holdExpiresAt!.getTime(), tenant.timezone)}; the time is being offered to the next member on the waitlist.`, {
      reason: 'hold_expired',
      holdExpiresAt: current.holdExpiresAt!.toISOString(),
    });
  }
  const judgement = await judge(tx, {
    organizationId,
    zone: tenant.timezone,
    now: ctx.now,
    action: 'create',
    resourceId: before.resourceId,
    start: before.startsAt,
    end: before.endsAt,
    excludeBookingId: before.id,
    subject: { email: entry.email, signedIn: true, isAdmin: entry.isAdmin },
  });
  checkAccess(judgement, 'member', tenant.name);
  if (judgement.decision?.verdict === 'deny') throw new RulesDenied(judgement.decision);
  const needsApproval = judgement.decision?.verdict === 'approval';
  const status = needsApproval || view.service.requiresConfirmation ? 'pending' : 'confirmed';
  const [after] = await tx
    .update(bookings)
    .set({ status, updatedAt: ctx.now, ...(status === 'confirmed' ? { confirmedAt: ctx.now } : {}) })
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, before.id)))
    .returning();
  if (needsApproval) {
    await closeApprovals(tx, organizationId, before.id, ctx.now);
    await tx.insert(bookingApprovals).values(approvalRows(judgement, { organizationId, bookingId: before.id, start: before.startsAt, now: ctx.now }));
  }
  await tx
    .update(waitlistEntries)
    .set({ status: 'booked', holdExpiresAt: null, closedAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(waitlistEntries.organizationId, organizationId), eq(waitlistEntries.id, entry.id)));
  await recordChange(tx, ctx, {
    organizationId,
    bookingId: before.id,
    event: { action: 'claimed', fromStatus: 'held', toStatus: status, changes: { waitlistEntryId: entry.id } },
    audit: { action: 'waitlist.claimed', changes: { before: { status: 'held' }, after: { status, waitlistEntryId: entry.id } } },
    messages: [{ topic: 'booking.status_changed', payload: { bookingId: before.id, from: 'held', to: status, reason: null, by: changedBy(ctx) } }],
  });
  return { booking: after!, judgement, startLeadMinutes: view.settings.startLeadMinutes };
}

/** Moves one booking through the lifecycle inside the caller's transaction: row lock, rules, counters, event, audit, outbox. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { type BookingStatus, bookings, organizations, services } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { closeApprovals, openApprovals } from '@/modules/rules';
import { recountCustomer } from '@/modules/customers';
import type { Ctx } from '@/modules/kernel';
import { pointsOnBookingCompleted } from '@/modules/loyalty';
import { type BookingSettings, bookingSettingsOf } from './booking-settings';
import { assertMayChange } from './change-policy';
import { judgeChange } from './rule-check';
import { changedBy, recordChange } from './record-change';
import { settleAddonStock } from './addon-stock';
import { lockDepositOrderOf, settleDepositOnCancel } from './deposits';
import { closeHoldEntry, lockResourceOf, offerFreed } from './holds';
import { type BookingAction, freesRange, isActive, nextStatus, statusTimestamp } from './state-machine';

export type BookingRow = typeof bookings.$inferSelect;

/** A booking with what its rules read: the organization's settings and name, the service's terms. */
export interface BookingView {
  booking: BookingRow;
  settings: BookingSettings;
  organizationName: string;
  timezone: string;
  service: { name: string; cancellationNoticeMinutes: number; requiresConfirmation: boolean; priceFrom: boolean };
}

/**
 * Reads a booking with its rules' inputs in one statement; with `lock`, takes the booking row's
 * lock (only that row: the organization and service rows are read, not locked).
 */
export async function readBooking(tx: Tx, organizationId: string, bookingId: string, opts: { lock: boolean }): Promise<BookingView> {
  const query = tx
    .select({
      booking: bookings,
      orgSettings: organizations.settings,
      organizationName: organizations.name,
      timezone: organizations.timezone,
      service: { name: services.name, cancellationNoticeMinutes: services.cancellationNoticeMinutes, requiresConfirmation: services.requiresConfirmation, priceFrom: services.priceFrom },
    })
    .from(bookings)
    .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
    .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  const [row] = opts.lock ? await query.for('update', { of: bookings }) : await query;
  if (!row) throw notFound('Booking');
  return { booking: row.booking, settings: bookingSettingsOf(row.orgSettings), organizationName: row.organizationName, timezone: row.timezone, service: row.service };
}

export const lockBooking = (tx: Tx, organizationId: string, bookingId: string) => readBooking(tx, organizationId, bookingId, { lock: true });

/** Statuses whose bookings count for the customer (customers/upsert-customer.ts). */
export const counts = (status: BookingStatus) => status !== 'cancelled' && status !== 'rejected';

export async function applyTransition(
  tx: Tx,
  ctx: Ctx,
  organizationId: string,
  bookingId: string,
  action: BookingAction,
  reason: string | null,
  /** The audit row when the transition is part of another decision (an approval): one row per request. */
  opts: { audit?: { action: string; changes: { before?: unknown; after?: unknown } } | null } = {},
): Promise<{ row: BookingRow; settings: BookingSettings }> {
  // An action that may free the range takes the resource's lock before the booking's row (the
  // lock order; re-entrant when the caller took it already): the waitlist is offered the range
  // in this transaction (holds.ts).
  const frees = freesRange(action);
  // A party booking's deposit order is locked before anything of the booking (deposits.ts).
  const depositOrder = frees ? await lockDepositOrderOf(tx, organizationId, bookingId) : null;
  if (frees) await lockResourceOf(tx, organizationId, bookingId);
  const view = await lockBooking(tx, organizationId, bookingId);
  const before = view.booking;
  const to = nextStatus(before.status, action, { startsAt: before.startsAt, now: ctx.now, startLeadMinutes: view.settings.startLeadMinutes }, view.timezone);
  // A request waiting for rule approvals is confirmed by its approvers (modules/approvals), not by hand.
  if (action === 'confirm') {
    const waiting = await openApprovals(tx, organizationId, bookingId);
    if (waiting > 0) {
      throw conflict(`This request waits for ${waiting} approval${waiting === 1 ? '' : 's'}; it is confirmed when its approvers approve it.`, {
        reason: 'awaiting_approval',
        approvals: waiting,
      });
    }
  }
  // A waitlist hold is released by staff at any time: no notice, no cancellation rules.
  if (action === 'cancel' && before.status !== 'held') {
    assertMayChange(ctx, { startsAt: before.startsAt, cancellationNoticeMinutes: view.service.cancellationNoticeMinutes, organizationName: view.organizationName }, 'cancel');
    // The club's cancellation rules (lead time to cancel), for guests and members.
    await judgeChange(tx, ctx, view, { action: 'cancel', resourceId: before.resourceId, start: before.startsAt, end: before.endsAt });
  }
  const stamp = statusTimestamp[to];
  let [after] = await tx
    .update(bookings)
    .set({
      status: to,
      updatedAt: ctx.now,
      ...(stamp ? { [stamp]: ctx.now } : {}),
      ...(to === 'cancelled' || to === 'rejected' ? { cancellationReason: reason } : {}),
    })
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)))
    .returning();
  if (depositOrder && (to === 'cancelled' || to === 'rejected')) after = await settleDepositOnCancel(tx, ctx, after!, to, depositOrder);
  if (counts(before.status) !== counts(to)) await recountCustomer(tx, organizationId, before.customerId);
  // Loyalty points on the price of a completed booking (modules/loyalty), once per booking.
  if (to === 'completed') await pointsOnBookingCompleted(tx, ctx, after!);
  if (before.status === 'pending' && to !== 'confirmed') await closeApprovals(tx, organizationId, bookingId, ctx.now);
  if (before.status === 'held') await closeHoldEntry(tx, ctx, organizationId, bookingId);
  await recordChange(tx, ctx, {
    organizationId,
    bookingId,
    event: { action, fromStatus: before.status, toStatus: to, reason },
    audit: opts.audit !== undefined ? opts.audit : { action: `booking.${action}`, changes: { before: { status: before.status }, after: { status: to, ...(reason ? { reason } : {}) } } },
    // `by`: a guest's own change alerts the business (a staff member's does not need to).
    messages: [{ topic: 'booking.status_changed', payload: { bookingId, from: before.status, to, reason, by: changedBy(ctx) } }],
  });
  if (frees && isActive(before.status) && !isActive(to)) await offerFreed(tx, ctx, organizationId, before.resourceId);
  // Add-ons' stock, last in the lock order (addon-stock.ts): it happened → consumed; it did not → returned.
  if (isActive(before.status) && !isActive(to)) await settleAddonStock(tx, organizationId, bookingId, to === 'completed' || to === 'no_show' ? 'consumed' : 'returned', ctx.now);
  return { row: after!, settings: view.settings };
}

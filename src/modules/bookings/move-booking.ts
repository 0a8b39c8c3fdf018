/**
 * Moves a booking to another time (and optionally resource) through the reservation step
 * (reserve.ts), under the advisory locks of both resources; the exclusion constraint still
 * guards the new range. The booking's status and the cancellation notice are checked once
 * early (a quick answer) and again under the booking row's lock, where they decide: a cancel
 * that committed in between makes the move a 409, never "cancelled → rescheduled".
 */
import { addonLinesOf } from './booking-addons';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingApprovals, bookings } from '@/db/schema';
import { conflict, validationError } from '@/lib/errors';
import { recountCustomer } from '@/modules/customers';
import { type Ctx, type Tenant, tenantTx } from '@/modules/kernel';
import { explainUnavailable } from './alternatives';
import { type BookingRow, type BookingView, lockBooking, readBooking } from './apply-transition';
import type { BookingSettings } from './booking-settings';
import { actsForBusiness, assertMayChange } from './change-policy';
import { bookingPrice } from './price';
import { changedBy, recordChange } from './record-change';
import { offerFreed } from './holds';
import { reserve, type ReservedSlot } from './reserve';
import { judgeChange } from './rule-check';
import { approvalRows, closeApprovals } from '@/modules/rules';

export interface RescheduleRequest {
  tenant: Tenant;
  bookingId: string;
  start: Date;
  end?: Date;
  resourceId?: string;
}

function assertMovable(ctx: Ctx, view: BookingView): void {
  const { status, startsAt } = view.booking;
  if (status !== 'pending' && status !== 'confirmed') {
    throw conflict(`A ${status.replace('_', ' ')} booking cannot be rescheduled.`, { reason: 'status', status });
  }
  assertMayChange(ctx, { startsAt, cancellationNoticeMinutes: view.service.cancellationNoticeMinutes, organizationName: view.organizationName }, 'reschedule');
}

export async function rescheduleWithin(ctx: Ctx, r: RescheduleRequest): Promise<{ row: BookingRow; settings: BookingSettings }> {
  const orgId = r.tenant.id;
  const [first, extraMinutes] = await tenantTx(
    ctx,
    async (tx) => {
      const view = await readBooking(tx, orgId, r.bookingId, { lock: false });
      // Its add-ons keep lengthening it at the new time.
      const lines = await addonLinesOf(tx, orgId, r.bookingId);
      return [view, lines.reduce((sum, l) => sum + l.extraMinutes, 0)] as const;
    },
    orgId,
  );
  assertMovable(ctx, first);
  const current = first.booking;
  const resourceId = r.resourceId ?? current.resourceId;
  const result = await reserve(
    ctx,
    {
      tenant: r.tenant,
      serviceId: current.serviceId,
      resourceId,
      start: r.start,
      end: r.end,
      seats: current.seats,
      fields: null,
      requireActiveService: false,
      excludeBookingId: current.id,
      alsoLock: [current.resourceId],
      extraMinutes,
    },
    (tx, slot) => move(tx, ctx, orgId, current.id, resourceId, r.start, slot),
  );
  if (result.ok) return result.value;
  if (result.reason === 'no_resource') {
    throw validationError('That resource cannot perform this service.', { fields: [{ path: 'resourceId', message: 'is not eligible' }] });
  }
  throw await explainUnavailable(ctx, {
    tenant: r.tenant,
    serviceId: current.serviceId,
    resourceId,
    onlyResource: true,
    start: r.start,
    end: result.end,
    seats: current.seats,
    excludeBookingId: current.id,
    own: { start: current.startsAt, resourceId: current.resourceId },
    service: result.service,
    extraMinutes,
  });
}

/**
 * The write of the reservation: under the booking row's lock, re-check, move, recount, record.
 * A recurring series' edit moves each occurrence through here, audited once for the whole edit.
 */
export async function move(tx: Tx, ctx: Ctx, orgId: string, bookingId: string, resourceId: string, start: Date, slot: ReservedSlot, opts: { audited?: boolean } = {}) {
  const view = await lockBooking(tx, orgId, bookingId);
  assertMovable(ctx, view);
  const before = view.booking;
  // A guest's new time was never approved: a booking of a service that needs confirmation goes
  // back to pending and the business is told, unless the organization keeps it confirmed.
  // The club's rules judge the new time (guests and members); a time that needs approval sends
  // the booking back to pending with its approvals, like a new request.
  const judgement = await judgeChange(tx, ctx, view, { action: 'change', resourceId, start, end: slot.end });
  const needsApproval = judgement?.decision?.verdict === 'approval' && (before.status === 'confirmed' || before.status === 'pending');
  const reconfirm =
    (before.status === 'confirmed' && view.service.requiresConfirmation && !actsForBusiness(ctx) && !view.settings.keepGuestReschedulesConfirmed) ||
    (needsApproval && before.status === 'confirmed');
  const status = reconfirm ? 'pending' : before.status;
  // A stay's price follows its nights (unless staff set a final amount on a "from" price).
  // Its add-on lines keep their copied totals; a price split into deposit and balance stays as booked.
  const repriced = slot.service.bookingMode === 'multi_day' && !view.service.priceFrom && before.depositMinor === null;
  const addonsTotal = repriced ? (await addonLinesOf(tx, orgId, bookingId)).reduce((sum, l) => sum + l.totalMinor, 0) : 0;
  const priceMinor = repriced ? bookingPrice(slot.service, start, slot.end, before.seats, view.timezone) + addonsTotal : before.priceMinor;
  const [after] = await tx
    .update(bookings)
    .set({
      startsAt: start,
      endsAt: slot.end,
      resourceId,
      blockedRange: slot.blockedRange,
      priceMinor,
      updatedAt: ctx.now,
      ...(reconfirm ? { status, confirmedAt: null } : {}),
    })
    .where(and(eq(bookings.organizationId, orgId), eq(bookings.id, bookingId)))
    .returning();
  await recountCustomer(tx, orgId, before.customerId);
  if (needsApproval) {
    // Approvals of the old time no longer stand: the new time is judged afresh.
    await closeApprovals(tx, orgId, bookingId, ctx.now);
    await tx.insert(bookingApprovals).values(approvalRows(judgement!, { organizationId: orgId, bookingId, start, now: ctx.now }));
  }
  const changes = {
    before: {
      start: before.startsAt.toISOString(),
      end: before.endsAt.toISOString(),
      resourceId: before.resourceId,
      ...(reconfirm ? { status: before.status } : {}),
      ...(priceMinor !== before.priceMinor ? { priceMinor: before.priceMinor } : {}),
    },
    after: { start: start.toISOString(), end: slot.end.toISOString(), resourceId, ...(reconfirm ? { status } : {}), ...(priceMinor !== before.priceMinor ? { priceMinor } : {}) },
  };
  await recordChange(tx, ctx, {
    organizationId: orgId,
    bookingId,
    event: { action: 'rescheduled', fromStatus: before.status, toStatus: status, changes },
    audit: opts.audited === false ? null : { action: 'booking.rescheduled', changes },
    messages: [
      { topic: 'booking.rescheduled', payload: { bookingId, by: changedBy(ctx), reconfirm, ...changes } },
      ...(reconfirm ? [{ topic: 'booking.awaiting_confirmation', payload: { bookingId, reason: needsApproval ? 'rules_approval' : 'rescheduled_by_guest', ...changes } }] : []),
    ],
  });
  // The range it left may be what someone on the waitlist wants (reserve() holds the old resource's lock too).
  await offerFreed(tx, ctx, orgId, before.resourceId);
  return { row: after!, settings: view.settings };
}

/**
 * Moves a booking to another time (and optionally resource) in one transaction, under the
 * advisory locks of both resources; the exclusion constraint still guards the new range.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingEvents, bookings } from '@/db/schema';
import { conflict, ruleViolation, sqlState, validationError } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, enqueue, recordAudit, type Tenant, tenantTx } from '@/modules/kernel';
import { addDays, findSlots, localDateOf, overlapOn } from '@/modules/scheduling';
import { lockBooking } from './apply-transition';
import { findAlternatives, lockResources } from './place-booking';

export interface RescheduleRequest {
  tenant: Tenant;
  bookingId: string;
  start: Date;
  end?: Date;
  resourceId?: string;
  /** Guests reschedule only within the service's cancellation notice. */
  enforceNotice: boolean;
}

class Taken extends Error {}

export async function rescheduleWithin(ctx: Ctx, r: RescheduleRequest) {
  const orgId = r.tenant.id;
  const current = await tenantTx(ctx, (tx) => lockBooking(tx, orgId, r.bookingId), orgId);
  if (!['pending', 'confirmed'].includes(current.status)) {
    throw conflict(`A ${current.status.replace('_', ' ')} booking cannot be rescheduled.`, { status: current.status });
  }
  const resourceId = r.resourceId ?? current.resourceId;
  const day = localDateOf(r.start.getTime(), r.tenant.timezone);
  const search = {
    organizationId: orgId,
    orgTimezone: r.tenant.timezone,
    serviceId: current.serviceId,
    resourceId,
    from: addDays(day, -1),
    to: addDays(day, 1),
    timezone: r.tenant.timezone,
    now: ctx.now,
    seats: current.seats,
    excludeBookingId: current.id,
  };
  const found = await tenantTx(ctx, (tx) => findSlots(tx, search), orgId);
  if (!found || found.data.resources.length === 0) throw validationError('That resource cannot perform this service.', { fields: [{ path: 'resourceId', message: 'is not eligible' }] });
  const { service } = found.data;
  if (r.enforceNotice && current.startsAt.getTime() - ctx.now.getTime() < service.cancellationNoticeMinutes * 60_000) {
    throw ruleViolation(`Changes are possible until ${service.cancellationNoticeMinutes / 60} hours before the start; contact the business instead.`, {
      rule: 'cancellation_notice',
    });
  }
  const multiDay = service.bookingMode === 'multi_day';
  if (multiDay && !r.end) throw validationError('Give the new check-out time as end.', { fields: [{ path: 'end', message: 'is required' }] });
  const end = multiDay ? r.end! : new Date(r.start.getTime() + service.durationMinutes * 60_000);
  const offered = found.slots.some((s) => s.start === r.start.getTime() && s.end === end.getTime() && s.resourceIds.includes(resourceId));
  if (!offered) {
    const unbooked = await tenantTx(ctx, (tx) => findSlots(tx, { ...search, ignoreBusy: true }), orgId);
    if (!unbooked?.slots.some((s) => s.start === r.start.getTime() && s.end === end.getTime())) {
      throw ruleViolation('That time is not one of the offered times for this service.', { rule: 'not_offered' });
    }
    throw conflict('That time is taken. Here are the nearest free times.', {
      reason: 'slot_taken',
      alternatives: await findAlternatives(ctx, r.tenant, current.serviceId, r.start, current.seats, current.id),
    });
  }
  try {
    return await tenantTx(
      ctx,
      async (tx: Tx) => {
        await lockResources(tx, [current.resourceId, resourceId]);
        const before = await lockBooking(tx, orgId, current.id);
        const range = { start: r.start.getTime() - service.bufferBeforeMinutes * 60_000, end: end.getTime() + service.bufferAfterMinutes * 60_000 };
        const resource = found.data.resources.find((x) => x.resource.id === resourceId)!.resource;
        if (await isTaken(tx, orgId, resourceId, range, before.exclusive, Math.min(service.capacity, resource.capacity) - before.seats, before.id)) throw new Taken();
        const [after] = await tx
          .update(bookings)
          .set({
            startsAt: r.start,
            endsAt: end,
            resourceId,
            blockedRange: sql`tstzrange(${new Date(range.start).toISOString()}::timestamptz, ${new Date(range.end).toISOString()}::timestamptz, '[)')`,
            updatedAt: ctx.now,
          })
          .where(and(eq(bookings.organizationId, orgId), eq(bookings.id, before.id)))
          .returning();
        const changes = {
          before: { start: before.startsAt.toISOString(), end: before.endsAt.toISOString(), resourceId: before.resourceId },
          after: { start: r.start.toISOString(), end: end.toISOString(), resourceId },
        };
        await tx.insert(bookingEvents).values({
          id: newId('bookingEvent'),
          organizationId: orgId,
          bookingId: before.id,
          action: 'rescheduled',
          fromStatus: before.status,
          toStatus: before.status,
          actorType: ctx.actor.type === 'user' ? 'user' : 'guest',
          actorUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
          changes,
          createdAt: ctx.now,
        });
        await recordAudit(tx, ctx, { organizationId: orgId, action: 'booking.rescheduled', entity: 'booking', entityId: before.id, changes });
        await enqueue(tx, ctx, { organizationId: orgId, topic: 'booking.rescheduled', payload: { bookingId: before.id, ...changes } });
        return after!;
      },
      orgId,
    );
  } catch (err) {
    if (err instanceof Taken || sqlState(err) === '23P01' || sqlState(err) === '40P01') {
      throw conflict('That time was just taken. Here are the nearest free times.', {
        reason: 'slot_taken',
        alternatives: await findAlternatives(ctx, r.tenant, current.serviceId, r.start, current.seats, current.id),
      });
    }
    throw err;
  }
}

/**
 * Overlap check under the resource lock: any active exclusive booking blocks; group bookings
 * block an exclusive one, and for a group service their seats must leave room.
 */
async function isTaken(
  tx: Tx,
  organizationId: string,
  resourceId: string,
  range: { start: number; end: number },
  exclusive: boolean,
  seatsLeftAfter: number,
  excludeBookingId?: string,
): Promise<boolean> {
  const row = await overlapOn(tx, organizationId, resourceId, range, excludeBookingId);
  if (row.exclusiveCount > 0) return true;
  return exclusive ? row.seats > 0 : row.seats > seatsLeftAfter;
}

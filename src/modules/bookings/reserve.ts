/**
 * The one reservation step, shared by placing and moving a booking (docs/architecture.md,
 * "Bookings: the guarantee"):
 *
 *  1. Lock: one transaction that takes pg_advisory_xact_lock on every resource involved, in id
 *     order — the first in the statement that scopes the transaction, so a guest booking pays
 *     no extra round trip; a move also locks the resource it leaves.
 *  2. Check: under the locks, the engine recomputes the slot for that resource from current
 *     data (hours, notice, horizon, seats, every active booking but the one being moved).
 *  3. Write: the caller writes the range in the same transaction (`write`); the exclusion
 *     constraint bookings_no_overlap still refuses an overlap the check missed.
 *
 * A refusal is a result, not an exception: `{ ok: false, reason }`. Bad input (an unknown
 * service, wrong seats or fields) is still thrown as the 4xx it is.
 */
import type { FieldAnswer } from './schemas';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { notFound, sqlState, validationError } from '@/lib/errors';
import { type Ctx, type Tenant, tenantTx } from '@/modules/kernel';
import { addDays, findSlots, localDateOf, type SlotSearchResult } from '@/modules/scheduling';
import { validateFieldValues } from './custom-fields';
import { guestsRequired } from './extras';

type FieldValues = Record<string, FieldAnswer>;
export type ServiceRow = SlotSearchResult['data']['service'];

export interface ReserveRequest {
  tenant: Tenant;
  serviceId: string;
  resourceId: string;
  start: Date;
  /** Multi-day services (stays) give the check-out instant. */
  end?: Date;
  seats: number;
  /** Custom-field answers to validate against the service; null when moving (they stay). */
  fields: FieldValues | null;
  /** Guests and members book only active services; staff may book or move an archived one. */
  requireActiveService: boolean;
  /** A move does not collide with the booking it moves. */
  excludeBookingId?: string;
  /** Other resources to lock (a move: the one it leaves). */
  alsoLock?: string[];
  /** Minutes the booking's add-ons add to the service's duration (extras.ts). */
  extraMinutes?: number;
  /**
   * The request named no add-ons and no guests, so its extras were not resolved before the
   * lock (place-booking.ts): a party package still needs its guests, checked here (400).
   */
  noExtrasAsked?: boolean;
}

export interface ReservedSlot {
  service: ServiceRow;
  end: Date;
  fields: FieldValues;
  /** [start − buffer before, end + buffer after): what the resource is blocked for. */
  range: { start: number; end: number };
  blockedRange: SQL;
  exclusive: boolean;
  /** Rules or a members-only policy to judge the booking by (SchedulingData.rulesApply). */
  rulesApply: boolean;
}

export type Refusal =
  /** The engine does not offer that time on that resource now (taken, or never bookable: the caller explains). */
  | { ok: false; reason: 'unavailable'; service: ServiceRow; end: Date }
  /** The exclusion constraint (or a deadlock it caused) refused the write. */
  | { ok: false; reason: 'taken'; service: ServiceRow; end: Date }
  /** The resource cannot perform the service, or does not exist. */
  | { ok: false; reason: 'no_resource' };

export type Reservation<T> = { ok: true; value: T } | Refusal;

/** The search that re-checks one time: its local day and the days either side (zones, stays). */
export function searchAround(ctx: Ctx, r: Pick<ReserveRequest, 'tenant' | 'serviceId' | 'start' | 'seats' | 'excludeBookingId' | 'extraMinutes'>, resourceId?: string) {
  const day = localDateOf(r.start.getTime(), r.tenant.timezone);
  return {
    organizationId: r.tenant.id,
    orgTimezone: r.tenant.timezone,
    serviceId: r.serviceId,
    resourceId,
    from: addDays(day, -1),
    to: addDays(day, 1),
    timezone: r.tenant.timezone,
    now: ctx.now,
    seats: r.seats,
    excludeBookingId: r.excludeBookingId,
    extraMinutes: r.extraMinutes,
  };
}

/** Validates a request against the service (exists, seats, a stay's end, custom fields). */
export function checkRequest(r: Pick<ReserveRequest, 'start' | 'end' | 'seats' | 'fields' | 'requireActiveService' | 'noExtrasAsked'>, found: SlotSearchResult | null) {
  if (!found || (r.requireActiveService && !found.data.service.active)) throw notFound('Service');
  const { service } = found.data;
  if (r.noExtrasAsked && found.data.packaged) throw guestsRequired();
  if (service.capacity === 1 && r.seats !== 1) {
    throw validationError('This service is booked one at a time: seats must be 1.', { fields: [{ path: 'seats', message: 'must be 1' }] });
  }
  const multiDay = service.bookingMode === 'multi_day';
  if (multiDay && !r.end) {
    throw validationError('This service is booked by the night: give the check-out time as end.', { fields: [{ path: 'end', message: 'is required' }] });
  }
  const fields = r.fields === null ? {} : validateFieldValues(service.customFields, r.fields);
  const end = multiDay ? r.end! : new Date(r.start.getTime() + service.durationMinutes * 60_000);
  return { service, end, fields };
}

/**
 * Step 2 inside a transaction that already holds the resource's lock: is the time offered now?
 * Shared by `reserve` (one booking) and a recurring series (every occurrence under one lock).
 */
export async function checkLocked(tx: Tx, ctx: Ctx, r: ReserveRequest): Promise<{ ok: true; slot: ReservedSlot } | Refusal> {
  const found = await findSlots(tx, searchAround(ctx, r, r.resourceId));
  if (found && found.data.resources.length === 0) return { ok: false, reason: 'no_resource' };
  const { service, end, fields } = checkRequest(r, found);
  const offered = found!.slots.some((s) => s.start === r.start.getTime() && s.end === end.getTime() && s.resourceIds.includes(r.resourceId));
  if (!offered) return { ok: false, reason: 'unavailable', service, end };
  const range = { start: r.start.getTime() - service.bufferBeforeMinutes * 60_000, end: end.getTime() + service.bufferAfterMinutes * 60_000 };
  const blockedRange = sql`tstzrange(${new Date(range.start).toISOString()}::timestamptz, ${new Date(range.end).toISOString()}::timestamptz, '[)')`;
  return { ok: true, slot: { service, end, fields, range, blockedRange, exclusive: service.capacity === 1, rulesApply: found!.data.rulesApply } };
}

export async function reserve<T>(ctx: Ctx, r: ReserveRequest, write: (tx: Tx, slot: ReservedSlot) => Promise<T>): Promise<Reservation<T>> {
  const [first, ...rest] = [...new Set([r.resourceId, ...(r.alsoLock ?? [])])].sort();
  let checked: { service: ServiceRow; end: Date } | null = null;
  try {
    return await tenantTx(
      ctx,
      async (tx): Promise<Reservation<T>> => {
        for (const key of rest) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
        // Under the locks, this resource's busy intervals are current: if the time is offered
        // now, nobody can take it before we commit.
        const check = await checkLocked(tx, ctx, r);
        if (!check.ok) return check;
        checked = { service: check.slot.service, end: check.slot.end };
        return { ok: true, value: await write(tx, check.slot) };
      },
      r.tenant.id,
      // Taken first, in the statement that scopes the transaction: every writer of this
      // resource queues here, before reading anything.
      { advisoryLock: first },
    );
  } catch (err) {
    const state = sqlState(err);
    if (checked && (state === '23P01' || state === '40P01')) return { ok: false, reason: 'taken', ...(checked as { service: ServiceRow; end: Date }) };
    throw err;
  }
}

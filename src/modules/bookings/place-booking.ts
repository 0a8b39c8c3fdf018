/**
 * Placing a booking, for guests, staff and members alike. The guarantee is the database's:
 * each attempt runs in one transaction that first takes pg_advisory_xact_lock on the resource
 * (serialising writers of that resource, which also avoids the deadlocks the exclusion check
 * alone produced under contention), re-checks overlaps and seats under that lock, and inserts;
 * the exclusion constraint bookings_no_overlap still refuses any overlap the code missed.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { mapRow } from '@/db/rows';
import { bookingEvents, bookings } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { conflict, notFound, ruleViolation, sqlState, validationError } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type CustomerContact, customerUpsert } from '@/modules/customers';
import { auditInsert, type Ctx, outboxInsert, type Tenant, tenantTx } from '@/modules/kernel';
import { addDays, findSlots, localDateOf, type Slot, type SlotSearch, toIsoInZone } from '@/modules/scheduling';
import { validateFieldValues } from './custom-fields';
import { manageTokenFor, manageTokenHash, manageUrl } from './manage-token';

export interface Placement {
  tenant: Tenant;
  serviceId: string;
  resourceId?: string;
  start: Date;
  end?: Date;
  seats: number;
  contact: CustomerContact;
  fields: Record<string, string | number | boolean>;
  message: string;
  internalNotes?: string;
  source: 'public' | 'staff' | 'member';
  status?: 'pending' | 'confirmed';
  idempotencyKey?: string;
  createdByUserId?: string | null;
  /** Guests may book only active services; staff may book an archived one for an old customer. */
  requireActiveService: boolean;
}

export type BookingRow = typeof bookings.$inferSelect;

export interface Placed {
  booking: BookingRow;
  manageToken: string;
  manageUrl: string;
  replayed: boolean;
}

class SlotTaken extends Error {
  constructor(
    readonly service: ServiceRow,
    readonly end: Date,
  ) {
    super('slot taken');
  }
}

const ALTERNATIVES = 5;

export async function placeBooking(ctx: Ctx, p: Placement): Promise<Placed> {
  const orgId = p.tenant.id;
  const fingerprint = p.idempotencyKey ? fingerprintOf(p) : null;
  if (p.idempotencyKey) {
    const replay = await findReplay(ctx, p.tenant, p.idempotencyKey, fingerprint!);
    if (replay) return replay;
  }

  const day = localDateOf(p.start.getTime(), p.tenant.timezone);
  const search = {
    organizationId: orgId,
    orgTimezone: p.tenant.timezone,
    serviceId: p.serviceId,
    from: addDays(day, -1),
    to: addDays(day, 1),
    timezone: p.tenant.timezone,
    now: ctx.now,
    seats: p.seats,
  };

  // With a named resource, the slot is checked inside the locked transaction itself (one
  // transaction per booking); "any resource" first asks which resources are free, then tries
  // them in turn, each under its own lock.
  let candidates: string[];
  if (p.resourceId) {
    candidates = [p.resourceId];
  } else {
    const found = await tenantTx(ctx, (tx) => findSlots(tx, search), orgId);
    const { service, end } = checkRequest(p, found);
    const match = found!.slots.find((s) => s.start === p.start.getTime() && s.end === end.getTime());
    candidates = match?.resourceIds ?? [];
    if (candidates.length === 0) throw await unavailable(ctx, p, search, service, end);
  }

  for (const resourceId of candidates) {
    try {
      return await tenantTx(
        ctx,
        async (tx) => {
          // Under the lock, this resource's busy intervals are current: if the slot is offered
          // now, nobody can take it before we commit.
          const found = await findSlots(tx, { ...search, resourceId });
          const { service, end, fields } = checkRequest(p, found);
          const offered = found!.slots.some((s) => s.start === p.start.getTime() && s.end === end.getTime() && s.resourceIds.includes(resourceId));
          if (!offered) throw new SlotTaken(service, end);
          const range = { start: p.start.getTime() - service.bufferBeforeMinutes * 60_000, end: end.getTime() + service.bufferAfterMinutes * 60_000 };
          return insertBooking(tx, ctx, p, { resourceId, end, range, fields, service, fingerprint });
        },
        orgId,
        // Taken first, in the statement that scopes the transaction: every writer of this
        // resource queues here, before reading anything.
        { advisoryLock: resourceId },
      );
    } catch (err) {
      if (err instanceof SlotTaken) {
        if (p.resourceId) throw await unavailable(ctx, p, { ...search, resourceId }, err.service, err.end);
        continue;
      }
      if (sqlState(err) === '23P01' || sqlState(err) === '40P01') continue;
      if (sqlState(err) === '23505' && p.idempotencyKey) {
        // A concurrent request with the same key won the race: answer with its booking.
        const replay = await findReplay(ctx, p.tenant, p.idempotencyKey, fingerprint!);
        if (replay) return replay;
      }
      throw err;
    }
  }
  throw await slotTaken(ctx, p);
}

type Found = Awaited<ReturnType<typeof findSlots>>;
type ServiceRow = NonNullable<Found>['data']['service'];

/** Validates the request against the service (exists, seats, stay end, custom fields). */
function checkRequest(p: Placement, found: Found) {
  if (!found || (p.requireActiveService && !found.data.service.active)) throw notFound('Service');
  const { service } = found.data;
  if (p.resourceId && found.data.resources.length === 0) throw notFound('Resource');
  if (service.capacity === 1 && p.seats !== 1) {
    throw validationError('This service is booked one at a time: seats must be 1.', { fields: [{ path: 'seats', message: 'must be 1' }] });
  }
  const multiDay = service.bookingMode === 'multi_day';
  if (multiDay && !p.end) {
    throw validationError('This service is booked by the night: give the check-out time as end.', { fields: [{ path: 'end', message: 'is required' }] });
  }
  const fields = validateFieldValues(service.customFields, p.fields);
  const end = multiDay ? p.end! : new Date(p.start.getTime() + service.durationMinutes * 60_000);
  return { service, end, fields };
}

/** Not offered: 422 when the time is not bookable at all, 409 with alternatives when it is taken. */
async function unavailable(ctx: Ctx, p: Placement, search: SlotSearch, service: ServiceRow, end: Date) {
  const unbooked = await tenantTx(ctx, (tx) => findSlots(tx, { ...search, ignoreBusy: true }), p.tenant.id);
  const bookable = unbooked?.slots.some((s) => s.start === p.start.getTime() && s.end === end.getTime());
  if (!bookable) return notBookable(p.start, service, ctx.now, service.bookingMode === 'multi_day');
  return slotTaken(ctx, p);
}

/**
 * Customer upsert, booking, its first event, the audit row and the outbox message in ONE
 * statement (data-modifying CTEs): the booking path's hottest code, where each round trip
 * counted (bench/booking-throughput.ts). The rows are the ones the usual helpers write.
 */
async function insertBooking(
  tx: Tx,
  ctx: Ctx,
  p: Placement,
  x: {
    resourceId: string;
    end: Date;
    range: { start: number; end: number };
    fields: Record<string, string | number | boolean>;
    service: ServiceRow;
    fingerprint: string | null;
  },
): Promise<Placed> {
  const orgId = p.tenant.id;
  const id = newId('booking');
  const token = manageTokenFor(id);
  const status = p.status ?? (x.service.requiresConfirmation ? 'pending' : 'confirmed');
  const actorType = ctx.actor.type === 'user' ? 'user' : ctx.actor.type === 'system' ? 'system' : 'guest';
  const url = manageUrl(p.tenant.slug, token);
  const customerId = sql`(select id from customer)`;

  const booking = tx.insert(bookings).values({
    id,
    organizationId: orgId,
    serviceId: x.service.id,
    resourceId: x.resourceId,
    customerId,
    status,
    startsAt: p.start,
    endsAt: x.end,
    blockedRange: sql`tstzrange(${new Date(x.range.start).toISOString()}::timestamptz, ${new Date(x.range.end).toISOString()}::timestamptz, '[)')`,
    exclusive: x.service.capacity === 1,
    seats: p.seats,
    priceMinor: x.service.priceMinor * p.seats,
    currency: x.service.currency,
    fieldValues: x.fields,
    message: p.message,
    internalNotes: p.internalNotes ?? '',
    source: p.source,
    manageTokenHash: manageTokenHash(token),
    idempotencyKey: p.idempotencyKey ?? null,
    idempotencyFingerprint: x.fingerprint,
    createdByUserId: p.createdByUserId ?? null,
    confirmedAt: status === 'confirmed' ? ctx.now : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const event = tx.insert(bookingEvents).values({
    id: newId('bookingEvent'),
    organizationId: orgId,
    bookingId: id,
    action: 'created',
    fromStatus: null,
    toStatus: status,
    actorType,
    actorUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    changes: { source: p.source, resourceId: x.resourceId },
    createdAt: ctx.now,
  });
  const audit = auditInsert(tx, ctx, {
    organizationId: orgId,
    action: 'booking.created',
    entity: 'booking',
    entityId: id,
    changes: { after: { status, serviceId: x.service.id, resourceId: x.resourceId, start: p.start.toISOString(), end: x.end.toISOString(), customerEmail: p.contact.email } },
  });
  const message = outboxInsert(tx, ctx, {
    organizationId: orgId,
    topic: 'booking.created',
    payload: {
      bookingId: id,
      status,
      to: p.contact.email,
      customerName: p.contact.name,
      serviceName: x.service.name,
      start: toIsoInZone(p.start.getTime(), p.tenant.timezone),
      manageUrl: url,
    },
  });
  const result = (await tx.execute(sql`
    with customer as (${customerUpsert(orgId, p.contact, p.start, ctx.now)}),
         booking as (${booking.getSQL()} returning *),
         event as (${event.getSQL()}),
         audit as (${audit.getSQL()}),
         message as (${message.getSQL()})
    select * from booking`)) as unknown as { rows: Record<string, unknown>[] };
  if (!result.rows[0]) throw new Error('booking insert returned no row');
  return { booking: mapRow(bookings, result.rows[0]), manageToken: token, manageUrl: url, replayed: false };
}

function fingerprintOf(p: Placement): string {
  return sha256(
    JSON.stringify([p.serviceId, p.resourceId ?? null, p.start.toISOString(), p.end?.toISOString() ?? null, p.seats, p.contact.email.toLowerCase(), p.fields, p.message]),
  );
}

async function findReplay(ctx: Ctx, tenant: Tenant, key: string, fingerprint: string): Promise<Placed | null> {
  const organizationId = tenant.id;
  const [existing] = await tenantTx(
    ctx,
    (tx) => tx.select().from(bookings).where(and(eq(bookings.organizationId, organizationId), eq(bookings.idempotencyKey, key))),
    organizationId,
  );
  if (!existing) return null;
  if (existing.idempotencyFingerprint !== fingerprint) {
    throw ruleViolation('This Idempotency-Key was already used for a different booking request; use a new key for a new request.', {
      rule: 'idempotency_key_reused',
    });
  }
  const token = manageTokenFor(existing.id);
  return { booking: existing, manageToken: token, manageUrl: manageUrl(tenant.slug, token), replayed: true };
}

function notBookable(start: Date, service: { minNoticeMinutes: number; maxAdvanceDays: number }, now: Date, multiDay: boolean) {
  if (start.getTime() < now.getTime() + service.minNoticeMinutes * 60_000) {
    return ruleViolation(`Bookings need at least ${service.minNoticeMinutes} minutes' notice.`, { rule: 'min_notice', minNoticeMinutes: service.minNoticeMinutes });
  }
  if (start.getTime() >= now.getTime() + service.maxAdvanceDays * 86_400_000) {
    return ruleViolation(`Bookings open at most ${service.maxAdvanceDays} days ahead.`, { rule: 'max_advance', maxAdvanceDays: service.maxAdvanceDays });
  }
  return ruleViolation(
    multiDay
      ? 'That stay is not offered: check the check-in and check-out times, the number of nights and the open days.'
      : 'That time is not one of the offered start times (outside working hours, a closed day, or not on the slot grid).',
    { rule: 'not_offered' },
  );
}

/** 409 with the nearest free slots for the same service: same day first, any eligible resource. */
async function slotTaken(ctx: Ctx, p: Placement) {
  const alternatives = await findAlternatives(ctx, p.tenant, p.serviceId, p.start, p.seats);
  return conflict('That time was just taken. Here are the nearest free times.', { reason: 'slot_taken', alternatives });
}

export async function findAlternatives(ctx: Ctx, tenant: Tenant, serviceId: string, around: Date, seats = 1, excludeBookingId?: string) {
  const day = localDateOf(around.getTime(), tenant.timezone);
  const found = await tenantTx(
    ctx,
    (tx) =>
      findSlots(tx, {
        organizationId: tenant.id,
        orgTimezone: tenant.timezone,
        serviceId,
        from: day,
        to: addDays(day, 6),
        timezone: tenant.timezone,
        now: ctx.now,
        seats,
        excludeBookingId,
      }),
    tenant.id,
  );
  if (!found) return [];
  const target = around.getTime();
  const sameDay = (s: Slot) => localDateOf(s.start, tenant.timezone) === day;
  return found.slots
    .slice()
    .sort((a, b) => Number(sameDay(b)) - Number(sameDay(a)) || Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start)
    .slice(0, ALTERNATIVES)
    .map((s) => ({ start: toIsoInZone(s.start, tenant.timezone), end: toIsoInZone(s.end, tenant.timezone), resourceIds: s.resourceIds, remaining: s.remaining }));
}

/** Locks the booking rows' resources in a stable order (reschedule may touch two). */
export async function lockResources(tx: Tx, resourceIds: string[]): Promise<void> {
  for (const id of [...new Set(resourceIds)].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
  }
}


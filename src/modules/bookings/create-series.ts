/**
 * Creates a recurring reservation: the rule expands on the local wall clock
 * (series-expansion.ts), then every occurrence is checked and written in ONE transaction that
 * holds the resource's advisory lock from its first statement (the reserve.ts discipline, the
 * lock taken once for the whole series). Each occurrence is re-checked by the availability
 * engine and judged by the rules (action create) exactly as a single booking is (place-booking's
 * `admit`), so quotas and "max upcoming" count the series' earlier occurrences: they are already
 * inserted in this transaction. Each occurrence runs in a savepoint: a refused one leaves nothing.
 *
 * all_or_nothing: any refused occurrence refuses the series (409 when a date is taken or not
 * offered, else 422 for rules), listing every refused date. skip_conflicts: refused dates are
 * skipped and listed with why; a series where every date is refused is refused the same way.
 * One audit row for the whole series (`booking_series.created`); each occurrence keeps its own
 * history event and booking.created message.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { activeBookingStatuses, bookings, bookingSeries, organizations, resources, services } from '@/db/schema';
import type { Tx } from '@/db/client';
import { sha256 } from '@/lib/crypto';
import { conflict, notFound, ruleViolation, sqlState, validationError } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { actorRole, authorize, type Ctx, ownBookingsOnly, recordAudit, tenantTx } from '@/modules/kernel';
import { failedResults, presentResult, RulesDenied } from '@/modules/rules';
import { localDateOf, toIsoInZone } from '@/modules/scheduling';
import { bookingSettingsOf } from './booking-settings';
import { bookingContact } from './create-booking';
import { admit, type Placed, type Placement } from './place-booking';
import { presentBooking } from './present';
import { checkLocked } from './reserve';
import { getSeriesIn, presentSeries } from './get-series';
import { type CreatedSeriesDto, type CreateSeriesInput, type SkippedOccurrenceDto } from './schemas';
import { expandSeries, occurrenceEnd, type RepeatRule, rruleText, TooManyOccurrences } from './series-expansion';

type Outcome = { ok: true; placed: Placed } | { ok: false; skipped: SkippedOccurrenceDto };

export async function createSeries(ctx: Ctx, input: CreateSeriesInput, key?: string): Promise<CreatedSeriesDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  const isMember = member !== null;
  const contact = await bookingContact(ctx, member, input.customerId, input.customer);
  const zone = tenant.timezone;
  const locale = ctx.request.locale ?? 'en';

  // The first occurrence's wall clock in the organization's zone; a stay keeps its nights and check-out time.
  const startDate = localDateOf(input.start.getTime(), zone);
  const startTime = DateTime.fromMillis(input.start.getTime(), { zone }).toFormat('HH:mm');
  const stayEnd = input.end
    ? {
        dayOffset: Math.round(DateTime.fromISO(localDateOf(input.end.getTime(), zone)).diff(DateTime.fromISO(startDate), 'days').days),
        time: DateTime.fromMillis(input.end.getTime(), { zone }).toFormat('HH:mm'),
      }
    : null;
  const repeat: RepeatRule = input.repeat;
  if (repeat.until !== undefined && repeat.until < startDate) {
    throw validationError('The series ends before it starts.', { fields: [{ path: 'repeat.until', message: `must be on or after ${startDate}` }] });
  }
  let occurrences;
  try {
    occurrences = expandSeries(repeat, { date: startDate, time: startTime, zone });
  } catch (err) {
    if (err instanceof TooManyOccurrences) {
      throw ruleViolation(`A series has at most ${err.limit} occurrences: end it sooner or repeat less often.`, { rule: 'series_max_occurrences', limit: err.limit });
    }
    throw err;
  }
  if (occurrences.length === 0) {
    throw validationError('The rule gives no date between the start and its end.', { fields: [{ path: 'repeat', message: 'matches no date' }] });
  }

  const fingerprint = key ? sha256(JSON.stringify([input, contact.email.toLowerCase()])) : null;
  if (key) {
    const replay = await findReplay(ctx, key, fingerprint!);
    if (replay) return replay;
  }

  const seriesId = newId('bookingSeries');
  const rrule = rruleText(repeat);
  const base: Omit<Placement, 'start' | 'end'> = {
    tenant,
    serviceId: input.serviceId,
    resourceId: input.resourceId,
    seats: input.seats,
    contact,
    fields: input.fields,
    message: input.message,
    internalNotes: isMember ? '' : input.internalNotes,
    source: isMember ? 'member' : 'staff',
    createdByUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    requireActiveService: isMember,
    subject: { email: contact.email, signedIn: true, isAdmin: ['owner', 'admin'].includes(actorRole(ctx)) },
  };

  let result;
  try {
    result = await tenantTx(
      ctx,
      async (tx) => {
        // Another organization's (or no) service or resource: 404, before the series row's foreign keys would refuse it.
        const [service] = await tx.select({ id: services.id }).from(services).where(and(eq(services.organizationId, tenant.id), eq(services.id, input.serviceId)));
        if (!service) throw notFound('Service');
        const [resource] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, tenant.id), eq(resources.id, input.resourceId)));
        if (!resource) throw notFound('Resource');
        await tx.insert(bookingSeries).values({
          id: seriesId,
          organizationId: tenant.id,
          rrule,
          startDate,
          startTime,
          zone,
          endDayOffset: stayEnd?.dayOffset ?? null,
          endTime: stayEnd?.time ?? null,
          serviceId: input.serviceId,
          resourceId: input.resourceId,
          customerEmail: contact.email.toLowerCase(),
          createdByUserId: base.createdByUserId,
          mode: input.mode,
          idempotencyKey: key ?? null,
          idempotencyFingerprint: fingerprint,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        const placed: Placed[] = [];
        const skipped: SkippedOccurrenceDto[] = [];
        for (const occurrence of occurrences) {
          const start = new Date(occurrence.start);
          const end = stayEnd ? new Date(occurrenceEnd(occurrence.date, stayEnd.dayOffset, stayEnd.time, zone)) : undefined;
          const outcome = await occurrenceIn(tx, ctx, { ...base, start, end }, seriesId, locale);
          if (outcome.ok) placed.push(outcome.placed);
          else skipped.push(outcome.skipped);
        }
        if (placed.length === 0 || (input.mode === 'all_or_nothing' && skipped.length > 0)) throw refusal(skipped, occurrences.length, input.mode);
        await tx
          .update(bookingSeries)
          .set({ customerId: placed[0]!.booking.customerId })
          .where(and(eq(bookingSeries.organizationId, tenant.id), eq(bookingSeries.id, seriesId)));
        await recordAudit(tx, ctx, {
          organizationId: tenant.id,
          action: 'booking_series.created',
          entity: 'booking_series',
          entityId: seriesId,
          changes: {
            after: {
              rrule,
              start: `${startDate}T${startTime}`,
              zone,
              mode: input.mode,
              serviceId: input.serviceId,
              resourceId: input.resourceId,
              customerEmail: contact.email,
              bookings: placed.map((p) => p.booking.id),
              skipped: skipped.map((s) => ({ start: s.start, reason: s.reason })),
            },
          },
        });
        return { placed, skipped, series: await getSeriesIn(tx, tenant.id, seriesId) };
      },
      tenant.id,
      { advisoryLock: input.resourceId },
    );
  } catch (err) {
    // The key's unique index: a concurrent request with this key committed first.
    if (key && sqlState(err) === '23505') {
      const replay = await findReplay(ctx, key, fingerprint!);
      if (replay) return replay;
    }
    throw err;
  }
  const clock = { now: ctx.now, startLeadMinutes: result.placed[0]!.settings.startLeadMinutes };
  return {
    series: presentSeries(result.series.series, result.series.occurrences, clock),
    bookings: result.placed.map((p) => presentBooking(p.booking, zone, {}, clock)),
    skipped: result.skipped,
    rules: result.placed
      .filter((p) => p.rules.length > 0)
      .map((p) => ({ start: toIsoInZone(p.booking.startsAt.getTime(), zone), rules: p.rules.map((r) => presentResult(r, locale)) })),
    replayed: false,
  };
}

/** One occurrence, in a savepoint: offered now? the rules? then written as place-booking writes a booking. */
async function occurrenceIn(tx: Tx, ctx: Ctx, p: Placement, seriesId: string, locale: 'en' | 'es'): Promise<Outcome> {
  const resourceId = p.resourceId!;
  const at = toIsoInZone(p.start.getTime(), p.tenant.timezone);
  try {
    return await tx.transaction(async (sp) => {
      const check = await checkLocked(sp, ctx, {
        tenant: p.tenant,
        serviceId: p.serviceId,
        resourceId,
        start: p.start,
        end: p.end,
        seats: p.seats,
        fields: p.fields,
        requireActiveService: p.requireActiveService,
      });
      if (!check.ok) {
        if (check.reason === 'no_resource') throw notFound('Resource');
        return { ok: false, skipped: { start: at, reason: (await isTaken(sp, p, check.end)) ? 'taken' : 'unavailable' } };
      }
      return { ok: true, placed: await admit(sp, ctx, p, resourceId, check.slot, null, { seriesId }) };
    });
  } catch (err) {
    if (err instanceof RulesDenied) return { ok: false, skipped: { start: at, reason: 'rules', rules: failedResults(err.decision, locale) } };
    // The exclusion constraint caught what the check missed: the savepoint is rolled back.
    const state = sqlState(err);
    if (state === '23P01' || state === '40P01') return { ok: false, skipped: { start: at, reason: 'taken' } };
    throw err;
  }
}

/** Not offered because another active booking holds the resource then (rather than hours, notice or horizon). */
async function isTaken(tx: Tx, p: Placement, end: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.organizationId, p.tenant.id),
        eq(bookings.resourceId, p.resourceId!),
        inArray(bookings.status, [...activeBookingStatuses]),
        sql`${bookings.blockedRange} && tstzrange(${p.start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

function refusal(skipped: SkippedOccurrenceDto[], total: number, mode: CreateSeriesInput['mode']) {
  const dates = skipped.map((s) => s.start.slice(0, 10));
  const list = dates.length > 5 ? `${dates.slice(0, 5).join(', ')} and ${dates.length - 5} more` : dates.join(', ');
  const message =
    skipped.length === total
      ? `None of the ${total} dates can be booked (${list}).`
      : `${skipped.length} of the ${total} dates cannot be booked (${list}); nothing was booked (all or nothing).`;
  const details = { reason: 'series_refused', mode, occurrences: total, skipped };
  // A time that is taken or not offered is a conflict; dates refused only by rules are a rule violation.
  return skipped.some((s) => s.reason !== 'rules') ? conflict(message, details) : ruleViolation(message, { rule: 'booking_rules', ...details });
}

async function findReplay(ctx: Ctx, key: string, fingerprint: string): Promise<CreatedSeriesDto | null> {
  const tenant = ctx.tenant!;
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx
      .select({ series: bookingSeries, settings: organizations.settings })
      .from(bookingSeries)
      .innerJoin(organizations, eq(organizations.id, bookingSeries.organizationId))
      .where(and(eq(bookingSeries.organizationId, tenant.id), eq(bookingSeries.idempotencyKey, key)));
    if (!row) return null;
    if (row.series.idempotencyFingerprint !== fingerprint) {
      throw ruleViolation('This Idempotency-Key was already used for a different series request; use a new key for a new request.', { rule: 'idempotency_key_reused' });
    }
    const found = await getSeriesIn(tx, tenant.id, row.series.id);
    const clock = { now: ctx.now, startLeadMinutes: bookingSettingsOf(row.settings).startLeadMinutes };
    const series = presentSeries(found.series, found.occurrences, clock);
    return { series, bookings: series.occurrences, skipped: [], rules: [], replayed: true };
  });
}

/**
 * Changes to a recurring series: cancel, or move to another local time of day and/or resource,
 * for one occurrence, it and the following ones, or the whole series. Only future occurrences
 * that are still pending or confirmed are touched: past ones (and ones already cancelled) stay
 * as they were. Every change is all or nothing in one transaction, with one audit row for the
 * operation (each occurrence keeps its history event and messages).
 *
 * Locks, in the project's fixed order: resources (an edit: every resource involved, sorted,
 * the first in the transaction's opening statement), then the series row, then the
 * occurrences' rows (by id), then the booker (rules) and the customer (counters).
 */
import { and, asc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookings, bookingSeries } from '@/db/schema';
import { conflict, notFound, validationError } from '@/lib/errors';
import { type AuthorizedCtx, authorize, type Ctx, ownBookingsOnly, recordAudit, tenantTx } from '@/modules/kernel';
import { daysFromCivil, localDateOf, zoneCalendar } from '@/modules/scheduling';
import { applyTransition, type BookingRow } from './apply-transition';
import { assertOwnSeries, getSeriesIn, presentSeries, type SeriesRow } from './get-series';
import { move } from './move-booking';
import { checkLocked } from './reserve';
import type { ChangedSeriesDto } from './schemas';

type Scope = 'one' | 'following' | 'all';

/** The occurrences a scope names: future, pending or confirmed; `one` and `following` from the named occurrence. */
async function targetsOf(tx: Tx, ctx: AuthorizedCtx, series: SeriesRow, scope: Scope, bookingId: string | undefined): Promise<BookingRow[]> {
  const orgId = ctx.tenant.id;
  let from: Date | null = null;
  if (scope !== 'all') {
    const [anchor] = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.organizationId, orgId), eq(bookings.seriesId, series.id), eq(bookings.id, bookingId!)));
    if (!anchor) throw notFound('Booking');
    if (scope === 'one') {
      if (!['pending', 'confirmed'].includes(anchor.status) || anchor.startsAt <= ctx.now) {
        throw conflict(`This occurrence is ${anchor.startsAt <= ctx.now ? 'in the past' : anchor.status}: it cannot be changed.`, { reason: 'status', status: anchor.status });
      }
      return [anchor];
    }
    from = anchor.startsAt;
  }
  return tx
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.organizationId, orgId),
        eq(bookings.seriesId, series.id),
        inArray(bookings.status, ['pending', 'confirmed']),
        gt(bookings.startsAt, ctx.now),
        from ? gte(bookings.startsAt, from) : undefined,
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}

/** The occurrences' row locks, by id (the order every multi-booking path takes them in). */
async function lockRows(tx: Tx, orgId: string, ids: string[]): Promise<void> {
  const sorted = [...ids].sort();
  await tx.execute(sql`select id from bookings where organization_id = ${orgId} and id in (${sql.join(sorted.map((id) => sql`${id}`), sql`, `)}) order by id for update`);
}

function nothingLeft(scope: Scope): never {
  throw conflict(scope === 'all' ? 'This series has no future occurrences left to change.' : 'No future occurrences from this one are left to change.', { reason: 'nothing_to_change' });
}

export async function cancelSeries(ctx: Ctx, seriesId: string, input: { scope: Scope; bookingId?: string; reason: string }): Promise<ChangedSeriesDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  return tenantTx(ctx, async (tx) => {
    const { series } = await getSeriesIn(tx, tenant.id, seriesId, { lock: true });
    assertOwnSeries(member, series);
    const targets = await targetsOf(tx, ctx, series, input.scope, input.bookingId);
    if (targets.length === 0) nothingLeft(input.scope);
    await lockRows(tx, tenant.id, targets.map((t) => t.id));
    // Each through the lifecycle's one path: the cancellation notice and the club's cancel rules apply to each.
    for (const t of targets) await applyTransition(tx, ctx, tenant.id, t.id, 'cancel', input.reason, { audit: null });
    if (input.scope === 'all') await tx.update(bookingSeries).set({ cancelledAt: ctx.now, updatedAt: ctx.now }).where(and(eq(bookingSeries.organizationId, tenant.id), eq(bookingSeries.id, seriesId)));
    await recordAudit(tx, ctx, {
      organizationId: tenant.id,
      action: 'booking_series.cancelled',
      entity: 'booking_series',
      entityId: seriesId,
      changes: { after: { scope: input.scope, from: input.bookingId ?? null, reason: input.reason, cancelled: targets.map((t) => t.id) } },
    });
    const found = await getSeriesIn(tx, tenant.id, seriesId);
    return { series: presentSeries(found.series, found.occurrences, { now: ctx.now, startLeadMinutes: found.settings.startLeadMinutes }), changed: targets.map((t) => t.id) };
  });
}

export async function editSeries(
  ctx: Ctx,
  seriesId: string,
  input: { scope: Scope; bookingId?: string; time?: string; resourceId?: string },
): Promise<ChangedSeriesDto> {
  authorize(ctx, 'bookings:write');
  const tenant = ctx.tenant;
  const member = ownBookingsOnly(ctx);
  // A first look, unlocked, to know which resources to lock: the occurrences' and the new one.
  const preview = await tenantTx(ctx, async (tx) => {
    const { series } = await getSeriesIn(tx, tenant.id, seriesId);
    assertOwnSeries(member, series);
    return targetsOf(tx, ctx, series, input.scope, input.bookingId);
  });
  if (preview.length === 0) nothingLeft(input.scope);
  const [first, ...rest] = [...new Set([...preview.map((t) => t.resourceId), ...(input.resourceId ? [input.resourceId] : [])])].sort();
  return tenantTx(
    ctx,
    async (tx) => {
      for (const key of rest) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      const { series } = await getSeriesIn(tx, tenant.id, seriesId, { lock: true });
      const targets = await targetsOf(tx, ctx, series, input.scope, input.bookingId);
      if (targets.length === 0) nothingLeft(input.scope);
      // An occurrence that moved to a resource we did not lock (a concurrent edit): ask again.
      if (targets.some((t) => t.resourceId !== first && !rest.includes(t.resourceId))) throw conflict('The series changed meanwhile: try again.', { reason: 'changed_meanwhile' });
      await lockRows(tx, tenant.id, targets.map((t) => t.id));
      const calendar = zoneCalendar(tenant.timezone);
      const refused: { bookingId: string; start: string; reason: string }[] = [];
      for (const t of targets) {
        const resourceId = input.resourceId ?? t.resourceId;
        let start = t.startsAt;
        if (input.time) {
          const [y, m, d] = localDateOf(t.startsAt.getTime(), tenant.timezone).split('-').map(Number) as [number, number, number];
          const [hh, mm] = input.time.split(':').map(Number) as [number, number];
          start = new Date(calendar.toInstant(daysFromCivil(y, m, d), hh * 60 + mm));
        }
        const check = await checkLocked(tx, ctx, {
          tenant,
          serviceId: t.serviceId,
          resourceId,
          start,
          end: t.endsAt,
          seats: t.seats,
          fields: null,
          requireActiveService: false,
          excludeBookingId: t.id,
        });
        if (!check.ok) {
          if (check.reason === 'no_resource') throw validationError('That resource cannot perform this service.', { fields: [{ path: 'resourceId', message: 'is not eligible' }] });
          refused.push({ bookingId: t.id, start: start.toISOString(), reason: 'unavailable' });
          continue;
        }
        // The booking's own path: its row lock, the cancellation notice, the club's change rules (a denial is a 422).
        await move(tx, ctx, tenant.id, t.id, resourceId, start, check.slot, { audited: false });
      }
      if (refused.length > 0) {
        throw conflict(`${refused.length} of the ${targets.length} occurrences cannot move there; nothing was changed.`, { reason: 'series_refused', refused });
      }
      await recordAudit(tx, ctx, {
        organizationId: tenant.id,
        action: 'booking_series.edited',
        entity: 'booking_series',
        entityId: seriesId,
        changes: { after: { scope: input.scope, from: input.bookingId ?? null, time: input.time ?? null, resourceId: input.resourceId ?? null, moved: targets.map((t) => t.id) } },
      });
      if (input.scope === 'all') {
        await tx
          .update(bookingSeries)
          .set({ ...(input.time ? { startTime: input.time } : {}), ...(input.resourceId ? { resourceId: input.resourceId } : {}), updatedAt: ctx.now })
          .where(and(eq(bookingSeries.organizationId, tenant.id), eq(bookingSeries.id, seriesId)));
      }
      const found = await getSeriesIn(tx, tenant.id, seriesId);
      return { series: presentSeries(found.series, found.occurrences, { now: ctx.now, startLeadMinutes: found.settings.startLeadMinutes }), changed: targets.map((t) => t.id) };
    },
    tenant.id,
    { advisoryLock: first },
  );
}

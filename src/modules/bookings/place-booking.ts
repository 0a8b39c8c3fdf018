/**
 * Placing a booking, for guests, staff and members alike, through the reservation step
 * (reserve.ts): one transaction per attempt, under the resource's advisory lock, re-checked
 * by the engine, written in one statement. "Any resource" first asks the engine which
 * resources are free, then tries them in turn.
 *
 * Idempotency-Key: a retry of a placed request gets the same booking and link (a replay). The
 * key is looked up first; and again before any refusal, because concurrent retries of one
 * request queue on the same resource lock, and all but the first find the slot taken — by
 * their own booking, which the key then hands back.
 */
import type { FieldAnswer } from './schemas';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { mapRow } from '@/db/rows';
import { bookingAddons, bookingApprovals, bookings, organizations, services } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { notFound, ruleViolation, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type CustomerContact, customerUpsertCtes } from '@/modules/customers';
import { type Ctx, type Tenant, tenantTx } from '@/modules/kernel';
import { findOrder, placeBookingOrder } from '@/modules/orders';
import { type Decision, approvalRows, checkAccess, judge, RulesDenied, rulesDenied, type RuleSubject } from '@/modules/rules';
import { findSlots, toIsoInZone } from '@/modules/scheduling';
import { explainUnavailable } from './alternatives';
import { stockUnitsFor, takeAddonStock } from './addon-stock';
import { addonLinesOf, type BookingAddonRow } from './booking-addons';
import { type BookingExtras, noExtras, priceWithExtras, resolveExtras } from './extras';
import type { BookingRow } from './apply-transition';
import { type BookingSettings, bookingSettingsOf } from './booking-settings';
import { currentManageToken, tokenInsert } from './manage-link';
import { issueToken, manageUrl } from './manage-token';
import { changeWrites } from './record-change';
import { checkRequest, type Refusal, reserve, type ReservedSlot, searchAround, type ServiceRow } from './reserve';

export interface Placement {
  tenant: Tenant;
  serviceId: string;
  resourceId?: string;
  start: Date;
  end?: Date;
  seats: number;
  contact: CustomerContact;
  fields: Record<string, FieldAnswer>;
  message: string;
  /** The guest's language, for their emails (carried by the booking.created message). */
  locale?: 'en' | 'es';
  internalNotes?: string;
  source: 'public' | 'staff' | 'member';
  status?: 'pending' | 'confirmed';
  idempotencyKey?: string;
  createdByUserId?: string | null;
  /** Guests may book only active services; staff may book an archived one for an old customer. */
  requireActiveService: boolean;
  /** Whose rules apply (modules/rules): the person it is for, signed in or not, and the actor's rank. */
  subject: RuleSubject;
  /** Add-ons of the service, and a party package's guests (extras.ts). */
  addons?: readonly { addonId: string; quantity: number }[];
  children?: number;
  adults?: number;
  /** How a package's deposit is paid (default manual: the venue marks it paid). */
  payment?: { provider: 'manual' | 'test'; testOutcome?: 'succeed' | 'decline' };
  /** Set by placeBooking from the add-ons: the minutes they add. */
  extraMinutes?: number;
  /** Set by placeBooking: no add-ons or guests named, so the reservation step checks a package's guests. */
  noExtrasAsked?: boolean;
}

/** A package booking's deposit order, as placed (or found again on a replay). */
export interface PlacedDeposit {
  order: NonNullable<Awaited<ReturnType<typeof findOrder>>>;
  /** The payment row to settle (online providers); null on a replay. */
  paymentId: string | null;
}

export interface Placed {
  booking: BookingRow;
  manageToken: string;
  manageUrl: string;
  replayed: boolean;
  settings: BookingSettings;
  /** Rules that asked for approval or warned (failed, not denying); empty on a replay. */
  rules: Decision['results'];
  addons: BookingAddonRow[];
  deposit: PlacedDeposit | null;
}

type Attempt = { ok: true; value: Placed } | Refusal | { ok: false; reason: 'duplicate_key' } | { ok: false; reason: 'rules'; decision: Decision };

export async function placeBooking(ctx: Ctx, request: Placement): Promise<Placed> {
  const fingerprint = request.idempotencyKey ? fingerprintOf(request) : null;
  if (request.idempotencyKey) {
    const replay = await findReplay(ctx, request.tenant, request.idempotencyKey, fingerprint!);
    if (replay) return replay;
  }
  // Nothing asked (the usual guest booking): no transaction before the lock; a party package's
  // missing guests are refused under it instead, from the row the slot check loads (reserve.ts).
  const asked = extrasAsked(request);
  const extras = asked ? await bookingExtras(ctx, request) : noExtras;
  const p: Placement = { ...request, extraMinutes: extras.extraMinutes, noExtrasAsked: !asked };
  const outcome = await attempt(ctx, p, fingerprint, extras);
  if (outcome.ok) return outcome.value;
  if (p.idempotencyKey) {
    // A concurrent request with this key got there first: answer with its booking.
    const replay = await findReplay(ctx, p.tenant, p.idempotencyKey, fingerprint!);
    if (replay) return replay;
  }
  if (outcome.reason === 'no_resource') throw notFound('Resource');
  if (outcome.reason === 'rules') throw rulesDenied(outcome.decision, ctx);
  if (outcome.reason === 'duplicate_key') throw new Error('idempotency key taken, but no booking holds it');
  throw await explainUnavailable(ctx, {
    tenant: p.tenant,
    serviceId: p.serviceId,
    resourceId: p.resourceId,
    onlyResource: p.resourceId !== undefined,
    start: p.start,
    end: outcome.end,
    seats: p.seats,
    service: outcome.service,
    extraMinutes: p.extraMinutes,
  });
}

function extrasAsked(p: Placement): boolean {
  return (p.addons?.length ?? 0) > 0 || p.children !== undefined || p.adults !== undefined;
}

/** The request's add-ons and guests, checked against the service before any lock (extras.ts). */
async function bookingExtras(ctx: Ctx, p: Placement): Promise<BookingExtras> {
  const asked = extrasAsked(p);
  return tenantTx(
    ctx,
    async (tx) => {
      const [service] = await tx
        .select({ id: services.id, bookingMode: services.bookingMode, active: services.active })
        .from(services)
        .where(and(eq(services.organizationId, p.tenant.id), eq(services.id, p.serviceId)));
      // An unknown service is the reservation step's 404; a package still needs its guests.
      if (!service || (p.requireActiveService && !service.active)) {
        if (asked) throw notFound('Service');
        return noExtras;
      }
      return resolveExtras(tx, p.tenant.id, service, { addons: p.addons ?? [], children: p.children, adults: p.adults });
    },
    p.tenant.id,
  );
}

async function attempt(ctx: Ctx, p: Placement, fingerprint: string | null, extras: BookingExtras): Promise<Attempt> {
  // With a named resource, the slot is checked inside the locked transaction itself (one
  // transaction per booking); "any resource" first asks which resources are free.
  let candidates: string[];
  if (p.resourceId) {
    candidates = [p.resourceId];
  } else {
    const found = await tenantTx(ctx, (tx) => findSlots(tx, searchAround(ctx, p)), p.tenant.id);
    const { service, end } = checkRequest(p, found);
    const match = found!.slots.find((s) => s.start === p.start.getTime() && s.end === end.getTime());
    candidates = match?.resourceIds ?? [];
    if (candidates.length === 0) return { ok: false, reason: 'unavailable', service, end };
  }
  let refusal: Attempt | null = null;
  for (const resourceId of candidates) {
    try {
      const result = await reserve(ctx, { ...p, resourceId }, (tx, slot) => admit(tx, ctx, p, resourceId, slot, fingerprint, undefined, extras));
      if (result.ok || result.reason === 'no_resource') return result;
      refusal = result;
    } catch (err) {
      // Rules denied it on this resource: "any resource" tries the next; the first denial answers.
      if (err instanceof RulesDenied) {
        if (!refusal || refusal.reason !== 'rules') refusal = { ok: false, reason: 'rules', decision: err.decision };
        continue;
      }
      // The key's unique index: a concurrent request with this key committed on another resource.
      if (sqlState(err) === '23505' && p.idempotencyKey) return { ok: false, reason: 'duplicate_key' };
      throw err;
    }
  }
  return refusal!;
}

/** How an occurrence of a recurring series is written: tagged with it, audited once for the whole series. */
export interface SeriesWrite {
  seriesId: string;
}

/**
 * Under the locks, the rules judge the request (modules/rules): denied → RulesDenied rolls the
 * transaction back; approval → the booking is created pending with one approval per rule.
 * A recurring series admits each occurrence through here too (create-series.ts).
 */
export async function admit(
  tx: Tx,
  ctx: Ctx,
  p: Placement,
  resourceId: string,
  slot: ReservedSlot,
  fingerprint: string | null,
  series?: SeriesWrite,
  extras: BookingExtras = noExtras,
): Promise<Placed> {
  // No active rule and open to anyone (read under the lock, in the scheduling statement):
  // judge would answer "no decision" and the access check would pass, so neither reads more.
  if (!slot.rulesApply) return insertBooking(tx, ctx, p, resourceId, slot, fingerprint, series, extras);
  const judgement = await judge(tx, {
    organizationId: p.tenant.id,
    zone: p.tenant.timezone,
    now: ctx.now,
    action: 'create',
    resourceId,
    start: p.start,
    end: slot.end,
    subject: p.subject,
  });
  checkAccess(judgement, p.source, p.tenant.name);
  const { decision } = judgement;
  if (decision?.verdict === 'deny') throw new RulesDenied(decision);
  const needsApproval = decision?.verdict === 'approval';
  const placed = await insertBooking(tx, ctx, needsApproval ? { ...p, status: 'pending' } : p, resourceId, slot, fingerprint, series, extras);
  if (!decision) return placed;
  if (needsApproval) {
    await tx.insert(bookingApprovals).values(approvalRows(judgement, { organizationId: p.tenant.id, bookingId: placed.booking.id, start: p.start, now: ctx.now }));
  }
  return { ...placed, rules: decision.results.filter((r) => !r.passed) };
}

/**
 * Customer upsert, booking, its manage token, its first event, the audit row and the outbox
 * message in ONE statement (data-modifying CTEs): the booking path's hottest code, where each
 * round trip counted (bench/booking-throughput.ts). The rows are the ones the usual helpers write.
 */
async function insertBooking(
  tx: Tx,
  ctx: Ctx,
  p: Placement,
  resourceId: string,
  slot: ReservedSlot,
  fingerprint: string | null,
  series: SeriesWrite | undefined,
  extras: BookingExtras,
): Promise<Placed> {
  const orgId = p.tenant.id;
  const id = newId('booking');
  const token = issueToken(orgId, id);
  const service: ServiceRow = slot.service;
  const price = priceWithExtras(service, p.start, slot.end, p.seats, p.tenant.timezone, extras);
  const deposit = price.depositMinor ?? 0;
  // A deposit to pay: the booking holds the room, pending, until the deposit order is paid (deposits.ts).
  const status = p.status ?? (service.requiresConfirmation || deposit > 0 ? 'pending' : 'confirmed');

  const booking = tx.insert(bookings).values({
    id,
    organizationId: orgId,
    serviceId: service.id,
    resourceId,
    customerId: sql`(select id from customer)`,
    status,
    startsAt: p.start,
    endsAt: slot.end,
    blockedRange: slot.blockedRange,
    exclusive: slot.exclusive,
    seats: p.seats,
    priceMinor: price.totalMinor,
    currency: service.currency,
    children: extras.children,
    adults: extras.adults,
    depositMinor: price.depositMinor,
    balanceMinor: price.balanceMinor,
    cancellationPolicy: extras.terms ? extras.terms.cancellationPolicy : null,
    fieldValues: slot.fields,
    message: p.message,
    internalNotes: p.internalNotes ?? '',
    source: p.source,
    idempotencyKey: p.idempotencyKey ?? null,
    idempotencyFingerprint: fingerprint,
    createdByUserId: p.createdByUserId ?? null,
    seriesId: series?.seriesId ?? null,
    confirmedAt: status === 'confirmed' ? ctx.now : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const writes = [
    tokenInsert(tx, ctx, orgId, id, token).getSQL(),
    ...changeWrites(tx, ctx, {
      organizationId: orgId,
      bookingId: id,
      event: { action: 'created', fromStatus: null, toStatus: status, changes: { source: p.source, resourceId, ...(series ? { seriesId: series.seriesId } : {}) } },
      audit: series
        ? null
        : {
            action: 'booking.created',
            changes: { after: { status, serviceId: service.id, resourceId, start: p.start.toISOString(), end: slot.end.toISOString(), customerEmail: p.contact.email } },
          },
      // The link is rebuilt from the booking id at delivery (manage-link.ts), never stored here.
      messages: [
        {
          topic: 'booking.created',
          payload: {
            bookingId: id,
            status,
            to: p.contact.email,
            customerName: p.contact.name,
            serviceName: service.name,
            start: toIsoInZone(p.start.getTime(), p.tenant.timezone),
            ...(p.locale ? { locale: p.locale } : {}),
          },
        },
      ],
    }),
  ];
  const result = (await tx.execute(sql`
    with ${customerUpsertCtes(orgId, p.contact, p.start, ctx.now)},
         booking as (${booking.getSQL()} returning *),
         ${sql.join(
           writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
           sql`, `,
         )}
    select booking.*, (select settings from organizations where id = ${orgId}) as org_settings from booking`)) as unknown as { rows: Record<string, unknown>[] };
  const row = result.rows[0];
  if (!row) throw new Error('booking insert returned no row');
  let bookingRow: BookingRow = mapRow(bookings, row);
  const addonRows = price.lines.filter((l) => l.kind === 'addon');
  const addons =
    addonRows.length === 0
      ? []
      : await tx
          .insert(bookingAddons)
          .values(
            addonRows.map((l, i) => {
              const chosen = extras.chosen.find((c) => c.row.id === l.addonId)!.row;
              const stockUnits = stockUnitsFor(chosen, l.quantity);
              return {
                id: newId('bookingAddon'),
                organizationId: orgId,
                bookingId: id,
                addonId: l.addonId,
                name: l.label,
                unitPriceMinor: l.unitPriceMinor,
                pricing: l.pricing ?? 'per_booking',
                quantity: l.quantity,
                extraMinutes: l.extraMinutes,
                totalMinor: l.amountMinor,
                position: i,
                stockItemId: stockUnits > 0 ? chosen.stockItemId : null,
                stockUnits,
                stockState: stockUnits > 0 ? ('held' as const) : null,
              };
            }),
          )
          .returning();
  let placedDeposit: PlacedDeposit | null = null;
  if (deposit > 0) {
    // The deposit's order, in this transaction: the booking and its order exist together or not at all.
    const placedOrder = await placeBookingOrder(tx, ctx, {
      tenant: p.tenant,
      bookingId: id,
      purpose: 'deposit',
      amountMinor: deposit,
      currency: service.currency,
      contact: { name: p.contact.name, email: p.contact.email, phone: p.contact.phone ?? null },
      locale: p.locale ?? 'en',
      provider: p.payment?.provider ?? 'manual',
    });
    const [updated] = await tx
      .update(bookings)
      .set({ depositOrderId: placedOrder.order.id })
      .where(and(eq(bookings.organizationId, orgId), eq(bookings.id, id)))
      .returning();
    bookingRow = updated!;
    placedDeposit = { order: placedOrder.order, paymentId: placedOrder.paymentId };
  }
  // Add-ons' stock, last in the lock order (resource → booking → stock items): sold out → 409, all rolls back.
  await takeAddonStock(tx, orgId, addons, new Map(extras.chosen.map((c) => [c.row.id, c.row.units])), ctx.now);
  return {
    booking: bookingRow,
    manageToken: token.token,
    manageUrl: manageUrl(p.tenant.slug, token.token),
    replayed: false,
    settings: bookingSettingsOf(row.org_settings as never),
    rules: [],
    addons,
    deposit: placedDeposit,
  };
}

function fingerprintOf(p: Placement): string {
  return sha256(
    JSON.stringify([
      p.serviceId,
      p.resourceId ?? null,
      p.start.toISOString(),
      p.end?.toISOString() ?? null,
      p.seats,
      p.contact.email.toLowerCase(),
      p.fields,
      p.message,
      // Older requests had none of these: their fingerprints stay the same.
      ...(p.addons?.length || p.children !== undefined || p.adults !== undefined || p.payment ? [p.addons ?? [], p.children ?? null, p.adults ?? null, p.payment ?? null] : []),
    ]),
  );
}

async function findReplay(ctx: Ctx, tenant: Tenant, key: string, fingerprint: string): Promise<Placed | null> {
  const organizationId = tenant.id;
  return tenantTx(
    ctx,
    async (tx) => {
      const [existing] = await tx
        .select({ booking: bookings, settings: organizations.settings })
        .from(bookings)
        .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
        .where(and(eq(bookings.organizationId, organizationId), eq(bookings.idempotencyKey, key)));
      if (!existing) return null;
      if (existing.booking.idempotencyFingerprint !== fingerprint) {
        throw ruleViolation('This Idempotency-Key was already used for a different booking request; use a new key for a new request.', {
          rule: 'idempotency_key_reused',
        });
      }
      const token = await currentManageToken(tx, ctx, organizationId, existing.booking.id);
      const depositOrder = existing.booking.depositOrderId ? await findOrder(tx, organizationId, existing.booking.depositOrderId) : null;
      return {
        addons: await addonLinesOf(tx, organizationId, existing.booking.id),
        deposit: depositOrder ? { order: depositOrder, paymentId: null } : null,
        booking: existing.booking,
        manageToken: token,
        manageUrl: manageUrl(tenant.slug, token),
        replayed: true,
        settings: bookingSettingsOf(existing.settings),
        rules: [],
      };
    },
    organizationId,
  );
}

/**
 * The offer: when seats come back (an order cancelled, expired or refunded; capacity or a limit
 * raised), the oldest waiting entry of the event whose quantity fits its ticket type's free seats
 * is offered them — an order is placed for it (orders/ticket-hold-order.ts) that takes the seats
 * with the checkout's own conditional UPDATEs and holds them until now + the event's
 * `waitlist_hold_minutes`. One offer per transaction. Lock order: the event row (FOR NO KEY UPDATE
 * SKIP LOCKED: a second sweeper skips the event instead of offering twice), the entry row (FOR
 * UPDATE, re-read: a leave that committed meanwhile wins), the new order row, then stock items by
 * id (the checkout's order). If a racing checkout took the seats between the read and the
 * conditional UPDATE, the offer's transaction rolls back and the entry keeps waiting.
 *
 * Every instance sweeps every 30 s (workers.ts, right after the checkout hold sweep, so an expired
 * offer's seats pass to the next entry in the same round); leaving an offer runs it at once.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { eventWaitlistEntries, events, orderLines, organizations } from '@/db/schema';
import { logger } from '@/lib/logger';
import { salesState } from '@/modules/events';
import { type Ctx, enqueue, noRequest, recordAudit, type Tenant, tenantTx } from '@/modules/kernel';
import { placeTicketHoldOrder } from '@/modules/orders';
import { waitingEntries } from './present';
import { freeUnits, seatsFree, typeStocks } from './seats';

const BATCH_EVENTS = 50;
/** Offers per event per sweep (each its own transaction). */
const MAX_OFFERS = 100;

class SeatsGone extends Error {}

type OfferOutcome = 'offered' | 'none' | 'busy';

/** One offer for the event, if an entry fits: its own transaction. */
export async function offerOnce(ctx: Ctx & { tenant: Tenant }, eventId: string): Promise<OfferOutcome> {
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx): Promise<OfferOutcome> => {
      const [event] = await tx
        .select()
        .from(events)
        .where(and(eq(events.organizationId, orgId), eq(events.id, eventId)))
        .for('no key update', { skipLocked: true });
      if (!event) return 'busy';
      if (salesState(event, ctx.now) !== 'on_sale') return 'none';
      const queue = await waitingEntries(tx, orgId, eventId);
      if (queue.length === 0) return 'none';
      const types = await typeStocks(tx, orgId, [...new Set(queue.map((e) => e.variantId))]);
      const free = await freeUnits(tx, orgId, [...types.values()].flatMap((t) => (t.poolId ? [t.ownId, t.poolId] : [t.ownId])));
      const next = queue.find((e) => {
        const t = types.get(e.variantId);
        return t && t.active && seatsFree(t, free) >= e.quantity;
      });
      if (!next) return 'none';
      const [entry] = await tx
        .select()
        .from(eventWaitlistEntries)
        .where(and(eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.id, next.id), eq(eventWaitlistEntries.status, 'waiting')))
        .for('update');
      if (!entry) return 'busy'; // left meanwhile: the next round sees the queue as it is now
      return offerTo(tx, ctx, event, entry);
    });
  } catch (err) {
    if (err instanceof SeatsGone) return 'busy';
    throw err;
  }
}

async function offerTo(tx: Tx, ctx: Ctx & { tenant: Tenant }, event: typeof events.$inferSelect, entry: typeof eventWaitlistEntries.$inferSelect): Promise<OfferOutcome> {
  const orgId = ctx.tenant.id;
  const placed = await placeTicketHoldOrder(tx, ctx, {
    tenant: ctx.tenant,
    variantId: entry.variantId,
    quantity: entry.quantity,
    contact: { name: entry.name, email: entry.email },
    locale: entry.locale,
    holdMinutes: event.waitlistHoldMinutes,
    note: `waitlist offer ${entry.id}`,
  });
  // A checkout took the seats after they were read: undo this offer's writes (the entry waits on).
  if (!placed.ok) throw new SeatsGone();
  const expiresAt = placed.order.holdExpiresAt!;
  await tx
    .update(eventWaitlistEntries)
    .set({ status: 'offered', orderId: placed.order.id, offerExpiresAt: expiresAt, offeredAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.id, entry.id)));
  await enqueue(tx, ctx, { organizationId: orgId, topic: 'event_waitlist.offered', payload: { entryId: entry.id, orderId: placed.order.id, offerExpiresAt: expiresAt.toISOString() } });
  await recordAudit(tx, ctx, {
    organizationId: orgId,
    action: 'event_waitlist.offered',
    entity: 'event_waitlist_entry',
    entityId: entry.id,
    changes: { before: { status: 'waiting' }, after: { status: 'offered', orderId: placed.order.id, orderNumber: placed.order.number, quantity: entry.quantity, offerExpiresAt: expiresAt.toISOString() } },
  });
  return 'offered';
}

/** Offers an event's free seats down its queue until nothing fits; how many offers it made. */
export async function offerEventSeats(ctx: Ctx & { tenant: Tenant }, eventId: string): Promise<number> {
  let offered = 0;
  for (let i = 0; i < MAX_OFFERS; i += 1) {
    const outcome = await offerOnce(ctx, eventId);
    if (outcome !== 'offered') break;
    offered += 1;
  }
  return offered;
}

/** The sweep: every event with waiting entries that is still selling. Returns the offers made. */
export async function offerWaitlistSeats(db: Db, now: Date, scope: { organizationId?: string } = {}): Promise<number> {
  const due = await db
    .selectDistinct({ eventId: eventWaitlistEntries.eventId, org: organizations })
    .from(eventWaitlistEntries)
    .innerJoin(events, and(eq(events.organizationId, eventWaitlistEntries.organizationId), eq(events.id, eventWaitlistEntries.eventId)))
    .innerJoin(organizations, eq(organizations.id, eventWaitlistEntries.organizationId))
    .where(and(eq(eventWaitlistEntries.status, 'waiting'), eq(events.status, 'published'), gt(events.startsAt, now), scope.organizationId ? eq(eventWaitlistEntries.organizationId, scope.organizationId) : undefined))
    .orderBy(asc(eventWaitlistEntries.eventId))
    .limit(BATCH_EVENTS);
  let offered = 0;
  for (const d of due) {
    const ctx: Ctx & { tenant: Tenant } = {
      db,
      tenant: { id: d.org.id, slug: d.org.slug, name: d.org.name, timezone: d.org.timezone, currency: d.org.currency, locale: d.org.locale },
      actor: { type: 'system', name: 'event-waitlist-offer' },
      now,
      request: noRequest,
    };
    offered += await offerEventSeats(ctx, d.eventId);
  }
  return offered;
}

/**
 * Right after a release committed (a ticket order cancelled or refunded by the shop, an offer
 * left): the events whose seats the order held, offered down their lines now. Failures are left
 * to the sweep (the release already committed).
 */
export async function offerAfterRelease(ctx: Ctx, orderId: string): Promise<number> {
  if (!ctx.tenant) return 0;
  const tenant = ctx.tenant;
  const sweepCtx: Ctx & { tenant: Tenant } = { ...ctx, tenant, actor: { type: 'system', name: 'event-waitlist-offer' } };
  const eventIds = await tenantTx(sweepCtx, async (tx) => {
    const lines = await tx.select({ productId: orderLines.productId }).from(orderLines).where(and(eq(orderLines.organizationId, tenant.id), eq(orderLines.orderId, orderId)));
    const productIds = [...new Set(lines.map((l) => l.productId).filter((p): p is string => !!p))];
    if (productIds.length === 0) return [];
    const rows = await tx.select({ id: events.id }).from(events).where(and(eq(events.organizationId, tenant.id), inArray(events.productId, productIds)));
    return rows.map((r) => r.id);
  });
  let offered = 0;
  try {
    for (const id of eventIds) offered += await offerEventSeats(sweepCtx, id);
  } catch (err) {
    // The worker's sweep offers them within 30 s; the failure is logged, not hidden.
    logger().child({ component: 'event-waitlist' }).warn({ err: err instanceof Error ? err.message : String(err), orderId, organizationId: tenant.id }, 'offering released seats failed; the sweep will retry');
  }
  return offered;
}

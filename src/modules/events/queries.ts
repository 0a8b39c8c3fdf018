/** Reading events with their ticket types and sales figures (the stock items are the counts). */
import { and, asc, count, eq, inArray, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '@/db/client';
import { eventWaitlistEntries, events, orders, productVariants, stockItems, stockReservations, tickets } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound } from '@/lib/errors';
import type { EventDto, TicketTypeDto } from './schemas';

export type EventRow = typeof events.$inferSelect;
export type StockRow = typeof stockItems.$inferSelect;
const ownStock = alias(stockItems, 'own_stock');

/** The event (404 if it is not this organization's), optionally row-locked: the lock every change of the event takes first. */
export async function eventOf(tx: Executor, orgId: string, eventId: string, lock = false): Promise<EventRow> {
  const q = tx.select().from(events).where(and(eq(events.organizationId, orgId), eq(events.id, eventId)));
  const [row] = lock ? await (q as unknown as { for: (m: 'no key update') => Promise<EventRow[]> }).for('no key update') : await q;
  if (!row) throw notFound('Event');
  return row;
}

export async function ticketTypeRows(db: Executor, orgId: string, productIds: string[]) {
  if (productIds.length === 0) return [];
  return db
    .select({ variant: productVariants, stock: ownStock })
    .from(productVariants)
    .innerJoin(ownStock, and(eq(ownStock.organizationId, productVariants.organizationId), eq(ownStock.id, productVariants.stockItemId)))
    .where(and(eq(productVariants.organizationId, orgId), inArray(productVariants.productId, productIds)))
    .orderBy(asc(productVariants.position), asc(productVariants.createdAt), asc(productVariants.id));
}
export type TicketTypeRow = Awaited<ReturnType<typeof ticketTypeRows>>[number];

export async function poolsOf(db: Executor, orgId: string, stockItemIds: string[]): Promise<Map<string, StockRow>> {
  if (stockItemIds.length === 0) return new Map();
  const rows = await db.select().from(stockItems).where(and(eq(stockItems.organizationId, orgId), inArray(stockItems.id, stockItemIds)));
  return new Map(rows.map((r) => [r.id, r]));
}

interface TypeCounts {
  sold: number;
  checkedIn: number;
  held: number;
}

/** Valid tickets and check-ins per ticket type, and units held by unpaid checkouts per stock item. */
async function countsOf(db: Executor, orgId: string, eventIds: string[], stockIds: string[]) {
  const sold = new Map<string, TypeCounts>();
  if (eventIds.length > 0) {
    const rows = await db
      .select({ typeId: tickets.ticketTypeId, n: count(), checkedIn: sql<number>`count(${tickets.checkedInAt})::int` })
      .from(tickets)
      .where(and(eq(tickets.organizationId, orgId), inArray(tickets.eventId, eventIds), eq(tickets.status, 'valid')))
      .groupBy(tickets.ticketTypeId);
    for (const r of rows) if (r.typeId) sold.set(r.typeId, { sold: r.n, checkedIn: Number(r.checkedIn), held: 0 });
  }
  const held = new Map<string, number>();
  if (stockIds.length > 0) {
    const rows = await db
      .select({ stockItemId: stockReservations.stockItemId, units: sum(stockReservations.units).mapWith(Number) })
      .from(stockReservations)
      .innerJoin(orders, and(eq(orders.organizationId, stockReservations.organizationId), eq(orders.id, stockReservations.orderId)))
      .where(and(eq(stockReservations.organizationId, orgId), inArray(stockReservations.stockItemId, stockIds), eq(orders.status, 'pending_payment')))
      .groupBy(stockReservations.stockItemId);
    for (const r of rows) held.set(r.stockItemId, r.units ?? 0);
  }
  return { sold, held };
}

const free = (s: StockRow) => Math.max(0, s.onHand - s.reserved);

/** A ticket type's limit as the organizer set it: a type whose own stock is at least the capacity has none. */
export const limitOf = (own: StockRow, pool: StockRow) => (own.onHand >= pool.onHand ? null : own.onHand);

/** Seats a buyer can still take of this type now: the smaller of its own and the event's. */
export const remainingOf = (own: StockRow, pool: StockRow) => Math.min(free(own), free(pool));

export async function presentEvents(db: Executor, rows: EventRow[], currency: string): Promise<EventDto[]> {
  if (rows.length === 0) return [];
  const orgId = rows[0]!.organizationId;
  const types = await ticketTypeRows(db, orgId, rows.map((r) => r.productId));
  const pools = await poolsOf(db, orgId, rows.map((r) => r.capacityStockItemId));
  const { sold, held } = await countsOf(db, orgId, rows.map((r) => r.id), types.map((t) => t.stock.id));
  // The waitlist's line per event (modules/event-waitlist owns the rows; this is a count).
  const waiting = new Map(
    (
      await db
        .select({ eventId: eventWaitlistEntries.eventId, n: count() })
        .from(eventWaitlistEntries)
        .where(and(eq(eventWaitlistEntries.organizationId, orgId), inArray(eventWaitlistEntries.eventId, rows.map((r) => r.id)), inArray(eventWaitlistEntries.status, ['waiting', 'offered'])))
        .groupBy(eventWaitlistEntries.eventId)
    ).map((r) => [r.eventId, r.n]),
  );
  return rows.map((e) => {
    const pool = pools.get(e.capacityStockItemId)!;
    const ticketTypes: TicketTypeDto[] = types
      .filter((t) => t.variant.productId === e.productId)
      .map((t) => {
        const c = sold.get(t.variant.id) ?? { sold: 0, checkedIn: 0, held: 0 };
        return {
          id: t.variant.id,
          name: t.variant.title,
          translations: Object.fromEntries(Object.entries(t.variant.translations).map(([l, v]) => [l, { name: v?.title }])),
          priceMinor: t.variant.priceMinor,
          currency,
          limit: limitOf(t.stock, pool),
          position: t.variant.position,
          active: t.variant.active,
          sold: c.sold,
          held: held.get(t.stock.id) ?? 0,
          remaining: remainingOf(t.stock, pool),
          checkedIn: c.checkedIn,
        };
      });
    const total = (k: 'sold' | 'held' | 'checkedIn') => ticketTypes.reduce((s, t) => s + t[k], 0);
    return {
      id: e.id,
      slug: e.slug,
      title: e.title,
      description: e.description,
      translations: e.translations as EventDto['translations'],
      images: e.images,
      startsAt: iso(e.startsAt),
      endsAt: iso(e.endsAt),
      timezone: e.timezone,
      resourceId: e.resourceId,
      capacity: e.capacity,
      salesStartAt: iso(e.salesStartAt),
      salesEndAt: iso(e.salesEndAt),
      ageNotes: e.ageNotes,
      status: e.status,
      waitlistHoldMinutes: e.waitlistHoldMinutes,
      waiting: waiting.get(e.id) ?? 0,
      sold: total('sold'),
      held: total('held'),
      remaining: free(pool),
      checkedIn: total('checkedIn'),
      ticketTypes,
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt),
    };
  });
}

export async function presentEvent(db: Executor, row: EventRow, currency: string): Promise<EventDto> {
  return (await presentEvents(db, [row], currency))[0]!;
}

/** Whether an event sells now: published, inside its sales window, not begun. The reason otherwise. */
export function salesState(e: Pick<EventRow, 'status' | 'salesStartAt' | 'salesEndAt' | 'startsAt'>, now: Date): 'on_sale' | 'not_yet' | 'closed' | 'cancelled' | 'draft' {
  if (e.status === 'cancelled') return 'cancelled';
  if (e.status === 'draft') return 'draft';
  if (e.salesStartAt && now < e.salesStartAt) return 'not_yet';
  if ((e.salesEndAt && now >= e.salesEndAt) || now >= e.startsAt) return 'closed';
  return 'on_sale';
}

/** The product status that makes the cart treat the ticket product as the event says (draft: not shown; cancelled: archived). */
export const productStatusFor = (status: EventRow['status']) => (status === 'published' ? 'active' : status === 'cancelled' ? 'archived' : 'draft');

export async function lockStock(tx: Tx, orgId: string, ids: string[]): Promise<Map<string, StockRow>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, StockRow>();
  // One at a time, in id order: the checkout's lock order for stock items.
  for (const id of sorted) {
    const [row] = await tx.select().from(stockItems).where(and(eq(stockItems.organizationId, orgId), eq(stockItems.id, id))).for('no key update');
    if (row) out.set(id, row);
  }
  return out;
}

/**
 * The realtime publisher: reads outbox rows not yet published and passes each booking change
 * to the fan-out channel as an event, and each `event.seats_changed` as a `seats` event carrying
 * that event's seats left as read at publish time. It is not a per-row trigger (the brief measured
 * `pg_notify` per row cutting insert throughput 2.5–3×): one statement set per batch, any number
 * of rows, run by the worker when a request has just written (and every second otherwise).
 *
 * One publisher at a time across instances (a transaction-scoped advisory lock, tried, not
 * waited for): event numbers are taken and the events sent while the lock is held, so they reach
 * every subscriber in number order, which is what lets a stream resume from `Last-Event-ID`.
 * The channel's `send` runs inside the transaction: `pg_notify` is delivered at commit (never
 * for a rolled-back batch); Redis is sent before the commit, so a failed commit may repeat an
 * event (clients treat events as "refetch", so a repeat is harmless) but never lose one.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import type { BookingStatus } from '@/db/enums';
import { type BookingRealtimeEvent, type RealtimeEvent, SEATS_TOPIC, type SeatsRealtimeEvent, slotChanges } from './events';

/** Where published events go: a fan-out channel (bus.ts). Runs inside the publisher's transaction. */
export type EventSink = (tx: Tx, events: RealtimeEvent[]) => Promise<void>;

/** `hashtextextended('bookline.realtime.publisher', 0)`, fixed so every instance takes the same lock. */
const PUBLISHER_LOCK = sql`hashtextextended('bookline.realtime.publisher', 0)`;

interface Row {
  id: string;
  organization_id: string | null;
  topic: string;
  payload: Record<string, unknown>;
  booking_id: string | null;
  status: BookingStatus | null;
  starts_at: string | Date | null;
  ends_at: string | Date | null;
  resource_id: string | null;
  service_id: string | null;
  source: string | null;
  updated_at: string | Date | null;
  created_by_user_id: string | null;
  customer_email: string | null;
  event_seq: string | number | null;
}

/** Rows of a raw statement (Drizzle's execute is typed per driver; both give `rows`). */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

/**
 * Publishes up to `limit` unpublished outbox rows, oldest first. Rows that are not booking
 * changes (emails, account mail) are marked published with no event. Returns the number of rows
 * handled, or -1 when another instance holds the publisher lock (try again shortly).
 */
const EVENT_COLUMNS = sql`o.id, o.organization_id, o.topic, o.payload, o.event_seq,
  b.id as booking_id, b.status, b.starts_at, b.ends_at, b.resource_id, b.service_id, b.source,
  b.updated_at, b.created_by_user_id, lower(c.email) as customer_email`;
const EVENT_FROM = sql`outbox o
  left join bookings b
    on o.topic like 'booking.%' and b.organization_id = o.organization_id and b.id = o.payload->>'bookingId'
  left join customers c on c.organization_id = b.organization_id and c.id = b.customer_id`;

function toEvent(r: Row, seq: number): BookingRealtimeEvent {
  const booking = { resourceId: r.resource_id!, startsAt: iso(r.starts_at!), endsAt: iso(r.ends_at!), status: r.status! };
  return {
    seq,
    organizationId: r.organization_id!,
    topic: r.topic,
    bookingId: r.booking_id!,
    status: booking.status,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    resourceId: booking.resourceId,
    serviceId: r.service_id!,
    source: r.source!,
    version: iso(r.updated_at!),
    slots: slotChanges(r.topic, r.payload, booking),
    audience: { createdByUserId: r.created_by_user_id, customerEmail: r.customer_email ?? '' },
  };
}

type Seats = Omit<SeatsRealtimeEvent, 'seq'>;

const eventIdOf = (r: Row) => (typeof r.payload?.eventId === 'string' ? r.payload.eventId : null);

/**
 * The seats left of these events now, by id: per active ticket type the smaller of its own stock
 * and the event's capacity left, in all the smaller of the capacity left and the types' sum (what
 * the public event pages show, modules/events public-events.ts). Draft and deleted events have
 * none: nothing about them is public.
 */
async function seatsOf(tx: Db | Tx, eventIds: string[]): Promise<Map<string, Seats>> {
  if (eventIds.length === 0) return new Map();
  const result = await tx.execute(sql`
    select e.id, e.organization_id, e.slug, greatest(0, pool.on_hand - pool.reserved) as pool_free,
      coalesce(json_agg(json_build_object('variantId', v.id, 'free', greatest(0, own.on_hand - own.reserved))
        order by v.position, v.created_at, v.id) filter (where v.id is not null), '[]'::json) as types
    from events e
    join stock_items pool on pool.organization_id = e.organization_id and pool.id = e.capacity_stock_item_id
    left join product_variants v on v.organization_id = e.organization_id and v.product_id = e.product_id and v.active
    left join stock_items own on own.organization_id = v.organization_id and own.id = v.stock_item_id
    where e.id in (select jsonb_array_elements_text(${JSON.stringify(eventIds)}::jsonb)) and e.status <> 'draft'
    group by e.organization_id, e.id, pool.on_hand, pool.reserved`);
  const out = new Map<string, Seats>();
  for (const r of rowsOf<{ id: string; organization_id: string; slug: string; pool_free: number | string; types: { variantId: string; free: number }[] | string }>(result)) {
    const poolFree = Number(r.pool_free);
    const types = (typeof r.types === 'string' ? JSON.parse(r.types) : r.types) as { variantId: string; free: number }[];
    const ticketTypes = types.map((t) => {
      const remaining = Math.min(Number(t.free), poolFree);
      return { variantId: t.variantId, remaining, soldOut: remaining === 0 };
    });
    const remaining = Math.min(poolFree, ticketTypes.reduce((n, t) => n + t.remaining, 0));
    out.set(r.id, { kind: 'seats', organizationId: r.organization_id, topic: SEATS_TOPIC, eventId: r.id, slug: r.slug, remaining, soldOut: remaining === 0, ticketTypes });
  }
  return out;
}

/** The seats event of an `event.seats_changed` row, if its event is public (and of the row's organization). */
function seatsEvent(r: Row, seats: Map<string, Seats>, seq: number): SeatsRealtimeEvent | null {
  const id = eventIdOf(r);
  const found = id ? seats.get(id) : undefined;
  if (!found || found.organizationId !== r.organization_id) return null;
  return { ...found, seq };
}

/**
 * The events after `seq`, oldest first, at most `limit`: the database's copy, for a stream that
 * resumes from further back than the hub remembers (or after a restart). Built from the booking
 * (or the event's seats) as it is now (its version says so), like the live event was from the
 * booking as it was then.
 */
export async function loadEventsAfter(db: Db, seq: number, limit: number): Promise<RealtimeEvent[]> {
  const result = await db.execute(sql`
    select ${EVENT_COLUMNS} from ${EVENT_FROM}
    where o.event_seq > ${seq} and (b.id is not null or o.topic = ${SEATS_TOPIC})
    order by o.event_seq
    limit ${limit}`);
  const rows = rowsOf<Row>(result);
  const seats = await seatsOf(db, [...new Set(rows.filter((r) => r.topic === SEATS_TOPIC).map(eventIdOf).filter((v): v is string => v !== null))]);
  const out: RealtimeEvent[] = [];
  for (const r of rows) {
    const e = r.topic === SEATS_TOPIC ? seatsEvent(r, seats, Number(r.event_seq)) : toEvent(r, Number(r.event_seq));
    if (e) out.push(e);
  }
  return out;
}

/** Rows per publisher transaction. */
export const PUBLISH_BATCH = 500;

export async function publishOutboxEvents(db: Db, send: EventSink, limit = PUBLISH_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    const lock = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${PUBLISHER_LOCK}) as ok`));
    if (!lock[0]?.ok) return -1;
    const result = await tx.execute(sql`
      select ${EVENT_COLUMNS} from ${EVENT_FROM}
      where o.published_at is null
      order by o.created_at, o.id
      limit ${limit}
      for update of o skip locked`);
    const rows = rowsOf<Row>(result);
    if (rows.length === 0) return 0;
    // Seats rows: the event's seats as they are now, once per event per batch (its last row: the
    // figures would be the same for each); a draft or deleted event's rows publish nothing.
    const seatRows = rows.filter((r) => r.topic === SEATS_TOPIC && r.organization_id !== null);
    const lastOfEvent = new Map<string, string>();
    for (const r of seatRows) {
      const id = eventIdOf(r);
      if (id) lastOfEvent.set(id, r.id);
    }
    const seats = await seatsOf(tx, [...lastOfEvent.keys()]);
    const news = rows.filter((r) => {
      if (r.topic === SEATS_TOPIC) {
        const id = eventIdOf(r);
        return r.organization_id !== null && id !== null && lastOfEvent.get(id) === r.id && seats.get(id)?.organizationId === r.organization_id;
      }
      return r.booking_id !== null && r.organization_id !== null;
    });
    let seqs: number[] = [];
    if (news.length > 0) {
      const taken = rowsOf<{ seq: string }>(await tx.execute(sql`select nextval('realtime_event_seq') as seq from generate_series(1, ${news.length})`));
      seqs = taken.map((r) => Number(r.seq)).sort((a, b) => a - b);
    }
    const events: RealtimeEvent[] = news.map((r, i) => (r.topic === SEATS_TOPIC ? seatsEvent(r, seats, seqs[i]!)! : toEvent(r, seqs[i]!)));
    const seqById = new Map(news.map((r, i) => [r.id, seqs[i]!]));
    const ids = rows.map((r) => r.id);
    const numbered = JSON.stringify(Object.fromEntries(seqById));
    await tx.execute(sql`
      update outbox set published_at = now(), event_seq = (${numbered}::jsonb ->> id)::bigint
      where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
    if (events.length > 0) await send(tx, events);
    return rows.length;
  });
}

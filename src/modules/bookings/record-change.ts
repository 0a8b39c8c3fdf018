/**
 * The one writer of what a booking change leaves behind: its history event, its audit row and
 * its outbox messages, with one mapping of the actor for all of them. `changeWrites` returns
 * the INSERTs unexecuted, so the booking hot path embeds them in its single statement;
 * `recordChange` runs them together as one statement everywhere else.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { type BookingStatus, bookingEvents } from '@/db/schema';
import { newId } from '@/lib/ids';
import { auditInsert, type Ctx, outboxInsert } from '@/modules/kernel';

export type ActorType = 'user' | 'guest' | 'system';

/** Who acted, as history and audit rows name them: a member, the system, or a guest (anyone else). */
export function actorOf(ctx: Ctx): { actorType: ActorType; actorUserId: string | null } {
  if (ctx.actor.type === 'user') return { actorType: 'user', actorUserId: ctx.actor.userId };
  return { actorType: ctx.actor.type === 'system' ? 'system' : 'guest', actorUserId: null };
}

/**
 * Who made a change, as outbox messages say it: the business alerts its team about what guests
 * and club members do to their own bookings, not about what the team itself does.
 */
export function changedBy(ctx: Ctx): 'guest' | 'member' | 'staff' | 'system' {
  if (ctx.actor.type === 'user') return ctx.actor.role === 'member' ? 'member' : 'staff';
  return ctx.actor.type === 'system' ? 'system' : 'guest';
}

export interface BookingChange {
  organizationId: string;
  bookingId: string;
  /** The history entry; omitted for changes the history does not show (notes, price, link). */
  event?: { action: string; fromStatus: BookingStatus | null; toStatus: BookingStatus; reason?: string | null; changes?: Record<string, unknown> | null };
  /** Null when the change is one of several under one audited operation (a recurring series). */
  audit: { action: string; changes?: { before?: unknown; after?: unknown } | null } | null;
  messages?: { topic: string; payload: Record<string, unknown> }[];
}

/** The change's INSERTs as SQL, in a fixed order: event, audit, messages. */
export function changeWrites(tx: Tx, ctx: Ctx, change: BookingChange): SQL[] {
  const { organizationId, bookingId } = change;
  const writes: SQL[] = [];
  if (change.event) {
    writes.push(
      tx
        .insert(bookingEvents)
        .values({
          id: newId('bookingEvent'),
          organizationId,
          bookingId,
          action: change.event.action,
          fromStatus: change.event.fromStatus,
          toStatus: change.event.toStatus,
          ...actorOf(ctx),
          reason: change.event.reason ?? null,
          changes: change.event.changes ?? null,
          createdAt: ctx.now,
        })
        .getSQL(),
    );
  }
  if (change.audit) writes.push(auditInsert(tx, ctx, { organizationId, action: change.audit.action, entity: 'booking', entityId: bookingId, changes: change.audit.changes ?? null }).getSQL());
  for (const m of change.messages ?? []) writes.push(outboxInsert(tx, ctx, { organizationId, topic: m.topic, payload: m.payload }).getSQL());
  return writes;
}

/** Writes the change's rows in one statement (data-modifying CTEs). */
export async function recordChange(tx: Tx, ctx: Ctx, change: BookingChange): Promise<void> {
  const writes = changeWrites(tx, ctx, change);
  await tx.execute(sql`with ${sql.join(
    writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
    sql`, `,
  )} select 1`);
}

/**
 * Outbox: side effects (email, webhooks, realtime) are rows written in the same transaction
 * as the change they report; a worker delivers them after commit, with retries.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { outbox } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { Ctx } from './context';

export interface OutboxMessage {
  organizationId: string;
  topic: string; // "email.invitation"
  payload: Record<string, unknown>;
}

export async function enqueue(tx: Tx, ctx: Ctx, message: OutboxMessage): Promise<string> {
  const id = newId('outbox');
  await outboxInsert(tx, ctx, message, id);
  return id;
}

/** The outbox row's INSERT, not yet run (see auditInsert for why). */
export function outboxInsert(tx: Tx, ctx: Ctx, message: OutboxMessage, id = newId('outbox')) {
  return tx.insert(outbox).values({ id, ...message, createdAt: ctx.now, availableAt: ctx.now });
}

/**
 * Delivers one message, in two steps. The handler runs first in a short transaction of its own
 * (`tx`, the owner connection) to read what the message needs — a handler must use it, never
 * open another transaction: embedded PGlite has one connection, and a second transaction would
 * wait for this one forever. It may return a `send` step: that runs after the transaction has
 * committed, with no transaction and no row lock held, so a slow or unreachable mail server
 * never holds the database (on PGlite, every request) while it times out.
 */
export type OutboxHandler = (
  message: { id: string; organizationId: string; topic: string; payload: Record<string, unknown>; attempts: number },
  tx: Tx,
) => Promise<void | OutboxSend>;
export type OutboxSend = () => Promise<void>;

/**
 * Account mail (password reset, address verification) belongs to a user, not an organization:
 * its rows have no organization_id and a user_id (docs/decisions/0009-account-mail.md). Its
 * handlers are objects, so a tenant handler can never be handed a message without a tenant
 * (nor an account handler one with): deliverOutbox refuses the mismatch as a failed try.
 */
export interface AccountOutboxMessage {
  id: string;
  userId: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}
export interface AccountOutboxHandler {
  account: (message: AccountOutboxMessage, tx: Tx) => Promise<void | OutboxSend>;
}
export type OutboxHandlers = Record<string, OutboxHandler | AccountOutboxHandler>;

/** An account message's row, written on the connection Better Auth uses (the owner's: no tenant). */
export async function enqueueAccountMessage(db: Db, message: { userId: string; topic: string; payload: Record<string, unknown> }, now = new Date()): Promise<string> {
  const id = newId('outbox');
  await db.insert(outbox).values({ id, organizationId: null, userId: message.userId, topic: message.topic, payload: message.payload, createdAt: now, availableAt: now });
  return id;
}

/** Tries before a message is given up on (status 'failed': the dead letter, shown on the mail page). */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** How long a claimed message stays invisible to other deliverers while this one sends it. */
export const OUTBOX_LEASE_SECONDS = 300;

/** Seconds before the next try after `attempts` failed ones: 10 s, 20 s, 40 s … at most an hour. */
export function outboxBackoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** attempts * 5);
}

/**
 * Delivers up to `limit` due messages. Runs as the connecting (owner) role because it works
 * across tenants. Three steps per batch:
 *  1. claim — one short transaction selects due rows FOR UPDATE SKIP LOCKED and leases them
 *     (attempts + 1, available_at moved OUTBOX_LEASE_SECONDS ahead), then commits: another
 *     instance skips them while locked and finds them not due afterwards, so two deliverers
 *     never send one message twice; a deliverer that dies mid-send leaves the lease to expire
 *     and the message is tried again.
 *  2. prepare + send — per message, the handler reads in its own short transaction, then its
 *     send step runs outside any transaction.
 *  3. record — sent, or back to pending with backoff and the error, or 'failed' after
 *     OUTBOX_MAX_ATTEMPTS tries. Recorded only if the lease is still ours (same attempts).
 * Returns the number of messages handled (sent or retried).
 */
export async function deliverOutbox(
  db: Db,
  handlers: OutboxHandlers,
  now: Date,
  limit = 50,
  /** Only one organization's (or one account's) messages (tests that share a database deliver their own only). */
  scope: { organizationId?: string; userId?: string } = {},
): Promise<number> {
  // Instances skip rows another transaction holds (the next tick delivers them). A scoped
  // delivery — one organization's or one account's messages: tests sharing a database, a bench
  // drain — waits for them instead: no other deliverer shares its rows, and the only other
  // holder is the realtime publisher marking rows published for a moment (it takes its own rows
  // with SKIP LOCKED, so it never waits on these). Skipping made such a test see nothing to send.
  const scoped = Boolean(scope.organizationId || scope.userId);
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'pending'),
          lte(outbox.availableAt, now),
          scope.organizationId ? eq(outbox.organizationId, scope.organizationId) : undefined,
          scope.userId ? eq(outbox.userId, scope.userId) : undefined,
        ),
      )
      .orderBy(asc(outbox.availableAt), asc(outbox.id))
      .limit(limit)
      .for('update', scoped ? {} : { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, availableAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${OUTBOX_LEASE_SECONDS})` })
      .where(inArray(outbox.id, due.map((r) => r.id)))
      .returning();
  });
  // In the order they were written: by time, then by id (ids grow in write order), never in
  // whatever order the table returns messages written at the same instant (one transaction's
  // messages share its clock reading).
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const row of claimed) {
    const leased = and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts), eq(outbox.status, 'pending'));
    try {
      const handler = handlers[row.topic];
      if (!handler) throw new Error(`no handler for topic ${row.topic}`);
      const { organizationId, userId } = row;
      const base = { id: row.id, topic: row.topic, payload: row.payload, attempts: row.attempts };
      let send: void | OutboxSend;
      if (typeof handler === 'function') {
        if (organizationId === null) throw new Error(`topic ${row.topic} needs an organization; the message has none`);
        send = await db.transaction((tx) => handler({ ...base, organizationId }, tx));
      } else {
        if (organizationId !== null || userId === null) throw new Error(`topic ${row.topic} is account mail; the message must name a user and no organization`);
        send = await db.transaction((tx) => handler.account({ ...base, userId }, tx));
      }
      if (send) await send();
      await db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(leased);
    } catch (err) {
      await db
        .update(outbox)
        .set({
          status: row.attempts >= OUTBOX_MAX_ATTEMPTS ? 'failed' : 'pending',
          lastError: String((err as Error)?.message ?? err).slice(0, 1000),
          availableAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${outboxBackoffSeconds(row.attempts)})`,
        })
        .where(leased);
    }
  }
  return claimed.length;
}

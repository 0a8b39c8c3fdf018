/**
 * Outbox: side effects (email, webhooks, realtime) are rows written in the same transaction
 * as the change they report; a worker delivers them after commit, with retries.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
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
 * Delivers one message. `tx` is the delivery's own transaction (the owner connection): a handler
 * that needs to read must use it, never open another transaction on the database — embedded
 * PGlite has one connection, and a second transaction would wait for this one forever.
 */
export type OutboxHandler = (message: { id: string; organizationId: string; topic: string; payload: Record<string, unknown> }, tx: Tx) => Promise<void>;

const MAX_ATTEMPTS = 8;

/**
 * Delivers up to `limit` due messages. Runs as the connecting (owner) role because it works
 * across tenants; rows are claimed with SKIP LOCKED so several app instances can run it.
 * Returns the number of messages handled (sent or retried).
 */
export async function deliverOutbox(
  db: Db,
  handlers: Record<string, OutboxHandler>,
  now: Date,
  limit = 50,
  /** Only one organization's messages (tests that share a database deliver their own only). */
  scope: { organizationId?: string } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, now), scope.organizationId ? eq(outbox.organizationId, scope.organizationId) : undefined))
      .orderBy(asc(outbox.availableAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const row of due) {
      const handler = handlers[row.topic];
      try {
        if (!handler) throw new Error(`no handler for topic ${row.topic}`);
        await handler({ id: row.id, organizationId: row.organizationId, topic: row.topic, payload: row.payload }, tx);
        await tx.update(outbox).set({ status: 'sent', sentAt: now, attempts: row.attempts + 1 }).where(eq(outbox.id, row.id));
      } catch (err) {
        const attempts = row.attempts + 1;
        const backoffSeconds = Math.min(3600, 2 ** attempts * 5);
        await tx
          .update(outbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            lastError: String((err as Error).message ?? err).slice(0, 1000),
            availableAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${backoffSeconds})`,
          })
          .where(eq(outbox.id, row.id));
      }
    }
    return due.length;
  });
}

/**
 * Delivers one organization's due outbox messages until none is left. Delivery skips rows another
 * transaction holds (`FOR UPDATE SKIP LOCKED`, as between instances), and on a shared PostgreSQL
 * another file's realtime publisher marks rows published under a row lock for a moment: one pass
 * can then claim nothing although messages are due (webhooks.test.ts saw 0 deliveries in CI).
 * In production the next tick delivers them; a test that expects them now tries again.
 */
import { and, count, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { deliverOutbox, type OutboxHandlers } from '@/modules/kernel';

export async function deliverOrgOutbox(db: Db, handlers: OutboxHandlers, now: Date, organizationId: string): Promise<number> {
  let delivered = 0;
  for (let pass = 0; pass < 100; pass++) {
    delivered += await deliverOutbox(db, handlers, now, 1000, { organizationId });
    const [due] = await db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.organizationId, organizationId), eq(outbox.status, 'pending'), lte(outbox.availableAt, now)));
    if (!due || due.n === 0) return delivered;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`outbox messages of ${organizationId} still due after 100 passes`);
}

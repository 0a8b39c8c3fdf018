/**
 * Routes that may answer from the read replica (DATABASE_READ_URL) say so by passing
 * `onReplica(c)` instead of `c.get('ctx')` to their use case: the same ctx (tenant, actor, clock)
 * with its db on the replica, or on the primary when none is configured.
 *
 * Only for use cases that read and nothing else, and whose answer may lag the primary by the
 * replication delay: availability, the public catalog, plain dashboard lists. Never a use case
 * that writes or decides a write (a booking, an order, a check before a change): those keep
 * `c.get('ctx')`, whose db is the primary. The replica pool's sessions are read-only, so a write
 * routed here by mistake fails loudly (500) instead of going somewhere unexpected.
 */
import type { Db } from '@/db/client';
import type { Ctx } from '@/modules/kernel';

export function onReplica(c: { get(key: 'ctx'): Ctx; get(key: 'readDb'): Db }): Ctx {
  const ctx = c.get('ctx');
  return ctx.db === c.get('readDb') ? ctx : { ...ctx, db: c.get('readDb') };
}

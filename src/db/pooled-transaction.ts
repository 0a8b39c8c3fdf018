/**
 * A transaction on one connection of a node-postgres pool, opened by a simple query of the
 * caller's (`begin; …`: BEGIN and what the transaction needs first, in one round trip), then
 * committed, or rolled back when `fn` throws. A connection whose rollback fails is destroyed
 * rather than returned to the pool. Used by the tenant scope (tenant.ts) and the job queue's
 * start lock (modules/kernel/jobs.ts).
 */
import type pg from 'pg';

export async function inPooledTransaction<T>(pool: pg.Pool, begin: (client: pg.PoolClient) => string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin(client));
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { FunnelCounter, FunnelEntry } from './funnel-counter';

/** Days of counts kept; older days are deleted by `pruneFunnel`. */
export const FUNNEL_RETENTION_DAYS = 400;

/**
 * Adds the counter's counts to `booking_funnel_daily` in one statement and empties the counter.
 * Runs on the owner connection, across organizations: the organization's slug and the service
 * are resolved in the statement (unknown ones are dropped), each minute lands on the
 * organization's local day, and rows are added to (`count + excluded.count`), so several app
 * instances flushing at once add up. Rows are inserted in key order, so two concurrent flushes
 * lock rows in the same order and cannot deadlock. On a transient failure the counts go back
 * to the counter for the next flush. Returns the number of steps written.
 */
export async function flushFunnel(db: Db, counter: FunnelCounter): Promise<{ written: number; dropped: number }> {
  const { entries, dropped } = counter.take();
  if (entries.length === 0) return { written: 0, dropped };
  try {
    await upsert(db, entries);
  } catch (err) {
    // A passing failure (no connection, a deadlock, shutting down) keeps the counts for the
    // next flush; any other would fail again every time, so those counts are given up.
    if (transient(err)) counter.restore(entries);
    throw err;
  }
  return { written: entries.reduce((sum, e) => sum + e.count, 0), dropped };
}

async function upsert(db: Db, entries: FunnelEntry[]) {
  const rows = JSON.stringify(entries.map((e) => ({ slug: e.slug, service_id: e.serviceId, step: e.step, minute: e.minute, n: e.count })));
  await db.execute(sql`
    insert into booking_funnel_daily (organization_id, service_id, day, step, count)
    select o.id, s.id, (to_timestamp(v.minute * 60) at time zone o.timezone)::date, v.step, sum(v.n)::int
    from jsonb_to_recordset(${rows}::jsonb) as v(slug text, service_id text, step text, minute bigint, n int)
    join organizations o on o.slug = v.slug
    join services s on s.organization_id = o.id and s.id = v.service_id
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (organization_id, service_id, day, step) do update set count = booking_funnel_daily.count + excluded.count`);
}

/** Deletes the days older than the retention (every organization's); returns the rows deleted. */
export async function pruneFunnel(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - FUNNEL_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  const result = (await db.execute(sql`delete from booking_funnel_daily where day < ${cutoff}::date`)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/** SQLSTATE classes that pass: connection (08), transaction rollback (40), operator intervention (57); or no SQLSTATE at all (the pool). */
export function transient(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown }; code?: unknown })?.cause?.code ?? (err as { code?: unknown })?.code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || /^(08|40|57|53)/.test(code);
}

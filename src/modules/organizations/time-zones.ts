/**
 * Time zones the database accepts. Node (ICU) still knows names that tzdata dropped
 * (`US/Pacific-New`, `Canada/East-Saskatchewan`) and PostgreSQL refuses them (SQLSTATE 22023),
 * so a zone saved on Node's word broke every query that reads it `AT TIME ZONE`. The database's
 * own list (pg_timezone_names: PGlite and PostgreSQL 15 alike) is read once per database handle
 * and process (~0.1–0.2 s) and kept; checks after that cost no query.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { validationError } from '@/lib/errors';
import { canonicalTimeZone } from '@/lib/time';

const lists = new WeakMap<Db, Promise<Map<string, string>>>();

async function load(db: Db): Promise<Map<string, string>> {
  const result = (await db.execute(sql`select name from pg_timezone_names`)) as unknown as { rows: { name: string }[] };
  return new Map(result.rows.map((r) => [r.name.toLowerCase(), r.name]));
}

/** The database's names by lower case, loaded on first use. */
function databaseZones(db: Db): Promise<Map<string, string>> {
  let list = lists.get(db);
  if (!list) {
    list = load(db);
    lists.set(db, list);
    // A failed read (database down) is not remembered: the next call tries again.
    list.catch(() => lists.delete(db));
  }
  return list;
}

/**
 * The spelling under which both the runtime and the database know `zone` (`america/new_york` →
 * `America/New_York`), or a 400 on `field`. Call it with input already checked by a zone schema.
 */
export async function databaseTimeZone(db: Db, zone: string, field: string, what: string): Promise<string> {
  const names = await databaseZones(db);
  const runtime = canonicalTimeZone(zone);
  const name = runtime ? names.get(runtime.toLowerCase()) : undefined;
  if (name && canonicalTimeZone(name)) return name;
  const message = 'is not a time zone this installation can use; choose an IANA zone such as America/Chicago';
  throw validationError(`Invalid ${what}: ${field} ${message}`, { fields: [{ path: field, message }] });
}

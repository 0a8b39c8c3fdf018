/**
 * Organizations kept in memory by slug, dropped the moment they change (issue #17,
 * docs/decisions/0024-organization-cache.md). Every public request (profile, catalog,
 * availability, a guest booking, a checkout) starts by reading its organization's row by slug,
 * and a guest booking read it twice (the public-form challenge, then the tenant): one database
 * round trip each, for a row that changes a few times a year.
 *
 * How it stays true:
 * - A trigger (migration 0036) sends `pg_notify('bookline_organizations', <slug>)` on every
 *   update or delete of an organization, delivered at commit; each instance LISTENs
 *   (src/db/listen.ts) and drops that slug. So an instance answers from an old row only between
 *   a change's commit and the notification's arrival, never after: the same as a request that
 *   read the row just before the change committed (nothing locks the row on these paths).
 * - A load that was under way when any notification arrived is not kept: it may have read the
 *   row before the change committed (a generation counter, bumped by every notification).
 * - Only while the LISTEN connection is up: losing it empties the cache and turns it off
 *   until LISTEN is back (notifications sent meanwhile are lost to this instance).
 * - Loads read the primary, for the replica too: a replica may not have a change yet when its
 *   notification arrives, and what was read then would stay.
 * - Kept under the slug as stored; a missing organization is not kept (a new one must show at
 *   once); rows are frozen (shared by every request); at most `maxEntries`, oldest dropped.
 * Behind a transaction pooler LISTEN does not hold, so runtimes there make no cache (boot.ts).
 *
 * Reads find it through the database handle they were given (`organizationBySlug(db, slug)`):
 * `start()` registers it for the primary's and the replica's handles, `stop()` removes it, so
 * code without a started cache (tests, scripts) reads the table as before.
 */
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { readDb } from '@/db/client';
import { type Listening, listenTo } from '@/db/listen';
import { organizations } from '@/db/schema';
import type { Logger } from '@/lib/logger';

export const ORGANIZATIONS_CHANNEL = 'bookline_organizations';

export type OrganizationRow = typeof organizations.$inferSelect;

export interface OrganizationCache {
  /** The organization whose slug is `slug` (as stored), from memory when it is kept there. */
  get(slug: string): Promise<OrganizationRow | null>;
  /** Listens for changes and registers for the database's handles; until then (and whenever
   * LISTEN is down) nothing is kept and every read goes to the table. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** How many rows it holds, whether it serves from memory now, and how many changes it has
   * heard of (tests, metrics). */
  readonly size: number;
  readonly live: boolean;
  readonly heard: number;
}

/** The caches started for a database handle (the primary's and the replica's). */
const registered = new WeakMap<object, OrganizationCache>();

/** The organization with this slug (as stored), through the cache started for `db` if any. */
export function organizationBySlug(db: Executor, slug: string): Promise<OrganizationRow | null> {
  const cache = registered.get(db);
  return cache ? cache.get(slug) : readBySlug(db, slug);
}

/** Whether a started cache serves `db` (then `organizationBySlug` is a memory read once warm). */
export function hasOrganizationCache(db: Executor): boolean {
  return registered.has(db);
}

async function readBySlug(db: Executor, slug: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row ?? null;
}

export function createOrganizationCache(database: Database, log: Logger, maxEntries = 10_000): OrganizationCache {
  const entries = new Map<string, OrganizationRow>();
  const handles = [database.db, readDb(database)];
  let generation = 0;
  let live = false;
  let listening: Listening | null = null;
  let heard = 0;
  const clear = () => {
    generation++;
    entries.clear();
  };
  const cache: OrganizationCache = {
    async get(slug) {
      if (!live) return readBySlug(database.db, slug);
      const hit = entries.get(slug);
      if (hit) return hit;
      const seen = generation;
      const row = await readBySlug(database.db, slug);
      if (row && live && seen === generation && row.slug === slug) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(slug, deepFreeze(row));
      }
      return row;
    },
    async start() {
      listening = await listenTo(
        database,
        ORGANIZATIONS_CHANNEL,
        {
          notify(slug) {
            heard++;
            generation++;
            if (!slug || slug === '*') entries.clear();
            else entries.delete(slug);
          },
          up() {
            clear();
            live = true;
          },
          down() {
            live = false;
            clear();
          },
        },
        log,
        'organization-cache',
      );
      // The first cache started for a handle serves it (a second one, in a test, is used directly).
      for (const handle of handles) if (!registered.has(handle)) registered.set(handle, cache);
    },
    async stop() {
      for (const handle of handles) if (registered.get(handle) === cache) registered.delete(handle);
      live = false;
      clear();
      await listening?.close();
      listening = null;
    },
    get size() {
      return entries.size;
    },
    get live() {
      return live;
    },
    get heard() {
      return heard;
    },
  };
  return cache;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Public profiles kept in memory, dropped the moment their organization changes (issue #17,
 * docs/decisions/0024-profile-cache.md). The public profile is the most read answer and was
 * one database round trip per request for a row that changes a few times a year.
 *
 * How it stays true:
 * - A trigger (migration 0036) sends `pg_notify('bookline_organizations', <slug>)` on every
 *   update or delete of an organization, delivered at commit; each instance LISTENs
 *   (src/db/listen.ts) and drops that slug. So an instance serves an old profile only between a
 *   change's commit and the notification's arrival, a replica's kind of lag, never after.
 * - A load that was under way when any notification arrived is not kept: it may have read the
 *   row before the change committed (a generation counter, bumped by every notification).
 * - Only while the LISTEN connection is up: losing it empties the cache and turns it off
 *   until LISTEN is back (notifications sent meanwhile are lost to this instance).
 * - Loads read the primary, not the replica: a replica may not have a change yet when its
 *   notification arrives, and what was read then would stay.
 * - Kept under the slug as stored (a request may spell it otherwise). A missing organization
 *   (404) is not kept: a new one must show at once. Bounded: at most
 *   `maxEntries` profiles; past it, the oldest is dropped.
 * Behind a transaction pooler LISTEN does not hold, so runtimes there make no cache (boot.ts).
 */
import type { Database } from '@/db/client';
import { type Listening, listenTo } from '@/db/listen';
import type { Logger } from '@/lib/logger';
import type { PublicProfile } from './schemas';

export const ORGANIZATIONS_CHANNEL = 'bookline_organizations';

export interface ProfileCache {
  /** The cached profile of `slug`, or `load()`'s answer (kept when nothing changed meanwhile). */
  get(slug: string, load: () => Promise<PublicProfile>): Promise<PublicProfile>;
  /** Listens for changes; until it resolves (and whenever LISTEN is down) nothing is cached. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** How many profiles it holds, whether it serves from memory now, and how many changes it
   * has heard of (tests, metrics). */
  readonly size: number;
  readonly live: boolean;
  readonly heard: number;
}

export function createProfileCache(database: Database, log: Logger, maxEntries = 10_000): ProfileCache {
  const entries = new Map<string, PublicProfile>();
  let generation = 0;
  let live = false;
  let listening: Listening | null = null;
  let heard = 0;
  const clear = () => {
    generation++;
    entries.clear();
  };
  return {
    async get(slug, load) {
      if (!live) return load();
      const hit = entries.get(slug);
      if (hit) return hit;
      const seen = generation;
      const profile = await load();
      // Kept only under the slug as stored: the trigger names that one ('Xplorium ' reads
      // the same row, and a notification for 'xplorium' must drop whatever was kept).
      if (live && seen === generation && profile.slug === slug) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(slug, profile);
      }
      return profile;
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
        'profile-cache',
      );
    },
    async stop() {
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
}

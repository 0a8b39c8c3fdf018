/**
 * The fan-out channel between app instances. Every instance subscribes; the publisher (whichever
 * instance holds its lock) sends each batch once and every instance's hub receives it.
 *
 * - PostgreSQL `LISTEN/NOTIFY` (default; PGlite has it too, within its one process): `pg_notify`
 *   inside the publisher's transaction, so subscribers hear of a batch exactly when it commits.
 *   A payload is at most 8,000 bytes, so a batch goes as several notifications. On PostgreSQL a
 *   dedicated connection (not one of the pool's) listens, and reconnects after a loss; events
 *   sent while it was away reach clients through `Last-Event-ID` resume (the database copy).
 * - Redis pub/sub when `REDIS_URL` is set: one connection publishes, one subscribes (ioredis
 *   reconnects both by itself).
 */
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Database } from '@/db/client';
import { type Listening, listenTo } from '@/db/listen';
import type { Logger } from '@/lib/logger';
import type { RealtimeEvent } from './events';
import type { EventSink } from './publish';

export interface EventBus {
  readonly kind: 'postgres' | 'pglite' | 'redis';
  /** Sends a published batch (the publisher calls it inside its transaction). */
  send: EventSink;
  /** Starts listening; `receive` gets every batch any instance sends. */
  subscribe(receive: (events: RealtimeEvent[]) => void): Promise<void>;
  close(): Promise<void>;
}

/** The PostgreSQL channel name (an identifier) and the Redis channel's default. */
export const EVENTS_CHANNEL = 'bookline_events';
/** Below pg_notify's 8,000-byte payload limit, leaving room for multi-byte characters. */
const NOTIFY_CHUNK_CHARS = 2_500;

/** Splits events into JSON arrays each under `maxChars` characters (one event per array at least). */
export function chunkEvents(events: RealtimeEvent[], maxChars: number): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 2;
  for (const e of events) {
    const text = JSON.stringify(e);
    if (part.length > 0 && size + text.length + 1 > maxChars) {
      out.push(`[${part.join(',')}]`);
      part = [];
      size = 2;
    }
    part.push(text);
    size += text.length + 1;
  }
  if (part.length > 0) out.push(`[${part.join(',')}]`);
  return out;
}

function parseBatch(payload: string | undefined, log: Logger): RealtimeEvent[] {
  if (!payload) return [];
  try {
    const parsed = JSON.parse(payload) as unknown;
    return Array.isArray(parsed) ? (parsed as RealtimeEvent[]) : [];
  } catch (err) {
    log.warn({ err }, 'realtime: unreadable event batch ignored');
    return [];
  }
}

const notifySink: EventSink = async (tx, events) => {
  for (const chunk of chunkEvents(events, NOTIFY_CHUNK_CHARS)) await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${chunk})`);
};

/** LISTEN/NOTIFY on the app's own database (PGlite or PostgreSQL; src/db/listen.ts keeps it up). */
export function databaseBus(database: Database, log: Logger): EventBus {
  let listening: Listening | null = null;
  return {
    kind: database.kind,
    send: notifySink,
    async subscribe(receive) {
      listening = await listenTo(database, EVENTS_CHANNEL, { notify: (payload) => receive(parseBatch(payload, log)) }, log, 'realtime');
    },
    async close() {
      await listening?.close();
    },
  };
}

/** Redis pub/sub (`REDIS_URL`); `channel` separates deployments that share one Redis. */
export function redisBus(url: string, log: Logger, channel = `bookline:events`): EventBus {
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  publisher.on('error', (err) => log.warn({ err }, 'realtime: redis publisher error'));
  subscriber.on('error', (err) => log.warn({ err }, 'realtime: redis subscriber error'));
  return {
    kind: 'redis',
    async send(_tx, events) {
      // Before the publisher's commit: a failure rolls the batch back and it is sent again later.
      await publisher.publish(channel, JSON.stringify(events));
    },
    async subscribe(receive) {
      await publisher.connect();
      await subscriber.connect();
      subscriber.on('message', (ch: string, message: string) => {
        if (ch === channel) receive(parseBatch(message, log));
      });
      await subscriber.subscribe(channel);
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

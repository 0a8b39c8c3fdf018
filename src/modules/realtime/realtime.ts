/**
 * Realtime for one app instance: the hub its streams hang on, the fan-out channel it listens
 * to, and the publisher loop it runs (docs/architecture.md, "Realtime").
 */
import type { Database } from '@/db/client';
import type { Logger } from '@/lib/logger';
import { databaseBus, type EventBus, redisBus } from './bus';
import { type HubOptions, RealtimeHub } from './hub';
import { loadEventsAfter, PUBLISH_BATCH, publishOutboxEvents } from './publish';

/** Without a wake-up (a write made by another process, a job), the publisher looks this often. */
const PUBLISH_INTERVAL_MS = 1_000;

export interface Realtime {
  readonly hub: RealtimeHub;
  readonly bus: EventBus;
  /** A request just wrote: publish now rather than at the next tick. */
  wake(): void;
  /** Subscribes to the channel and starts the publisher loop. */
  start(): Promise<void>;
  /** Ends the streams (clients reconnect elsewhere), stops the loop, closes the channel. */
  stop(): Promise<void>;
}

export interface RealtimeOptions {
  redisUrl?: string;
  /** The Redis channel (deployments that share one Redis need their own). */
  redisChannel?: string;
  hub?: Omit<HubOptions, 'loadAfter'>;
  publishIntervalMs?: number;
  /** Run the publisher loop here (default true); false: only receive (tests of one side). */
  publish?: boolean;
}

export function createRealtime(database: Database, log: Logger, options: RealtimeOptions = {}): Realtime {
  const bus = options.redisUrl ? redisBus(options.redisUrl, log, options.redisChannel) : databaseBus(database, log);
  const hub = new RealtimeHub({ ...options.hub, loadAfter: (seq, limit) => loadEventsAfter(database.db, seq, limit) });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        // A full batch means more are waiting: go on at once.
        while (!stopped && (await publishOutboxEvents(database.db, bus.send)) === PUBLISH_BATCH);
      } while (again && !stopped);
    })()
      .catch((err: unknown) => log.warn({ err }, 'realtime: publishing failed'))
      .finally(() => {
        running = null;
      });
  };

  return {
    hub,
    bus,
    wake: () => {
      if (timer) run();
    },
    async start() {
      await bus.subscribe((events) => hub.receive(events));
      if (options.publish === false) return;
      timer = setInterval(run, options.publishIntervalMs ?? PUBLISH_INTERVAL_MS);
      timer.unref();
      run();
    },
    async stop() {
      stopped = true;
      hub.closeAll();
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await bus.close();
    },
  };
}

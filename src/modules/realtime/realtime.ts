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
/**
 * Wake-ups closer together than this are joined into one run: under a burst of writes the
 * publisher runs about 10 times a second with many rows each, instead of once per request, and
 * each stream gets one write per run. Measured with 1,000 subscribers on two instances
 * (bench/realtime.ts): 50 ms gave p95 61–71 ms and 65–69% of booking throughput, 100 ms gave
 * p95 77–96 ms and 73–77%.
 */
const MIN_GAP_MS = 100;

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
  let lastStart = 0;
  let delayed: NodeJS.Timeout | null = null;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    const wait = lastStart + MIN_GAP_MS - performance.now();
    if (wait > 0) {
      delayed ??= setTimeout(() => {
        delayed = null;
        run();
      }, wait);
      return;
    }
    lastStart = performance.now();
    running = (async () => {
      do {
        again = false;
        // A full batch means more are waiting: go on at once. Another instance publishing (-1)
        // may have started before this one's rows committed: look again shortly.
        let handled = 0;
        while (!stopped && (handled = await publishOutboxEvents(database.db, bus.send)) === PUBLISH_BATCH);
        if (handled === -1) again = true;
        if (again && !stopped) await new Promise((r) => setTimeout(r, MIN_GAP_MS));
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
      if (delayed) clearTimeout(delayed);
      timer = null;
      await running;
      await bus.close();
    },
  };
}

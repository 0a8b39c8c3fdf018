import type { Db } from '@/db/client';
import type { Logger } from '@/lib/logger';
import { flushFunnel, pruneFunnel } from './flush-funnel';
import { type FunnelCounter, funnelCounter } from './funnel-counter';

export const FUNNEL_FLUSH_INTERVAL_MS = 5_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;

export interface FunnelFlusher {
  /** Stops the timer, waits for a flush in progress, then flushes what is left (call before the pool closes). */
  stop(): Promise<void>;
}

/**
 * Flushes the process's funnel counts every few seconds (one upsert), and prunes days past the
 * retention every few hours. A failed flush keeps its counts for the next one; counts of a
 * process that dies without stop() (a crash, a kill -9) are lost: at most one interval's.
 */
export function startFunnelFlusher(db: Db, log: Logger, options: { intervalMs?: number; counter?: FunnelCounter; now?: () => Date } = {}): FunnelFlusher {
  const counter = options.counter ?? funnelCounter;
  const now = options.now ?? (() => new Date());
  let lastPrune = 0;
  let run: Promise<void> | null = null;
  const flushOnce = async () => {
    const { dropped } = await flushFunnel(db, counter);
    if (dropped > 0) log.warn({ dropped }, 'funnel counter was full: steps dropped');
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await pruneFunnel(db, now());
    }
  };
  const tick = () => {
    run ??= flushOnce()
      .catch((err: unknown) => log.warn({ err }, 'funnel flush failed; the counts wait for the next one'))
      .finally(() => {
        run = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? FUNNEL_FLUSH_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await run;
      await flushFunnel(db, counter).catch((err: unknown) => log.warn({ err }, 'funnel flush at shutdown failed: these counts are lost'));
    },
  };
}

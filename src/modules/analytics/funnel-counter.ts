import type { FunnelStep } from './schemas';

/** One counted step: where (organization slug, service), what, and in which minute. */
export interface FunnelEntry {
  slug: string;
  serviceId: string;
  step: FunnelStep;
  /** Minutes since the epoch (UTC): fine enough to place the step in any zone's local day. */
  minute: number;
  count: number;
}

/** Distinct (organization, service, step, minute) keys held between two flushes; past it, new keys are dropped. */
export const MAX_FUNNEL_KEYS = 20_000;

/**
 * A process's funnel counts between two flushes, in memory: counting is a Map update, so the
 * booking request pays nothing. Keys hold the organization's slug, not its id, so the booking
 * route counts without a lookup; the flush resolves slugs and services and drops what names
 * neither. The number of keys is bounded: junk from a client cannot grow memory without bound.
 */
export class FunnelCounter {
  private counts = new Map<string, FunnelEntry>();
  private droppedSinceTake = 0;

  count(slug: string, serviceId: string, step: FunnelStep, at: Date, n = 1): void {
    const minute = Math.floor(at.getTime() / 60_000);
    const key = `${slug}\u0000${serviceId}\u0000${step}\u0000${minute}`;
    const entry = this.counts.get(key);
    if (entry) {
      entry.count += n;
      return;
    }
    if (this.counts.size >= MAX_FUNNEL_KEYS) {
      this.droppedSinceTake += n;
      return;
    }
    this.counts.set(key, { slug, serviceId, step, minute, count: n });
  }

  /** Everything counted so far, leaving the counter empty (the flush owns what it took). */
  take(): { entries: FunnelEntry[]; dropped: number } {
    const entries = [...this.counts.values()];
    const dropped = this.droppedSinceTake;
    this.counts = new Map();
    this.droppedSinceTake = 0;
    return { entries, dropped };
  }

  /** Puts back what a failed flush took, so the next flush tries it again. */
  restore(entries: FunnelEntry[]): void {
    for (const e of entries) this.count(e.slug, e.serviceId, e.step, new Date(e.minute * 60_000), e.count);
  }

  get size(): number {
    return this.counts.size;
  }
}

/**
 * The process's counter: the routes count into it and src/workers.ts flushes it. One per
 * process (the API and Next share one module graph at runtime through src/server.ts).
 */
export const funnelCounter = new FunnelCounter();

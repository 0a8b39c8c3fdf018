/**
 * The outbox drain's policy (src/workers.ts): with no requests waiting it drains a backlog in
 * full batches without pause; while requests wait it goes in small batches and rests twice as
 * long as each took, yet still drains everything (yielding never starves delivery).
 */
import { describe, expect, it } from 'vitest';
import { BUSY_BATCH, drainOutbox, OUTBOX_BATCH } from '@/workers';

/** A backlog of `n` due messages; each delivered message takes `msEach` on a clock we move. */
function backlog(n: number, msEach = 2) {
  let left = n;
  let clock = 0;
  const batches: number[] = [];
  const rests: number[] = [];
  return {
    batches,
    rests,
    now: () => clock,
    deliver: async (limit: number) => {
      const handled = Math.min(limit, left);
      left -= handled;
      clock += handled * msEach;
      batches.push(limit);
      return handled;
    },
    rest: async (ms: number) => {
      rests.push(ms);
      clock += ms;
    },
    left: () => left,
  };
}

describe('draining the outbox', () => {
  it('drains a backlog in full batches without resting when no request waits', async () => {
    const b = backlog(120);
    const total = await drainOutbox(b.deliver, { busy: () => false, stopping: () => false, rest: b.rest, now: b.now });
    expect(total).toBe(120);
    expect(b.batches).toEqual([OUTBOX_BATCH, OUTBOX_BATCH, OUTBOX_BATCH]);
    expect(b.rests).toEqual([]);
  });

  it('while requests wait, goes in small batches with rests twice their length, and still drains all', async () => {
    const b = backlog(23, 3);
    const total = await drainOutbox(b.deliver, { busy: () => true, stopping: () => false, rest: b.rest, now: b.now });
    expect(total).toBe(23);
    expect(b.left()).toBe(0);
    expect(new Set(b.batches)).toEqual(new Set([BUSY_BATCH]));
    // Four full batches of 5 (15 ms each) rest 30 ms each; the last, short batch ends the drain.
    expect(b.rests).toEqual([30, 30, 30, 30]);
  });

  it('stops after the batch in progress when the server is stopping', async () => {
    const b = backlog(500);
    let stopping = false;
    const total = await drainOutbox(
      async (limit) => {
        stopping = true;
        return b.deliver(limit);
      },
      { busy: () => false, stopping: () => stopping, rest: b.rest, now: b.now },
    );
    expect(total).toBe(OUTBOX_BATCH);
  });
});

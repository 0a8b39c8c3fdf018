/**
 * The whole API's per-address limit, counted in the shared store in leases (#17).
 *
 * Every API request but health and ready used to cost one counter upsert in the shared store
 * (PostgreSQL or Redis): on a database-backed route, half or more of its round trips. Here an
 * instance takes points from the shared counter a few at a time and spends them in its own
 * memory until they run out or the window ends:
 *
 * - The shared counter counts every leased point, spent or not, so the instances together never
 *   let more than the limit through in a window. A point leased by one instance and not spent
 *   there is not available to another: with several instances, one address may be refused up to
 *   the unspent leases early. One instance alone is exact.
 * - A lease is a fraction (1/LEASE_FRACTION) of what the store last said remained, at most
 *   MAX_LEASE, at least 1: an address far from its limit costs one round trip per few requests;
 *   near it, every request goes to the store again, one point at a time.
 * - A lease never outlives its window (the store's expiry), so a new window starts from the
 *   store, like every other instance.
 * - A lease asked when fewer points remained than it asked for (another instance spent them in
 *   between) keeps what fitted and gives the rest back.
 *
 * Everything else (the other rules, reward, delete) goes to the store as before.
 */
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

const LEASE_FRACTION = 8;
const MAX_LEASE = 64;
/** Leases kept at most (one per address in the window); past it expired ones are swept (at most
 * once a second) and then the oldest dropped: a dropped lease's unspent points are simply lost,
 * so the bound can only refuse early, never let more through. */
const MAX_KEYS = 10_000;

interface Lease {
  /** Points leased here and not spent yet. */
  left: number;
  /** What the store said remained after the last lease (points leased here excluded). */
  remaining: number;
  /** When the store's window ends (epoch ms). */
  until: number;
}

export type Limiter = Pick<RateLimiterAbstract, 'points' | 'consume' | 'reward' | 'delete'>;

export class LeasedLimiter implements Limiter {
  private readonly leases = new Map<string, Lease>();
  private lastSweep = 0;

  constructor(
    private readonly store: RateLimiterAbstract,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  get points(): number {
    return this.store.points;
  }

  /** One point, from this instance's lease when it has one left, else from a new lease. */
  async consume(key: string | number): Promise<RateLimiterRes> {
    const id = String(key);
    const now = Date.now();
    let lease = this.leases.get(id);
    if (lease && now >= lease.until) {
      this.leases.delete(id);
      lease = undefined;
    }
    if (lease && lease.left > 0) {
      lease.left--;
      return this.answer(lease, now);
    }
    const size = lease ? Math.max(1, Math.min(MAX_LEASE, Math.floor(lease.remaining / LEASE_FRACTION))) : 1;
    let res: RateLimiterRes;
    let granted = size;
    try {
      res = await this.store.consume(key, size);
    } catch (err) {
      if (!(err instanceof RateLimiterRes) || size === 1) throw err;
      // Fewer than `size` were left: keep what fitted (the store counted them all), give back the rest.
      granted = Math.max(0, this.points - (err.consumedPoints - size));
      await this.store.reward(key, size - granted).catch(() => {});
      if (granted === 0) throw err;
      res = new RateLimiterRes(0, err.msBeforeNext, this.points, false);
    }
    const until = Date.now() + Math.max(res.msBeforeNext, 0);
    const current = this.leases.get(id);
    if (current && Math.abs(current.until - until) < 1_000) {
      // Leases asked in parallel for one window add up; the lowest remaining is the latest.
      current.left += granted - 1;
      current.remaining = Math.min(current.remaining, res.remainingPoints);
      return this.answer(current, Date.now());
    }
    this.makeRoom(now);
    const fresh = { left: granted - 1, remaining: res.remainingPoints, until };
    this.leases.set(id, fresh);
    return this.answer(fresh, Date.now());
  }

  reward(key: string | number, points?: number, options?: Record<string, unknown>) {
    return this.store.reward(key, points, options);
  }

  delete(key: string | number, options?: Record<string, unknown>) {
    this.leases.delete(String(key));
    return this.store.delete(key, options);
  }

  private answer(lease: Lease, now: number): RateLimiterRes {
    const remaining = lease.remaining + lease.left;
    return new RateLimiterRes(remaining, Math.max(lease.until - now, 0), this.points - remaining, false);
  }

  private makeRoom(now: number) {
    if (this.leases.size < this.maxKeys) return;
    if (now - this.lastSweep >= 1_000) {
      this.lastSweep = now;
      for (const [key, lease] of this.leases) if (now >= lease.until) this.leases.delete(key);
    }
    // Map order is insertion order: the oldest leases go first.
    for (const key of this.leases.keys()) {
      if (this.leases.size < this.maxKeys) break;
      this.leases.delete(key);
    }
  }
}

import { outboundRateLimitedError } from './upstox-error-map';

export type OutboundKind = 'read' | 'write';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface OutboundLimits {
  /** Order writes (place, modify, cancel), combined. */
  write: RateWindow[];
  read: RateWindow[];
  /** Longest a write waits for budget before it fails with RATE_LIMITED. */
  writeMaxWaitMs: number;
  readMaxWaitMs: number;
}

/** Below Upstox's limits (order writes 10/s, 500/min, 2000/30 min; reads 50/s). */
export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  write: [
    { limit: 8, windowMs: 1_000 },
    { limit: 400, windowMs: 60_000 },
    { limit: 1_800, windowMs: 30 * 60_000 },
  ],
  read: [{ limit: 40, windowMs: 1_000 }],
  writeMaxWaitMs: 1_000,
  readMaxWaitMs: 5_000,
};

/** Time source of the limiter; tests inject a fake one instead of waiting in real time. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_LIMITER_CLOCK: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * One per process (the Upstox limits are per user). Sliding-window log per kind: a request reserves
 * the earliest instant at which every window still has room (first come, first served), waits until
 * then, or fails at once with RATE_LIMITED when that instant is further away than the kind's max wait.
 * Reserving at decision time keeps concurrent callers from bursting past a window.
 */
export class OutboundLimiter {
  private readonly grants: Record<OutboundKind, number[]> = { read: [], write: [] };

  constructor(
    readonly limits: OutboundLimits = DEFAULT_OUTBOUND_LIMITS,
    private readonly clock: LimiterClock = REAL_LIMITER_CLOCK,
  ) {
    for (const kind of ['read', 'write'] as const) {
      for (const w of limits[kind]) {
        if (!Number.isInteger(w.limit) || w.limit <= 0 || !(w.windowMs > 0)) {
          throw new Error(`OutboundLimiter: ${kind} window needs a positive integer limit and a positive windowMs`);
        }
      }
    }
  }

  /** Resolves when the request may be sent; rejects with UpstoxApiError RATE_LIMITED when over budget. */
  async acquire(kind: OutboundKind): Promise<void> {
    const now = this.clock.now();
    const at = this.reserve(kind, now);
    if (at === null) throw outboundRateLimitedError(kind);
    if (at > now) await this.clock.sleep(at - now);
  }

  /** Grant times currently remembered for a kind (for tests and diagnostics). */
  grantedAt(kind: OutboundKind): readonly number[] {
    return this.grants[kind];
  }

  private reserve(kind: OutboundKind, now: number): number | null {
    const windows = this.limits[kind];
    const grants = this.grants[kind];
    const longest = Math.max(...windows.map((w) => w.windowMs));
    while (grants.length > 0 && grants[0] <= now - longest) grants.shift();

    // FIFO: never earlier than the last reservation, so times stay sorted.
    let at = Math.max(now, grants.length > 0 ? grants[grants.length - 1] : now);
    for (let changed = true; changed; ) {
      changed = false;
      for (const w of windows) {
        const inWindow = countAfter(grants, at - w.windowMs);
        if (inWindow >= w.limit) {
          // The slot frees when the grant `limit` places back leaves the window.
          const next = grants[grants.length - w.limit] + w.windowMs;
          if (next > at) {
            at = next;
            changed = true;
          }
        }
      }
    }
    const maxWait = kind === 'write' ? this.limits.writeMaxWaitMs : this.limits.readMaxWaitMs;
    if (at - now > maxWait) return null;
    grants.push(at);
    return at;
  }
}

/** Number of sorted entries strictly greater than `t`. */
function countAfter(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

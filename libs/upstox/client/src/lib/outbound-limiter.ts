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

const REAL_LIMITER_CLOCK: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Call when the request has finished (answered, failed or timed out): its slot starts to age then. */
export type ReleaseSlot = () => void;

/** While only in-flight requests block a window, how often a waiting request looks again. */
const IN_FLIGHT_POLL_MS = 10;

interface KindState {
  inFlight: number;
  /** Completion times, ascending. */
  done: number[];
  /** Admissions of one kind are decided one at a time, first come first served. */
  queue: Promise<unknown>;
}

/**
 * One per process (the Upstox limits are per user). A request counts against a window from the moment
 * it is granted until `windowMs` after it COMPLETES, not after it was granted: Upstox counts arrivals,
 * and a request granted early can arrive late (a slow connect), so counting from the grant lets two
 * batches land at Upstox within one second. Counting until completion + window bounds the arrivals in
 * any window by the limit. A request that cannot get a slot within the kind's max wait fails with
 * RATE_LIMITED and is never sent.
 */
export class OutboundLimiter {
  private readonly state: Record<OutboundKind, KindState> = {
    read: { inFlight: 0, done: [], queue: Promise.resolve() },
    write: { inFlight: 0, done: [], queue: Promise.resolve() },
  };

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

  /**
   * Resolves with a release function when the request may be sent (call it when the request has
   * finished); rejects with UpstoxApiError RATE_LIMITED when no slot frees up within the max wait.
   */
  acquire(kind: OutboundKind): Promise<ReleaseSlot> {
    const state = this.state[kind];
    const maxWait = kind === 'write' ? this.limits.writeMaxWaitMs : this.limits.readMaxWaitMs;
    const deadline = this.clock.now() + maxWait;
    const admitted = state.queue.then(() => this.admit(kind, deadline));
    state.queue = admitted.catch(() => undefined);
    return admitted;
  }

  /** Completion times currently remembered for a kind, and the requests in flight (diagnostics, tests). */
  usage(kind: OutboundKind): { inFlight: number; completedAt: readonly number[] } {
    return { inFlight: this.state[kind].inFlight, completedAt: this.state[kind].done };
  }

  private async admit(kind: OutboundKind, deadline: number): Promise<ReleaseSlot> {
    const state = this.state[kind];
    for (;;) {
      const now = this.clock.now();
      this.forget(kind, now);
      const wait = this.waitForRoom(kind, now);
      if (wait === 0) {
        state.inFlight++;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          state.inFlight--;
          state.done.push(Math.max(this.clock.now(), state.done[state.done.length - 1] ?? 0));
        };
      }
      if (now + wait > deadline) throw outboundRateLimitedError(kind);
      await this.clock.sleep(wait);
    }
  }

  /** 0 when every window has room now; else how long until the tightest window may have room. */
  private waitForRoom(kind: OutboundKind, now: number): number {
    const { inFlight, done } = this.state[kind];
    let wait = 0;
    for (const w of this.limits[kind]) {
      const recent = done.length - firstAfter(done, now - w.windowMs);
      const excess = inFlight + recent - w.limit + 1;
      if (excess <= 0) continue;
      // Only in-flight requests block this window: look again soon; else wait for the completions to age out.
      const frees = excess > recent ? now + IN_FLIGHT_POLL_MS : done[done.length - recent + excess - 1] + w.windowMs;
      wait = Math.max(wait, frees - now);
    }
    return wait;
  }

  private forget(kind: OutboundKind, now: number): void {
    const longest = Math.max(...this.limits[kind].map((w) => w.windowMs));
    const done = this.state[kind].done;
    done.splice(0, firstAfter(done, now - longest));
  }
}

/** Index of the first sorted entry strictly greater than `t`. */
function firstAfter(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

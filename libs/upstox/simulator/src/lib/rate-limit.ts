/**
 * CONTRACT §8 per-user, per-API-group limits: order writes 10/s, 500/min, 2000/30 min; other standard
 * APIs 50/s, 500/min, 2000/30 min. Windows slide over real time (not the simulator clock, so moving the
 * clock does not refill budgets). Rejected requests do not consume budget.
 */
export type RateGroup = 'order' | 'standard';

const WINDOWS: Record<RateGroup, { ms: number; limit: number }[]> = {
  order: [
    { ms: 1_000, limit: 10 },
    { ms: 60_000, limit: 500 },
    { ms: 1_800_000, limit: 2000 },
  ],
  standard: [
    { ms: 1_000, limit: 50 },
    { ms: 60_000, limit: 500 },
    { ms: 1_800_000, limit: 2000 },
  ],
};

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** `enabled` false: every request passes (the simulator's `rateLimits: false`, for benchmarks only). */
  constructor(private readonly enabled = true) {}

  /** Records a hit and returns true when within every window; false (nothing recorded) when over. */
  allow(userId: string, group: RateGroup, nowMs = Date.now()): boolean {
    if (!this.enabled) return true;
    const key = `${userId}:${group}`;
    const windows = WINDOWS[group];
    const longest = windows[windows.length - 1].ms;
    const list = (this.hits.get(key) ?? []).filter((t) => t > nowMs - longest);
    for (const w of windows) {
      let inWindow = 0;
      for (let i = list.length - 1; i >= 0 && list[i] > nowMs - w.ms; i--) inWindow++;
      if (inWindow >= w.limit) {
        this.hits.set(key, list);
        return false;
      }
    }
    list.push(nowMs);
    this.hits.set(key, list);
    return true;
  }

  clear(): void {
    this.hits.clear();
  }
}

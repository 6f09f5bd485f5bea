import { Clock } from '@desk/api/core';

interface Window {
  start: number;
  count: number;
}

/** Fixed windows of 1 s and 60 s per caller; returns the seconds to wait, or 0 when the request may pass. */
export class RateLimiter {
  private readonly second = new Map<string, Window>();
  private readonly minute = new Map<string, Window>();

  constructor(
    private readonly perSecond: number,
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Counts the request when it may pass; a refused request is not counted. */
  take(key: string): number {
    const wait = this.wait(key);
    if (wait > 0) return wait;
    this.record(key);
    return 0;
  }

  /** The seconds this key must wait before its next request may pass (0 = now), without counting anything. */
  wait(key: string): number {
    const now = this.clock.now().getTime();
    const waitSecond = this.check(this.second, key, now, 1000, this.perSecond);
    const waitMinute = this.check(this.minute, key, now, 60_000, this.perMinute);
    const wait = Math.max(waitSecond, waitMinute);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  /** Counts one event for the key (e.g. a failed attempt), whatever its budget says. */
  record(key: string): void {
    const now = this.clock.now().getTime();
    this.check(this.second, key, now, 1000, this.perSecond);
    this.check(this.minute, key, now, 60_000, this.perMinute);
    this.count(this.second, key);
    this.count(this.minute, key);
  }

  private check(windows: Map<string, Window>, key: string, now: number, length: number, limit: number): number {
    let window = windows.get(key);
    if (!window || now - window.start >= length) {
      if (windows.size > 10_000) windows.clear();
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    return window.count >= limit ? window.start + length - now : 0;
  }

  private count(windows: Map<string, Window>, key: string): void {
    const window = windows.get(key);
    if (window) window.count += 1;
  }
}

import { Clock } from '@desk/api/core';
import { RateLimiter } from './rate-limiter';

class ManualClock extends Clock {
  at = 1_000_000;
  override now(): Date {
    return new Date(this.at);
  }
}

describe('RateLimiter', () => {
  it('allows the per-second budget, then asks to wait until the window ends', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(3, 100, clock);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    clock.at += 1000;
    expect(limiter.take('a')).toBe(0);
  });

  it('enforces the per-minute budget with the remaining seconds', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(100, 5, clock);
    for (let i = 0; i < 5; i++) expect(limiter.take('k')).toBe(0);
    clock.at += 20_000;
    expect(limiter.take('k')).toBe(40);
    clock.at += 40_000;
    expect(limiter.take('k')).toBe(0);
  });

  it('does not count refused requests', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(1, 2, clock);
    expect(limiter.take('k')).toBe(0);
    for (let i = 0; i < 10; i++) expect(limiter.take('k')).toBe(1);
    clock.at += 1000;
    expect(limiter.take('k')).toBe(0);
    clock.at += 1000;
    expect(limiter.take('k')).toBe(58);
  });

  it('wait() only looks; record() counts even past the budget (failed attempts)', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(2, 100, clock);
    expect([limiter.wait('k'), limiter.wait('k'), limiter.wait('k')]).toEqual([0, 0, 0]);
    limiter.record('k');
    limiter.record('k');
    expect(limiter.wait('k')).toBe(1);
    limiter.record('k');
    expect(limiter.take('k')).toBe(1);
    clock.at += 1000;
    expect(limiter.wait('k')).toBe(0);
  });
});

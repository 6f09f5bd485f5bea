import { backoffDelayMs, DEFAULT_FEED_BACKOFF } from './backoff';

describe('backoffDelayMs (full jitter, capped)', () => {
  const b = { initialMs: 500, maxMs: 30_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 5, 6, 7, 50].map((a) => backoffDelayMs(a, b, () => 1))).toEqual([500, 1000, 2000, 4000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('draws uniformly below the ceiling', () => {
    expect(backoffDelayMs(3, b, () => 0)).toBe(0);
    expect(backoffDelayMs(3, b, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(20, b, () => 0.25)).toBe(7500);
  });

  it('keeps out-of-range randoms and attempts inside the bounds', () => {
    expect(backoffDelayMs(-3, b, () => 2)).toBe(500);
    expect(backoffDelayMs(1, b, () => -1)).toBe(0);
    expect(backoffDelayMs(Number.POSITIVE_INFINITY, b, () => 1)).toBe(30_000);
  });

  it('defaults to 500 ms .. 30 s', () => {
    expect(DEFAULT_FEED_BACKOFF).toEqual({ initialMs: 500, maxMs: 30_000 });
  });
});

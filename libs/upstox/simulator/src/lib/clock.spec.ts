import { inMarketHours, inServiceWindow, istTimestamp, istYymmdd, nextTokenExpiry } from './clock';
import { IdFactory } from './ids';

const at = (istWall: string): number => Date.parse(`${istWall}+05:30`);

describe('IST clock helpers', () => {
  it('formats Upstox timestamps and order-id dates in IST', () => {
    expect(istTimestamp(Date.parse('2026-11-28T20:05:09Z'))).toBe('2026-11-29 01:35:09');
    expect(istYymmdd(Date.parse('2026-12-31T18:30:00Z'))).toBe('270101');
  });

  it('token expiry is the next 03:30 IST', () => {
    expect(nextTokenExpiry(at('2026-11-30T10:00:00'))).toBe(at('2026-12-01T03:30:00'));
    expect(nextTokenExpiry(at('2026-12-01T02:30:00'))).toBe(at('2026-12-01T03:30:00'));
    expect(nextTokenExpiry(at('2026-12-01T03:30:00'))).toBe(at('2026-12-02T03:30:00'));
    expect(nextTokenExpiry(at('2026-12-01T23:59:59'))).toBe(at('2026-12-02T03:30:00'));
  });

  it('knows the service window and market hours', () => {
    expect(inServiceWindow(at('2026-12-01T00:00:00'))).toBe(true);
    expect(inServiceWindow(at('2026-12-01T05:29:59'))).toBe(true);
    expect(inServiceWindow(at('2026-12-01T05:30:00'))).toBe(false);
    expect(inMarketHours(at('2026-12-01T09:14:59'))).toBe(false);
    expect(inMarketHours(at('2026-12-01T09:15:00'))).toBe(true);
    expect(inMarketHours(at('2026-12-01T15:30:00'))).toBe(false);
    expect(inMarketHours(at('2026-11-28T11:00:00'))).toBe(false); // Saturday
  });
});

describe('IdFactory', () => {
  it('makes Upstox-shaped ids, increasing, and repeatable for a seed', () => {
    const now = at('2026-12-01T10:00:00');
    const a = new IdFactory(42);
    const b = new IdFactory(42);
    const first = a.orderId(now);
    const second = a.orderId(now);
    expect(first).toMatch(/^261201\d{9}$/);
    expect(BigInt(second)).toBeGreaterThan(BigInt(first));
    expect(b.orderId(now)).toBe(first);
    const trade0 = a.tradeId(first, 0);
    expect(trade0).toMatch(/^5\d{7}$/);
    expect(a.tradeId(first, 1)).not.toBe(trade0);
    expect(new IdFactory(42).tradeId(first, 0)).toBe(trade0);
    expect(a.exchangeOrderId('NSE_EQ', first)).toMatch(/^1100000\d{9}$/);
    expect(a.exchangeOrderId('NSE_FO', second)).toMatch(/^1200000\d{9}$/);
    expect(b.exchangeOrderId('NSE_EQ', first)).toBe(new IdFactory(42).exchangeOrderId('NSE_EQ', first));
    expect(a.orderRefId(first)).toMatch(/^[1-9]\d{13}$/);
  });

  it('by time of day, starts above every id of an earlier run of the same day (Upstox never reuses an order id)', () => {
    const start = at('2026-12-01T10:00:00');
    const run = () => new IdFactory(42, true);
    const earlier = run();
    let last = '';
    // 2,000 orders within one second: far more than Upstox's 10 order writes per second allow.
    for (let i = 0; i < 2_000; i++) last = earlier.orderId(start + Math.floor(i / 2));
    const restarted = run().orderId(start + 1_000);
    expect(restarted).toMatch(/^261201\d{9}$/);
    expect(BigInt(restarted)).toBeGreaterThan(BigInt(last));
    // Seeded (the default), a second run repeats the first one's ids.
    expect(new IdFactory(42).orderId(start + 1_000)).toBe(new IdFactory(42).orderId(start));
    expect(run().orderId(at('2026-12-01T05:30:00'))).toMatch(/^261201\d{9}$/);
    expect(run().orderId(at('2026-12-01T23:59:59'))).toMatch(/^261201\d{9}$/);
  });
});

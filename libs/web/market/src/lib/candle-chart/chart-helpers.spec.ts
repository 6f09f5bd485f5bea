import { Candle, Quote } from '@desk/contracts';
import { describeChart, distanceFromLast } from './chart-summary';
import { crosshairTime, tickMark, toChartTime } from './chart-drawing';
import { applyQuote, dayRange } from './live-candles';

const T0 = Date.parse('2026-12-01T04:00:00Z') / 1000; // 09:30 IST, on a 5-minute boundary
const candle = (time: number, o: number, h: number, l: number, c: number): Candle => ({ time, open: o, high: h, low: l, close: c, volume: 100 });
const quote = (lastPrice: number, atSeconds: number): Quote => ({
  instrumentKey: 'NSE_EQ|INE002A01018', lastPrice, closePrice: null, change: null, changePercent: null,
  tradedAt: new Date(atSeconds * 1000).toISOString(),
});

describe('applyQuote', () => {
  it('moves the last candle when the quote falls in its minute', () => {
    const candles = [candle(T0, 100, 101, 99, 100.5)];
    const changed = applyQuote(candles, quote(102.25, T0 + 30), '1minute');
    expect(changed).toEqual({ time: T0, open: 100, high: 102.25, low: 99, close: 102.25, volume: 100 });
    applyQuote(candles, quote(98, T0 + 59), '1minute');
    expect(candles).toEqual([{ time: T0, open: 100, high: 102.25, low: 98, close: 98, volume: 100 }]);
  });

  it('opens a new candle at the start of a later period', () => {
    const candles = [candle(T0, 100, 101, 99, 100.5)];
    applyQuote(candles, quote(103, T0 + 61), '1minute');
    expect(candles[1]).toEqual({ time: T0 + 60, open: 103, high: 103, low: 103, close: 103, volume: 0 });
    const fiveMinute = [candle(T0, 100, 101, 99, 100.5)];
    applyQuote(fiveMinute, quote(104, T0 + 299), '5minute');
    applyQuote(fiveMinute, quote(105, T0 + 300), '5minute');
    expect(fiveMinute.map((c) => [c.time, c.close])).toEqual([[T0, 104], [T0 + 300, 105]]);
  });

  it('ignores a quote older than the last candle and a non-price', () => {
    const candles = [candle(T0, 100, 101, 99, 100.5)];
    expect(applyQuote(candles, quote(90, T0 - 1), '1minute')).toBeNull();
    expect(applyQuote(candles, quote(0, T0 + 1), '1minute')).toBeNull();
    expect(candles).toEqual([candle(T0, 100, 101, 99, 100.5)]);
  });

  it('takes the receive time when the quote has no trade time', () => {
    const candles: Candle[] = [];
    applyQuote(candles, { ...quote(50, 0), tradedAt: null }, '5minute', (T0 + 200) * 1000);
    expect(candles).toEqual([{ time: T0, open: 50, high: 50, low: 50, close: 50, volume: 0 }]);
  });
});

describe('chart summary', () => {
  it('names the last price, the limit relative to it and the day range', () => {
    expect(describeChart({ lastPrice: 1301.2, limitPrice: 1295, triggerPrice: null, range: { low: 1280.1, high: 1310 } })).toBe(
      "Last ₹1,301.20; your limit ₹1,295.00 is 0.48 % below the last price; today's range ₹1,280.10 – ₹1,310.00",
    );
  });

  it('describes a trigger above, and says so when nothing traded yet', () => {
    expect(describeChart({ lastPrice: 100, limitPrice: null, triggerPrice: 102.5, range: null })).toBe(
      'Last ₹100.00; your trigger ₹102.50 is 2.50 % above the last price; no trades yet today',
    );
    expect(describeChart({ lastPrice: null, limitPrice: 10, triggerPrice: null, range: null })).toBe('No last price yet; your limit ₹10.00; no trades yet today');
    // Candles not read yet: nothing said about the range.
    expect(describeChart({ lastPrice: 100, limitPrice: null, triggerPrice: null, range: undefined })).toBe('Last ₹100.00');
  });

  it('says "at the last price" only when equal', () => {
    expect(distanceFromLast(100, 100)).toBe('at the last price');
    expect(distanceFromLast(100.001, 100)).toBe('within 0.01 % of the last price');
  });

  it('finds the day range over every candle', () => {
    expect(dayRange([candle(T0, 10, 12, 9, 11), candle(T0 + 60, 11, 15, 10, 14)])).toEqual({ low: 9, high: 15 });
    expect(dayRange([])).toBeNull();
  });
});

describe('chart times in IST', () => {
  // lightweight-charts puts hour marks and the day boundary on UTC's clock: the bars carry IST wall-clock time.
  it("gives the chart IST's wall clock, so its hour marks fall on IST hours and a day starts at IST midnight", () => {
    const istMidnight = Date.parse('2026-12-02T00:00:00+05:30') / 1000;
    const chartTime = new Date(toChartTime(istMidnight) * 1000);
    expect([chartTime.getUTCDate(), chartTime.getUTCHours(), chartTime.getUTCMinutes()]).toEqual([2, 0, 0]);
    expect(new Date(toChartTime(T0) * 1000).getUTCHours()).toBe(9);
  });

  it('labels the axis and the crosshair with IST times, and a new day with its date', () => {
    const time = 3; // TickMarkType.Time
    const dayOfMonth = 2;
    expect(tickMark(toChartTime(T0), time)).toBe('09:30');
    expect(crosshairTime(toChartTime(T0 + 45 * 60))).toBe('10:15');
    expect(crosshairTime(toChartTime(Date.parse('2026-12-02T00:05:00+05:30') / 1000))).toBe('00:05');
    expect(tickMark(toChartTime(Date.parse('2026-12-02T09:15:00+05:30') / 1000), dayOfMonth)).toBe('2 Dec');
  });
});

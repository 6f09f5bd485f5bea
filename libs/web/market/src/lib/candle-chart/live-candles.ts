import { Candle, CandleInterval, Quote } from '@desk/contracts';

export const INTERVAL_SECONDS: Record<CandleInterval, number> = { '1minute': 60, '5minute': 300 };

/** When a quote traded, epoch seconds (the receive time when the feed gave none). */
export function quoteTime(quote: Quote, now: number = Date.now()): number {
  const traded = quote.tradedAt ? Date.parse(quote.tradedAt) : NaN;
  return Math.floor((Number.isFinite(traded) ? traded : now) / 1000);
}

/**
 * The day's candles with a quote applied: it moves the last candle (close, high, low) when it falls in that
 * candle's period, opens a new candle when it falls in a later one, and is ignored when it is older than the
 * last candle (a late quote must not rewrite history). Returns the candle that changed, or null.
 */
export function applyQuote(candles: Candle[], quote: Quote, interval: CandleInterval, now?: number): Candle | null {
  const price = quote.lastPrice;
  if (!Number.isFinite(price) || price <= 0) return null;
  const seconds = INTERVAL_SECONDS[interval];
  const start = Math.floor(quoteTime(quote, now) / seconds) * seconds;
  const last = candles[candles.length - 1];
  if (last && start < last.time) return null;
  if (last && start === last.time) {
    const moved: Candle = { ...last, close: price, high: Math.max(last.high, price), low: Math.min(last.low, price) };
    candles[candles.length - 1] = moved;
    return moved;
  }
  const opened: Candle = { time: start, open: price, high: price, low: price, close: price, volume: 0 };
  candles.push(opened);
  return opened;
}

/** Today's lowest low and highest high, or null without candles. */
export function dayRange(candles: readonly Candle[]): { low: number; high: number } | null {
  if (candles.length === 0) return null;
  let low = Infinity;
  let high = -Infinity;
  for (const c of candles) {
    if (c.low < low) low = c.low;
    if (c.high > high) high = c.high;
  }
  return { low, high };
}

import { IST_OFFSET_MS, istParts, istTimeOnSameDay } from '../clock';
import type { SimInstrument } from '../market/instruments';
import { Bar, MINUTE_MS, sessionOpenOf, syntheticMinutes } from './minute-bars';

interface Recorded {
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The synthetic part of one day (minutes before the first moment the simulator saw that day), frozen once made. */
interface Backfill {
  anchorMs: number;
  price: number;
  bars: Bar[];
}

/**
 * Today's price path per instrument, minute by minute, by the simulator clock. Every price change (walk tick,
 * `/__sim/price`, fill) is recorded in its minute; minutes of the session before the simulator first saw the day
 * are a seeded synthetic walk that ends exactly at the price then current (made once per day, then kept), so
 * candles never jump and the last candle's close is always the current price.
 */
export class PriceHistory {
  private readonly recorded = new Map<string, Map<number, Recorded>>();
  private readonly backfills = new Map<string, Backfill>();
  private readonly lastTradeAt = new Map<string, number>();

  constructor(private readonly seed: number) {}

  reset(): void {
    this.recorded.clear();
    this.backfills.clear();
    this.lastTradeAt.clear();
  }

  /** When the last price change happened (the feed's `ltt`); null before any. */
  lastTradeTime(instrumentKey: string): number | null {
    return this.lastTradeAt.get(instrumentKey) ?? null;
  }

  /** Records a price change at `nowMs`; `before` is the price it replaces (it anchors today's synthetic part). */
  record(instrument: SimInstrument, nowMs: number, before: number, price: number, quantity: number, windowStart: number | null): void {
    const key = instrument.record.instrument_key;
    if (windowStart !== null) this.backfill(instrument, windowStart, nowMs, before);
    const minute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    let bars = this.recorded.get(key);
    if (!bars) this.recorded.set(key, (bars = new Map()));
    const bar = bars.get(minute);
    if (bar) {
      bar.high = Math.max(bar.high, price);
      bar.low = Math.min(bar.low, price);
      bar.close = price;
      bar.volume += quantity;
    } else {
      bars.set(minute, { high: price, low: price, close: price, volume: quantity });
    }
    this.lastTradeAt.set(key, nowMs);
  }

  /**
   * One-minute bars from `windowStart` to the minute of `nowMs` (included, the live one). Minutes without a change
   * are flat at the price then current, with no volume.
   */
  minuteBars(instrument: SimInstrument, windowStart: number, nowMs: number, current: number): Bar[] {
    const backfill = this.backfill(instrument, windowStart, nowMs, current);
    const recorded = this.recorded.get(instrument.record.instrument_key) ?? new Map<number, Recorded>();
    const out = backfill.bars.filter((b) => b.ts >= windowStart);
    let prevClose = backfill.price;
    // From the anchor on (not from windowStart): changes before the window still set the price it opens at.
    for (let ts = Math.floor(backfill.anchorMs / MINUTE_MS) * MINUTE_MS; ts <= nowMs; ts += MINUTE_MS) {
      const r = recorded.get(ts);
      const bar: Bar = r
        ? { ts, open: prevClose, high: Math.max(prevClose, r.high), low: Math.min(prevClose, r.low), close: r.close, volume: r.volume }
        : { ts, open: prevClose, high: prevClose, low: prevClose, close: prevClose, volume: 0 };
      if (ts >= windowStart) out.push(bar);
      prevClose = bar.close;
    }
    return out;
  }

  /** The frozen synthetic minutes of the day of `nowMs`, made now (ending at `price`) if this is the first look. */
  private backfill(instrument: SimInstrument, windowStart: number, nowMs: number, price: number): Backfill {
    const day = Math.floor((nowMs + IST_OFFSET_MS) / 86_400_000);
    const id = `${instrument.record.instrument_key}@${day}`;
    let backfill = this.backfills.get(id);
    if (!backfill) {
      const anchorMinute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
      const count = Math.max(0, Math.round((anchorMinute - windowStart) / MINUTE_MS));
      const bars = syntheticMinutes(instrument, `${this.seed}/${id}`, anchorMinute, count, price);
      backfill = { anchorMs: nowMs, price, bars };
      this.backfills.set(id, backfill);
    }
    return backfill;
  }
}

/**
 * Where today's candles start: the session open (09:15 IST); before it, with market rules off (the simulator is
 * "always open"), midnight IST; with market rules on, nowhere yet (null: no candles before the open, nor on a weekend).
 */
export function candleWindowStart(nowMs: number, marketRules: boolean): number | null {
  if (marketRules && [0, 6].includes(istParts(nowMs).weekday)) return null; // no session on a weekend
  const open = sessionOpenOf(nowMs);
  if (nowMs >= open) return open;
  return marketRules ? null : istTimeOnSameDay(nowMs, 0, 0);
}

/** With market rules on, candles end at the close (15:30 IST); otherwise at the current minute. */
export function candleWindowEnd(nowMs: number, marketRules: boolean): number {
  return marketRules ? Math.min(nowMs, istTimeOnSameDay(nowMs, 15, 30) - 1) : nowMs;
}

import { PastDays } from '../candles/past-days';
import { candleWindowEnd, candleWindowStart, PriceHistory } from '../candles/price-history';
import type { PriceListener } from '../market/prices';
import type { SimulatorCore } from '../simulator-core';
import type { FeedSnapshot } from './feed-frames';
import { MarketFeedHub, MarketFeedSource } from './market-feed-hub';

/** Segments whose status `market_info` reports (NSE/BSE cash, F&O and indices share the 09:15-15:30 session). */
const SEGMENTS = ['NSE_EQ', 'NSE_FO', 'NSE_INDEX', 'BSE_EQ', 'BSE_FO', 'BSE_INDEX'];

const registry = new WeakMap<SimulatorCore, MarketData>();

/** The market data of one simulator (made on first use, so SimulatorCore needs no field for it). */
export function marketDataOf(core: SimulatorCore): MarketData {
  let market = registry.get(core);
  if (!market) registry.set(core, (market = new MarketData(core)));
  return market;
}

/**
 * Everything that follows the price path: today's minute history (candles), past sessions, the market data feed,
 * and the background walk's timer. Listens to the PriceBook, so walk ticks, `/__sim/price` and resets reach the
 * feed and the candles the same way.
 */
export class MarketData implements PriceListener, MarketFeedSource {
  readonly history: PriceHistory;
  readonly pastDays: PastDays;
  readonly hub: MarketFeedHub;
  private ticker: NodeJS.Timeout | null = null;
  private tickMs = 0;

  constructor(private readonly core: SimulatorCore) {
    this.history = new PriceHistory(core.options.seed);
    this.pastDays = new PastDays(core.options.seed);
    this.hub = new MarketFeedHub(this);
    core.prices.listen(this);
  }

  get tickIntervalMs(): number {
    return this.tickMs;
  }

  /** Runs the seeded walk every `ms` of real time; 0 stops it. */
  setTickInterval(ms: number): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.tickMs = Math.max(0, ms);
    if (this.tickMs > 0) {
      this.ticker = setInterval(() => this.core.tickPrices(), this.tickMs);
      this.ticker.unref();
    }
  }

  changed(changes: Map<string, number>, quantity: (instrumentKey: string) => number): void {
    const now = this.core.clock.now();
    const windowStart = candleWindowStart(now, this.core.marketRules);
    for (const [key, before] of changes) {
      const instrument = this.core.instrument(key);
      if (instrument) this.history.record(instrument, now, before, this.core.prices.ltp(key), quantity(key), windowStart);
    }
    this.hub.publish(changes.keys());
  }

  /** `/__sim/reset`: back to the start (the walk's interval too); every market socket is cut. */
  reset(): void {
    this.history.reset();
    this.pastDays.reset();
    this.hub.closeAll();
    this.setTickInterval(this.core.options.priceTickMs);
  }

  close(): void {
    this.setTickInterval(0);
    this.hub.closeAll();
  }

  snapshot(instrumentKey: string): FeedSnapshot | null {
    const instrument = this.core.instrument(instrumentKey);
    const quote = this.core.prices.get(instrumentKey);
    if (!instrument || !quote) return null;
    const now = this.now();
    const start = candleWindowStart(now, this.core.marketRules);
    const bars = start === null ? [] : this.history.minuteBars(instrument, start, candleWindowEnd(now, this.core.marketRules), quote.lastPrice);
    return { instrument, ltp: quote.lastPrice, ltq: quote.lastQuantity, ltt: this.history.lastTradeTime(instrumentKey) ?? now, cp: quote.closePrice, bars };
  }

  now(): number {
    return this.core.clock.now();
  }

  /** NORMAL_OPEN in market hours (always, with market rules off), NORMAL_CLOSE otherwise. */
  segmentStatus(): Record<string, string> {
    const status = this.core.marketOpen() ? 'NORMAL_OPEN' : 'NORMAL_CLOSE';
    return Object.fromEntries(SEGMENTS.map((s) => [s, status]));
  }
}

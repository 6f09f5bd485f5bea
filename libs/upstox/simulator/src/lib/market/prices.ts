import { SeededRandom } from '../random';
import { roundToTick, SimInstrument } from './instruments';

export interface Quote {
  lastPrice: number;
  closePrice: number;
  lastQuantity: number;
  volume: number;
}

/** Told about every price change (after it) and every reset: the market feed and the candle history listen. */
export interface PriceListener {
  /** `changes`: instrument key -> the price before; the new price is in the book already. */
  changed(changes: Map<string, number>, quantity: (instrumentKey: string) => number): void;
  reset(): void;
}

/**
 * Last traded prices with a deterministic random walk: the n-th tick moves every instrument by the
 * same amounts for the same seed, so same seed + same ticks => same prices.
 */
export class PriceBook {
  private readonly quotes = new Map<string, Quote>();
  private random: SeededRandom;
  private readonly listeners: PriceListener[] = [];

  constructor(
    private readonly instruments: SimInstrument[],
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed ^ 0x9e3779b9);
    this.reset();
  }

  listen(listener: PriceListener): void {
    this.listeners.push(listener);
  }

  reset(): void {
    for (const l of this.listeners) l.reset();
    this.random = new SeededRandom(this.seed ^ 0x9e3779b9);
    this.quotes.clear();
    for (const i of this.instruments) {
      this.quotes.set(i.record.instrument_key, {
        lastPrice: i.basePrice,
        closePrice: i.basePrice,
        lastQuantity: 0,
        volume: 0,
      });
    }
  }

  get(instrumentKey: string): Quote | undefined {
    return this.quotes.get(instrumentKey);
  }

  ltp(instrumentKey: string): number {
    const quote = this.quotes.get(instrumentKey);
    if (!quote) throw new Error(`no price for ${instrumentKey}`);
    return quote.lastPrice;
  }

  set(instrument: SimInstrument, lastPrice: number): number {
    const quote = this.quotes.get(instrument.record.instrument_key);
    if (!quote) throw new Error(`no price for ${instrument.record.instrument_key}`);
    const before = quote.lastPrice;
    quote.lastPrice = roundToTick(lastPrice, instrument);
    // A price set by the control API is not a trade: no quantity.
    this.notify(new Map([[instrument.record.instrument_key, before]]), () => 0);
    return quote.lastPrice;
  }

  recordTrade(instrumentKey: string, quantity: number): void {
    const quote = this.quotes.get(instrumentKey);
    if (!quote) return;
    quote.lastQuantity = quantity;
    quote.volume += quantity;
  }

  /** One step of the walk: ~0.1% standard deviation per tick, never below one tick. */
  tick(): string[] {
    const moved: string[] = [];
    const before = new Map<string, number>();
    for (const i of this.instruments) {
      const quote = this.quotes.get(i.record.instrument_key);
      if (!quote) continue;
      const step = this.random.gaussian() * 0.001;
      const lot = this.random.int(1, 40) * Math.max(1, i.record.lot_size);
      const next = Math.max(i.record.tick_size / 100, roundToTick(quote.lastPrice * (1 + step), i));
      if (next !== quote.lastPrice) {
        moved.push(i.record.instrument_key);
        before.set(i.record.instrument_key, quote.lastPrice);
      }
      quote.lastPrice = next;
      quote.lastQuantity = lot;
      quote.volume += lot;
    }
    if (before.size) this.notify(before, (key) => this.quotes.get(key)?.lastQuantity ?? 0);
    return moved;
  }

  private notify(changes: Map<string, number>, quantity: (instrumentKey: string) => number): void {
    for (const l of this.listeners) l.changed(changes, quantity);
  }
}

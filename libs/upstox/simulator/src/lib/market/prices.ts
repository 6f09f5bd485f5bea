import { SeededRandom } from '../random';
import { roundToTick, SimInstrument } from './instruments';

export interface Quote {
  lastPrice: number;
  closePrice: number;
  lastQuantity: number;
  volume: number;
}

/**
 * Last traded prices with a deterministic random walk: the n-th tick moves every instrument by the
 * same amounts for the same seed, so same seed + same ticks => same prices.
 */
export class PriceBook {
  private readonly quotes = new Map<string, Quote>();
  private random: SeededRandom;

  constructor(
    private readonly instruments: SimInstrument[],
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed ^ 0x9e3779b9);
    this.reset();
  }

  reset(): void {
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
    quote.lastPrice = roundToTick(lastPrice, instrument);
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
    for (const i of this.instruments) {
      const quote = this.quotes.get(i.record.instrument_key);
      if (!quote) continue;
      const step = this.random.gaussian() * 0.001;
      const lot = this.random.int(1, 40) * Math.max(1, i.record.lot_size);
      const next = Math.max(i.record.tick_size / 100, roundToTick(quote.lastPrice * (1 + step), i));
      if (next !== quote.lastPrice) moved.push(i.record.instrument_key);
      quote.lastPrice = next;
      quote.lastQuantity = lot;
      quote.volume += lot;
    }
    return moved;
  }
}

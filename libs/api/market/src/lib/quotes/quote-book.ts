import type { Quote } from '@desk/contracts';
import type { MarketQuote } from '@desk/upstox/client';

const round2 = (n: number): number => Math.round(n * 100) / 100 + 0;

/** One feed quote as the desk shows it: rupees with 2 decimals, change against the previous close. */
export function toQuote(q: MarketQuote, knownClose: number | null): Quote {
  const closePrice = q.cp > 0 ? round2(q.cp) : knownClose;
  const lastPrice = round2(q.ltp);
  const change = closePrice ? round2(lastPrice - closePrice) : null;
  const changePercent = closePrice ? round2(((lastPrice - closePrice) / closePrice) * 100) : null;
  return { instrumentKey: q.instrumentKey, lastPrice, closePrice, change, changePercent, tradedAt: q.ltt > 0 ? new Date(q.ltt).toISOString() : null };
}

/**
 * The newest quote per instrument, and which ones changed since the last `takeChanged()`: the coalescing of the
 * `quote` events (many ticks of one instrument within a window go out once, with the newest price).
 */
export class QuoteBook {
  private readonly quotes = new Map<string, Quote>();
  private readonly changed = new Set<string>();

  /** Applies feed quotes; returns the ones that changed what the desk shows (a repeated price is not a change). */
  apply(quotes: readonly MarketQuote[]): Quote[] {
    const out: Quote[] = [];
    for (const raw of quotes) {
      if (!(raw.ltp > 0)) continue; // Upstox sends 0 for an instrument that has not traded: nothing to show
      const known = this.quotes.get(raw.instrumentKey);
      const quote = toQuote(raw, known?.closePrice ?? null);
      if (known && known.lastPrice === quote.lastPrice && known.closePrice === quote.closePrice && known.tradedAt === quote.tradedAt) continue;
      this.quotes.set(quote.instrumentKey, quote);
      this.changed.add(quote.instrumentKey);
      out.push(quote);
    }
    return out;
  }

  get(instrumentKey: string): Quote | null {
    return this.quotes.get(instrumentKey) ?? null;
  }

  /** The current quotes of these keys (those the desk has), in the order asked. */
  pick(instrumentKeys: readonly string[]): Quote[] {
    return instrumentKeys.flatMap((k) => this.quotes.get(k) ?? []);
  }

  /** The quotes changed since the previous call, newest values only. */
  takeChanged(): Quote[] {
    const out = this.pick([...this.changed]);
    this.changed.clear();
    return out;
  }

  /** Instruments no longer streamed: their last price would go stale, so they are not answered any more. */
  forget(instrumentKeys: Iterable<string>): void {
    for (const k of instrumentKeys) {
      this.quotes.delete(k);
      this.changed.delete(k);
    }
  }

  clear(): void {
    this.quotes.clear();
    this.changed.clear();
  }
}

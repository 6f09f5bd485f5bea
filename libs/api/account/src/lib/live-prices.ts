import { Injectable } from '@nestjs/common';

/** Answers the last traded price of an instrument while a live source streams it, else null. */
export type LivePriceLookup = (instrumentKey: string) => number | null;

/**
 * The meeting point of the market data feed (api/market, which streams prices) and the order gates (api/orders,
 * which value an order at its last price): a price the feed is streaming right now is as fresh as a REST
 * look-up and costs no call to Upstox on the order path. Nothing registered, or the feed not live: null, and the
 * caller reads the price from Upstox as before.
 */
@Injectable()
export class LivePrices {
  private lookup: LivePriceLookup | null = null;

  /** Registers the live source; the returned function removes it (only if it is still the one registered). */
  provide(lookup: LivePriceLookup): () => void {
    this.lookup = lookup;
    return () => {
      if (this.lookup === lookup) this.lookup = null;
    };
  }

  lastPrice(instrumentKey: string): number | null {
    const price = this.lookup?.(instrumentKey) ?? null;
    return price !== null && Number.isFinite(price) && price > 0 ? price : null;
  }
}

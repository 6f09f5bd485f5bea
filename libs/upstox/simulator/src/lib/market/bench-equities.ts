import type { SimInstrument } from './instruments';

/**
 * Extra NSE equities for benchmarks that need many priced, ticking instruments at once (issue 12: 200 instruments
 * subscribed and ticking). Same shape as the demo equities; symbols BENCH0001..., ISINs INEZZ0000101-style, prices
 * spread deterministically between ₹100 and ₹3,000. Never part of the demo or the tests' default list.
 */
export function benchEquities(count: number): SimInstrument[] {
  return Array.from({ length: Math.max(0, Math.trunc(count)) }, (_, i) => {
    const n = i + 1;
    const symbol = `BENCH${String(n).padStart(4, '0')}`;
    const isin = `INEZZ${String(n).padStart(5, '0')}01`;
    return {
      record: {
        segment: 'NSE_EQ',
        name: `BENCHMARK EQUITY ${n}`,
        exchange: 'NSE',
        isin,
        instrument_type: 'EQ',
        instrument_key: `NSE_EQ|${isin}`,
        lot_size: 1,
        freeze_quantity: 100000.0,
        exchange_token: String(900_000 + n),
        tick_size: 5.0,
        trading_symbol: symbol,
        short_name: symbol,
        security_type: 'NORMAL',
      },
      quoteKey: `NSE_EQ:${symbol}`,
      orderExchange: 'NSE',
      basePrice: 100 + ((n * 37) % 2900) + 0.35,
      tradable: true,
    };
  });
}

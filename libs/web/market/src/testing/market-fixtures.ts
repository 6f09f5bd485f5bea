import { Candle, CandlesView, MarketInterestView, Quote } from '@desk/contracts';

/** Test data only (excluded from the library build). */
export const RELIANCE = 'NSE_EQ|INE002A01018';
export const TCS = 'NSE_EQ|INE467B01029';

export function quote(instrumentKey: string, lastPrice: number, tradedAt: string | null = null): Quote {
  return { instrumentKey, lastPrice, closePrice: 1290, change: lastPrice - 1290, changePercent: null, tradedAt };
}

export function lease(id: string, instrumentKeys: string[], quotes: Quote[] = []): MarketInterestView {
  return { id, instrumentKeys, expiresAt: '2026-12-01T05:00:00.000Z', quotes };
}

export function candlesView(instrumentKey: string, candles: Candle[], interval: CandlesView['interval'] = '1minute'): CandlesView {
  return { instrumentKey, interval, candles, asOf: '2026-12-01T04:00:00.000Z' };
}

import { Inject, Injectable } from '@nestjs/common';
import { Candle, CandleInterval, CandlesView, INSTRUMENT_KEY_PATTERN, Quote } from '@desk/contracts';
import { Clock, validationFailed } from '@desk/api/core';
import { ConnectionService } from '@desk/api/connection';
import { UpstoxClient } from '@desk/upstox/client';
import { MARKET_CONFIG, MarketConfig } from '../market.config';
import { MarketState } from '../market-state.service';

const MINUTES: Record<CandleInterval, number> = { '1minute': 1, '5minute': 5 };
/** Cached candle reads kept at once (one per instrument and interval a chart shows). */
const MAX_CACHED = 200;

export function readCandlesQuery(instrumentKey: unknown, interval: unknown): { instrumentKey: string; interval: CandleInterval } {
  const errors = [];
  if (typeof instrumentKey !== 'string' || !INSTRUMENT_KEY_PATTERN.test(instrumentKey)) {
    errors.push({ field: 'instrumentKey', message: 'Give the instrument key, e.g. NSE_EQ|INE002A01018.' });
  }
  if (typeof interval !== 'string' || !(interval in MINUTES)) errors.push({ field: 'interval', message: 'The interval is 1minute or 5minute.' });
  if (errors.length > 0) throw validationFailed(errors);
  return { instrumentKey: instrumentKey as string, interval: interval as CandleInterval };
}

/**
 * The last candle follows the newest quote: a trade inside it moves its close (and high / low); a trade in a later
 * interval starts a new candle. Upstox's intraday candles lag the feed, the chart must not.
 */
export function withLiveCandle(candles: readonly Candle[], quote: Quote | null, interval: CandleInterval): Candle[] {
  const out = [...candles];
  const last = out[out.length - 1];
  if (!quote || !last || !quote.tradedAt) return out;
  const seconds = MINUTES[interval] * 60;
  const bucket = Math.floor(Date.parse(quote.tradedAt) / 1000 / seconds) * seconds;
  const price = quote.lastPrice;
  if (bucket === last.time) {
    out[out.length - 1] = { ...last, close: price, high: Math.max(last.high, price), low: Math.min(last.low, price) };
  } else if (bucket > last.time && bucket - last.time < 24 * 3600) {
    out.push({ time: bucket, open: price, high: price, low: price, close: price, volume: 0 });
  }
  return out;
}

/** GET /api/market/candles: today's candles from Upstox (cached briefly, reads are budgeted), the last one live. */
@Injectable()
export class CandlesService {
  private readonly cache = new Map<string, { at: number; read: Promise<Candle[]> }>();

  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    private readonly state: MarketState,
    private readonly clock: Clock,
    @Inject(MARKET_CONFIG) private readonly config: MarketConfig,
  ) {}

  async candles(instrumentKey: string, interval: CandleInterval): Promise<CandlesView> {
    const candles = await this.read(instrumentKey, interval);
    return {
      instrumentKey,
      interval,
      candles: withLiveCandle(candles, this.state.quote(instrumentKey), interval),
      asOf: this.clock.now().toISOString(),
    };
  }

  private read(instrumentKey: string, interval: CandleInterval): Promise<Candle[]> {
    const key = `${instrumentKey}|${interval}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.config.candlesCacheMs) return cached.read;
    const read = this.connection
      .withUpstox((auth) => this.client.getIntradayCandles(auth, instrumentKey, 'minutes', MINUTES[interval]))
      .then((rows) => rows.map((c) => ({ time: Math.floor(c.ts / 1000), open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume })));
    this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { at: now, read });
    // A failed read is not reused.
    read.catch(() => {
      if (this.cache.get(key)?.read === read) this.cache.delete(key);
    });
    return read;
  }
}

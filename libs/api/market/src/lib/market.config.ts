import { DeskEnv, EnvReader } from '@desk/api/core';
import { MarketDataFeedOptions, MarketFeedLimits, UPSTOX_MARKET_FEED_LIMITS } from '@desk/upstox/client';

/** Settings of the market data lib (see the README's configuration table). */
export interface MarketConfig {
  /**
   * Open Upstox's market data feed at all (MARKET_FEED_ENABLED, default true). Upstox allows one market socket per
   * user: someone whose other tool holds it can turn the desk's off; prices are then read when needed, as before.
   */
  enabled: boolean;
  /** At most one `quote` event per this many ms, carrying every instrument that changed (MARKET_QUOTE_COALESCE_MS). */
  coalesceMs: number;
  /** An interest lease lives this long without a renewal (MARKET_INTEREST_TTL_MS). */
  interestTtlMs: number;
  /** Candles read from Upstox are reused this long (the last one follows the quotes meanwhile) (MARKET_CANDLES_CACHE_MS). */
  candlesCacheMs: number;
  /** Keep-alive, reconnect and limits of the feed socket (the portfolio stream's UPSTOX_STREAM_* timing). */
  feed: MarketDataFeedOptions & { limits: MarketFeedLimits };
}

export const MARKET_CONFIG = Symbol('MARKET_CONFIG');

/**
 * MARKET_FEED_MAX_INSTRUMENTS lowers Upstox's per-connection limit (tests, or a cautious setup); it never raises it.
 * The desk subscribes in ltpc mode only, so the ltpc limit is the one that binds.
 */
export function parseMarketConfig(env: DeskEnv): MarketConfig {
  const reader = new EnvReader(env);
  const upstox = UPSTOX_MARKET_FEED_LIMITS;
  const max = reader.integer('MARKET_FEED_MAX_INSTRUMENTS', upstox.ltpc.individual, 1, upstox.ltpc.individual);
  const cap = (n: number): number => Math.min(n, max);
  const config: MarketConfig = {
    enabled: reader.boolean('MARKET_FEED_ENABLED', true),
    coalesceMs: reader.integer('MARKET_QUOTE_COALESCE_MS', 250, 20, 5_000),
    interestTtlMs: reader.integer('MARKET_INTEREST_TTL_MS', 60_000, 500, 600_000),
    candlesCacheMs: reader.integer('MARKET_CANDLES_CACHE_MS', 5_000, 0, 60_000),
    feed: {
      pingIntervalMs: reader.integer('UPSTOX_STREAM_PING_MS', 10_000, 50, 300_000),
      pongTimeoutMs: reader.integer('UPSTOX_STREAM_PONG_TIMEOUT_MS', 5_000, 50, 60_000),
      backoff: {
        initialMs: reader.integer('UPSTOX_STREAM_RECONNECT_MIN_MS', 500, 10, 60_000),
        maxMs: reader.integer('UPSTOX_STREAM_RECONNECT_MAX_MS', 30_000, 10, 600_000),
      },
      limits: {
        ltpc: { individual: cap(upstox.ltpc.individual), combined: cap(upstox.ltpc.combined) },
        full: { individual: cap(upstox.full.individual), combined: cap(upstox.full.combined) },
      },
    },
  };
  reader.assertValid();
  return config;
}

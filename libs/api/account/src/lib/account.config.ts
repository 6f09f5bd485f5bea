import { DeskEnv, EnvReader } from '@desk/api/core';

/** Settings of the account mirror (see the README's configuration table). */
export interface AccountConfig {
  /**
   * At most one upstream read of each kind (order book, trades, positions, holdings, funds) per this many ms,
   * however many clients ask: the fixed budget while the live stream is down (ACCOUNT_SNAPSHOT_MIN_INTERVAL_MS).
   */
  snapshotMinIntervalMs: number;
  /** Funds are not on the stream: re-read when older than this even while it is live (ACCOUNT_FUNDS_MAX_AGE_MS). */
  fundsMaxAgeMs: number;
  /** After a fill or an order ending, trades/funds/positions are re-read once after this pause (batches bursts). */
  followUpDelayMs: number;
  /** Last prices of open positions and holdings are read this often while the stream is live; 0: never (ACCOUNT_PRICE_REFRESH_MS). */
  priceRefreshMs: number;
}

export const ACCOUNT_CONFIG = Symbol('ACCOUNT_CONFIG');

export function parseAccountConfig(env: DeskEnv): AccountConfig {
  const reader = new EnvReader(env);
  const config: AccountConfig = {
    snapshotMinIntervalMs: reader.integer('ACCOUNT_SNAPSHOT_MIN_INTERVAL_MS', 1_000, 200, 60_000),
    fundsMaxAgeMs: reader.integer('ACCOUNT_FUNDS_MAX_AGE_MS', 30_000, 1_000, 3_600_000),
    followUpDelayMs: reader.integer('ACCOUNT_FOLLOW_UP_DELAY_MS', 250, 0, 10_000),
    priceRefreshMs: reader.integer('ACCOUNT_PRICE_REFRESH_MS', 5_000, 0, 3_600_000),
  };
  reader.assertValid();
  return config;
}

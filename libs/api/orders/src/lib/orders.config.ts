import { getConfigToken } from '@nestjs/config';
import { DeskEnv, EnvReader } from '@desk/api/core';
import { DEFAULT_OUTBOUND_LIMITS, parseUpstoxConfig, UPSTOX_CONFIG_DEFAULTS } from '@desk/upstox/client';

export interface OrdersConfig {
  /** Pre-trade limit: most units in one order (ORDER_MAX_QUANTITY). */
  maxQuantity: number;
  /** Pre-trade limit: most rupees in one order, price (or last price) x quantity (ORDER_MAX_NOTIONAL). */
  maxNotional: number;
  /** When to look an ambiguous order up by its tag, ms after the failed call (ORDER_RECONCILE_DELAYS_MS). */
  reconcileDelaysMs: number[];
  /** How long POST /api/orders waits for reconciliation before answering 202 (ORDER_OUTCOME_WAIT_MS). */
  outcomeWaitMs: number;
  /** How often unresolved intents (and a blocked startup barrier) are retried (ORDER_SWEEP_INTERVAL_MS). */
  sweepIntervalMs: number;
  /**
   * Longest a place call can be outstanding: the outbound limiter's longest write wait plus
   * UPSTOX_TIMEOUT_MS (derived, not a setting). A PENDING_SUBMIT intent left by a process that died
   * mid-call may still land at Upstox until then, so it is not concluded NOT_PLACED before.
   */
  placeCallMaxMs: number;
}

export const ORDERS_CONFIG_DEFAULTS: OrdersConfig = {
  maxQuantity: 10_000,
  maxNotional: 1_000_000,
  reconcileDelaysMs: [1_000, 3_000, 10_000],
  outcomeWaitMs: 2_500,
  sweepIntervalMs: 30_000,
  placeCallMaxMs: DEFAULT_OUTBOUND_LIMITS.writeMaxWaitMs + UPSTOX_CONFIG_DEFAULTS.timeoutMs,
};

/** DI token of the parsed settings (the `orders` config namespace), built from the app's env record. */
export const ORDERS_CONFIG = getConfigToken('orders');

function readDelays(reader: EnvReader): number[] {
  const raw = reader.string('ORDER_RECONCILE_DELAYS_MS');
  if (raw === undefined) return ORDERS_CONFIG_DEFAULTS.reconcileDelaysMs;
  const parts = raw.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  const ascending = values.every((v, i) => i === 0 || v > values[i - 1]);
  if (parts.length > 10 || parts.some((p) => !/^\d+$/.test(p)) || values.some((v) => v > 120_000) || !ascending) {
    reader.fail(
      `ORDER_RECONCILE_DELAYS_MS must be 1 to 10 increasing whole milliseconds after a failed place call, ` +
        `comma-separated, each at most 120000 (e.g. 1000,3000,10000); got "${raw}"`,
    );
    return ORDERS_CONFIG_DEFAULTS.reconcileDelaysMs;
  }
  return values;
}

/** Reads and checks the orders settings; a bad value stops startup with the variable's name. */
export function parseOrdersConfig(env: DeskEnv): OrdersConfig {
  const reader = new EnvReader(env);
  const d = ORDERS_CONFIG_DEFAULTS;
  const config: OrdersConfig = {
    maxQuantity: reader.integer('ORDER_MAX_QUANTITY', d.maxQuantity, 1, 1_000_000),
    maxNotional: reader.integer('ORDER_MAX_NOTIONAL', d.maxNotional, 1, 1_000_000_000_000),
    reconcileDelaysMs: readDelays(reader),
    outcomeWaitMs: reader.integer('ORDER_OUTCOME_WAIT_MS', d.outcomeWaitMs, 0, 60_000),
    sweepIntervalMs: reader.integer('ORDER_SWEEP_INTERVAL_MS', d.sweepIntervalMs, 100, 3_600_000),
    placeCallMaxMs: DEFAULT_OUTBOUND_LIMITS.writeMaxWaitMs + parseUpstoxConfig(env).timeoutMs,
  };
  reader.assertValid();
  return config;
}

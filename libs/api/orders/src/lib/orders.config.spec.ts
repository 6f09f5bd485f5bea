import { ORDERS_CONFIG_DEFAULTS, parseOrdersConfig } from './orders.config';

describe('parseOrdersConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(parseOrdersConfig({})).toEqual(ORDERS_CONFIG_DEFAULTS);
  });

  it('reads every variable', () => {
    expect(
      parseOrdersConfig({
        ORDER_MAX_QUANTITY: '500',
        ORDER_MAX_NOTIONAL: '250000',
        ORDER_RECONCILE_DELAYS_MS: '300, 1000,3000',
        ORDER_OUTCOME_WAIT_MS: '0',
        ORDER_SWEEP_INTERVAL_MS: '1000',
        UPSTOX_TIMEOUT_MS: '5000',
      }),
    ).toEqual({
      maxQuantity: 500,
      maxNotional: 250000,
      reconcileDelaysMs: [300, 1000, 3000],
      outcomeWaitMs: 0,
      sweepIntervalMs: 1000,
      // the limiter's 1 s longest write wait + the request timeout
      placeCallMaxMs: 6000,
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      parseOrdersConfig({ ORDER_MAX_QUANTITY: '-1', ORDER_MAX_NOTIONAL: 'lots', ORDER_RECONCILE_DELAYS_MS: '3000,1000' }),
    ).toThrow(/ORDER_MAX_QUANTITY[\s\S]*ORDER_MAX_NOTIONAL[\s\S]*ORDER_RECONCILE_DELAYS_MS/);
  });
});

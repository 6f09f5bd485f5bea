import { body, ControlError, ControlHandler, intField, ok } from '../control-body';
import type { SimulatorCore } from '../simulator-core';
import { marketDataOf } from './market-data';

const HOUR_MS = 3_600_000;

const state = (core: SimulatorCore) => {
  const market = marketDataOf(core);
  return { ...market.hub.state(), tick_ms: market.tickIntervalMs };
};

/**
 * Control API of the market data feed (`/__sim/market-feed...`): sockets and subscriptions, the walk's interval,
 * deterministic ticks, and the faults an api must survive (drop, refused upgrades). README "Market data feed".
 */
export const marketFeedControlHandlers: Record<string, ControlHandler> = {
  'GET market-feed': (core) => ok(state(core)),

  /** `{tick_ms}`: the background walk's real-time interval; 0 stops it. */
  'POST market-feed': (core, ctx) => {
    const b = body(ctx);
    if (b['tick_ms'] === undefined) throw new ControlError(400, 'give tick_ms (0 stops the walk)');
    marketDataOf(core).setTickInterval(intField(b, 'tick_ms', 0, 0, HOUR_MS));
    return ok(state(core));
  },

  /** `{count?: 1}` steps of the seeded walk now (each one moves prices and goes out as live_feed). */
  'POST market-feed/tick': (core, ctx) => {
    const count = intField(body(ctx), 'count', 1, 1, 1000);
    for (let i = 0; i < count; i++) core.tickPrices();
    return ok({ ticks: count });
  },

  'POST market-feed/drop': (core, ctx) => {
    body(ctx);
    return ok({ dropped: marketDataOf(core).hub.drop() });
  },

  /** `{count?: 1, status?: 500}`: the next upgrades to the market feed are refused with `status`. */
  'POST market-feed/refuse': (core, ctx) => {
    const b = body(ctx);
    const refuse = { remaining: intField(b, 'count', 1, 1, 1000), status: intField(b, 'status', 500, 400, 599) };
    marketDataOf(core).hub.refuse = refuse;
    return ok({ refuse_upgrades: refuse });
  },
};

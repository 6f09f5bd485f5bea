import { body, ControlHandler, intField, ok } from '../control-body';
import { marketFeedControlHandlers } from '../market-feed/market-feed-control';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Control API for the portfolio stream (`/__sim/feed...`): a socket count and the faults an api must survive
 * (drop, stall, refused upgrades, duplicated and reordered messages). README "Portfolio stream faults".
 */
export const feedControlHandlers: Record<string, ControlHandler> = {
  'GET feed': (core) => ok(core.feed.snapshot()),

  'POST feed/drop': (core, ctx) => {
    body(ctx);
    return ok({ dropped: core.feed.drop() });
  },

  'POST feed/stall': (core, ctx) => {
    const b = body(ctx);
    const ms = b['ms'] === undefined ? null : intField(b, 'ms', 0, 1, DAY_MS);
    return ok({ stalled: core.feed.stall(ms), ms });
  },

  'POST feed/resume': (core, ctx) => {
    body(ctx);
    return ok({ resumed: core.feed.resume() });
  },

  'POST feed/refuse': (core, ctx) => {
    const b = body(ctx);
    const count = intField(b, 'count', 1, 1, 1000);
    const status = intField(b, 'status', 500, 400, 599);
    core.feed.faults.refuse = { remaining: count, status };
    return ok({ refuse_upgrades: { remaining: count, status } });
  },

  'POST feed/duplicate': (core, ctx) => {
    const count = intField(body(ctx), 'count', 1, 1, 1000);
    core.feed.faults.duplicateRemaining = count;
    return ok({ duplicate_remaining: count });
  },

  'POST feed/reorder': (core, ctx) => {
    const holdMs = intField(body(ctx), 'hold_ms', 5000, 1, 600_000);
    core.feed.faults.reorderArmed = true;
    core.feed.faults.reorderHoldMs = holdMs;
    return ok({ reorder: 'armed', hold_ms: holdMs });
  },

  'DELETE feed/faults': (core) => {
    core.feed.clearFaults();
    return ok(core.feed.snapshot());
  },

  // The market data feed's control routes (`/__sim/market-feed...`) live with it.
  ...marketFeedControlHandlers,
};

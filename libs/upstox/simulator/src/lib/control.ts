import { UpstoxHttpError } from './envelope';
import { body, ControlError, ControlHandler, ok } from './control-body';
import { feedControlHandlers } from './feed/feed-control';
import type { Reply, RequestContext } from './http/request-context';
import { instrumentFileControlHandlers } from './market/instrument-file-control';
import { orderControlHandlers } from './orders/order-control-handlers';
import type { SimulatorCore } from './simulator-core';
import { DEMO_USER } from './user/demo-user';
import { userControlHandlers } from './user/user-control-handlers';

export const CONTROL_PREFIX = '/__sim/';

const iso = (ms: number): string => new Date(ms).toISOString();

function clock(core: SimulatorCore, ctx: RequestContext): Reply {
  if (ctx.method === 'POST') {
    const b = body(ctx);
    if (b['set'] !== undefined) {
      const target = Date.parse(String(b['set']));
      if (Number.isNaN(target)) throw new ControlError(400, 'set must be an ISO-8601 date-time');
      core.clock.set(target);
    }
    if (b['advance_ms'] !== undefined) {
      const ms = Number(b['advance_ms']);
      if (!Number.isFinite(ms)) throw new ControlError(400, 'advance_ms must be a number');
      core.clock.advance(ms);
    }
    // A new time of day may open the market for queued after-market orders, or expire tokens (and their sockets).
    core.engine.matchInstruments(null);
    core.closeFeedsOfDeadTokens();
  }
  return ok({ now: iso(core.clock.now()) });
}

function price(core: SimulatorCore, ctx: RequestContext): Reply {
  const b = body(ctx);
  const instrument = core.instrument(String(b['instrument_key'] ?? ''));
  if (!instrument) throw new ControlError(400, 'unknown instrument_key');
  const last = Number(b['last_price']);
  if (!Number.isFinite(last) || last <= 0) throw new ControlError(400, 'last_price must be a positive number');
  return ok({ instrument_key: instrument.record.instrument_key, last_price: core.setPrice(instrument, last) });
}

function faults(core: SimulatorCore, ctx: RequestContext): Reply {
  if (ctx.method === 'DELETE') {
    core.faults.clear();
    return ok({ faults: [] });
  }
  if (ctx.method === 'GET') return ok({ faults: core.faults.list() });
  try {
    const f = core.faults.add(body(ctx));
    return ok({ fault: { route: f.route, kind: f.kind, status: f.status, latency_ms: f.latencyMs, count: f.remaining } });
  } catch (e) {
    if (e instanceof ControlError) throw e;
    throw new ControlError(400, (e as Error).message);
  }
}

function revoke(core: SimulatorCore, ctx: RequestContext): Reply {
  const b = body(ctx);
  let revoked: number;
  if (b['all'] === true) revoked = core.tokens.revokeAll();
  else if (typeof b['access_token'] === 'string') revoked = core.tokens.revoke(b['access_token']) ? 1 : 0;
  else throw new ControlError(400, 'give access_token or all: true');
  // Upstox stops serving a revoked token's portfolio stream.
  return ok({ revoked, closed_sockets: core.closeFeedsOfDeadTokens() });
}

function fill(core: SimulatorCore, ctx: RequestContext): Reply {
  const b = body(ctx);
  const quantity = Number(b['quantity']);
  if (!Number.isInteger(quantity) || quantity <= 0) throw new ControlError(400, 'quantity must be a positive integer');
  try {
    const order = core.engine.manualFill(String(b['order_id'] ?? ''), quantity);
    return ok({ order: { ...order.view } });
  } catch (e) {
    if (e instanceof UpstoxHttpError) throw new ControlError(400, e.details[0]?.message ?? e.message);
    throw e;
  }
}

const HANDLERS: Record<string, ControlHandler> = {
  'GET app': (core) =>
    ok({ client_id: core.app.clientId, client_secret: core.app.clientSecret, redirect_uri: core.app.redirectUri, extended_token: core.tokens.issuesExtendedTokens }),
  // The app setting of issue 9 item 4: token exchanges also hand out a read-only extended token (until reset).
  'POST app': (core, ctx) => {
    const b = body(ctx);
    const extended = b['extended_token'];
    const refuses = b['extended_token_refuses'] ?? [];
    if (typeof extended !== 'boolean') throw new ControlError(400, 'extended_token must be a boolean');
    if (!Array.isArray(refuses) || refuses.some((r) => typeof r !== 'string')) {
      throw new ControlError(400, 'extended_token_refuses must be a list of routes such as "GET /v2/order/trades/get-trades-for-day"');
    }
    core.tokens.issuesExtendedTokens = extended;
    core.tokens.extendedRefusedRoutes = new Set(refuses as string[]);
    return ok({ extended_token: extended, extended_token_refuses: refuses });
  },
  'POST tokens': (core) => {
    const t = core.tokens.issueToken(DEMO_USER.user_id, core.clock.now());
    return ok({ access_token: t.token, expires_at: iso(t.expiresAt) });
  },
  'GET clock': clock,
  'POST clock': clock,
  'POST market-rules': (core, ctx) => {
    const b = body(ctx);
    const enabled = b['enabled'];
    if (typeof enabled !== 'boolean') throw new ControlError(400, 'enabled must be a boolean');
    const regular = b['regular_orders_when_closed'];
    if (regular !== undefined && regular !== 'amo' && regular !== 'refuse') throw new ControlError(400, 'regular_orders_when_closed must be amo or refuse');
    core.marketRules = enabled;
    if (regular !== undefined) core.regularOrdersWhenClosed = regular;
    core.engine.matchInstruments(null);
    return ok({ enabled, regular_orders_when_closed: core.regularOrdersWhenClosed });
  },
  'POST price': price,
  'GET faults': faults,
  'POST faults': faults,
  'DELETE faults': faults,
  'POST revoke': revoke,
  'POST reset': (core) => {
    core.reset();
    return ok({ reset: true });
  },
  'GET calls': (core) => ok({ counts: Object.fromEntries(core.calls) }),
  'GET orders': (core) =>
    ok({
      orders: core.store.all().map((o) => ({
        ...o.view,
        user_id: o.userId,
        history_length: o.history.length,
        // What the order was last sent with (place or modify); null = never sent. Not an order-book field at Upstox.
        market_protection: o.marketProtection,
      })),
    }),
  'POST fill': fill,
  ...feedControlHandlers,
  ...orderControlHandlers,
  ...instrumentFileControlHandlers,
  ...userControlHandlers,
};

/** The control API (PLAN.md §1): plain JSON, never counted as an Upstox call, no faults, no auth. */
export function handleControl(core: SimulatorCore, ctx: RequestContext): Reply {
  const name = ctx.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
  const handler = HANDLERS[`${ctx.method} ${name}`];
  if (!handler) {
    const known = Object.keys(HANDLERS).some((k) => k.endsWith(` ${name}`));
    return { status: known ? 405 : 404, body: { error: known ? 'method not allowed' : `unknown control route ${ctx.path}` } };
  }
  try {
    return handler(core, ctx);
  } catch (e) {
    if (e instanceof ControlError) return { status: e.status, body: { error: e.message } };
    throw e;
  }
}

import { ERR, successBody, UpstoxHttpError } from '../envelope';
import { parseJsonBody, Reply, RequestContext } from '../http/request-context';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { segmentOf } from '../user/user-control-routes';
import { SimOrder } from './order-model';
import { requireOrderId, validateModify, validatePlace } from './validation';

function jsonBody(ctx: RequestContext): unknown {
  try {
    return parseJsonBody(ctx);
  } catch {
    throw ERR.invalidInput(undefined, undefined, 'Invalid input passed to the API');
  }
}

/** v3 responses carry the platform processing time (CONTRACT §5.2). */
const latency = (ctx: RequestContext): number => Math.max(1, Date.now() - ctx.receivedAt);

function place(core: SimulatorCore, ctx: RequestContext, version: 'v2' | 'v3'): Reply {
  core.staticIp.assertWriteAllowed();
  const req = validatePlace(jsonBody(ctx), (key) => core.instrument(key), version);
  if (!req.is_amo && !core.marketOpen() && core.regularOrdersWhenClosed === 'refuse') {
    // Seen from Upstox's sandbox (CONTRACT §4, observed); the HTTP status was not captured: 400 is our choice.
    throw UpstoxHttpError.of(400, 'UDAPI100057', 'Market is closed', 'is_amo', false);
  }
  core.killSwitch.assertOrderAllowed(segmentOf(req.instrument.record.instrument_key));
  const orders = core.engine.place(ctx.userId as string, req);
  const ids = orders.map((o) => o.view.order_id);
  return version === 'v2'
    ? { status: 200, body: successBody({ order_id: ids[0] }) }
    : { status: 200, body: successBody({ order_ids: ids }, latency(ctx)) };
}

function modify(core: SimulatorCore, ctx: RequestContext, version: 'v2' | 'v3'): Reply {
  core.staticIp.assertWriteAllowed();
  const order = core.engine.modify(ctx.userId as string, validateModify(jsonBody(ctx)));
  return { status: 200, body: successBody({ order_id: order.view.order_id }, version === 'v3' ? latency(ctx) : undefined) };
}

function cancel(core: SimulatorCore, ctx: RequestContext, version: 'v2' | 'v3'): Reply {
  core.staticIp.assertWriteAllowed();
  const order = core.engine.cancel(ctx.userId as string, requireOrderId(ctx.query.get('order_id')));
  return { status: 200, body: successBody({ order_id: order.view.order_id }, version === 'v3' ? latency(ctx) : undefined) };
}

function ownedOrder(core: SimulatorCore, ctx: RequestContext): SimOrder {
  return core.engine.owned(ctx.userId as string, requireOrderId(ctx.query.get('order_id')));
}

/** GET /v2/order/history: order_id and/or tag; tag only = every order with that tag; both = exact match. */
function history(core: SimulatorCore, ctx: RequestContext): Reply {
  const orderId = ctx.query.get('order_id');
  const tag = ctx.query.get('tag');
  if (!orderId && !tag) {
    throw UpstoxHttpError.of(400, 'UDAPI1023', 'Order id is required', 'order_id', null);
  }
  let orders: SimOrder[];
  if (orderId) {
    const order = ownedOrder(core, ctx);
    orders = !tag || order.view.tag === tag ? [order] : [];
  } else {
    orders = core.store.forUser(ctx.userId as string).filter((o) => o.view.tag === tag);
    // Upstox has been seen answering a tag with no orders with an error instead of an empty list (issue 9 f);
    // the control API picks the answer. Which code it uses is not documented: the "unknown order" one is chosen.
    if (orders.length === 0 && core.orderControls.emptyTagHistory === 'error') {
      throw UpstoxHttpError.of(400, 'UDAPI100010', 'Unknown order id | order request rejected', 'tag', tag);
    }
  }
  return { status: 200, body: successBody(orders.flatMap((o) => o.history)) };
}

export function orderRoutes(core: SimulatorCore): Route[] {
  const write = (method: Route['method'], path: string, handler: Route['handler']): Route => ({
    method,
    path,
    auth: 'bearer',
    rateGroup: 'order',
    window: 'orders',
    handler,
  });
  const read = (path: string, handler: Route['handler']): Route => ({ method: 'GET', path, auth: 'bearer', rateGroup: 'standard', handler });
  return [
    write('POST', '/v2/order/place', (ctx) => place(core, ctx, 'v2')),
    write('POST', '/v3/order/place', (ctx) => place(core, ctx, 'v3')),
    write('PUT', '/v2/order/modify', (ctx) => modify(core, ctx, 'v2')),
    write('PUT', '/v3/order/modify', (ctx) => modify(core, ctx, 'v3')),
    write('DELETE', '/v2/order/cancel', (ctx) => cancel(core, ctx, 'v2')),
    write('DELETE', '/v3/order/cancel', (ctx) => cancel(core, ctx, 'v3')),
    read('/v2/order/retrieve-all', (ctx) => ({
      status: 200,
      body: successBody(core.store.forUser(ctx.userId as string).map((o) => ({ ...o.view }))),
    })),
    read('/v2/order/details', (ctx) => ({ status: 200, body: successBody({ ...ownedOrder(core, ctx).view }) })),
    read('/v2/order/history', (ctx) => history(core, ctx)),
    read('/v2/order/trades/get-trades-for-day', (ctx) => ({
      status: 200,
      body: successBody(core.store.tradesForUser(ctx.userId as string).map((t) => ({ ...t.view }))),
    })),
    read('/v2/order/trades', (ctx) => {
      const order = ownedOrder(core, ctx);
      return { status: 200, body: successBody(core.store.tradesForOrder(order.view.order_id).map((t) => ({ ...t.view }))) };
    }),
  ];
}

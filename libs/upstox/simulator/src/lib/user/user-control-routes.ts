import { successBody, UpstoxHttpError } from '../envelope';
import { parseJsonBody, RequestContext } from '../http/request-context';
import { isTerminal } from '../orders/order-model';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';

function jsonBody(ctx: RequestContext): unknown {
  try {
    return parseJsonBody(ctx);
  } catch {
    throw UpstoxHttpError.of(400, 'UDAPI100038', 'Invalid input passed to the API');
  }
}

/** The segment of an instrument key (`NSE_EQ|INE...` -> `NSE_EQ`): the kill switch's segment names are the same. */
export function segmentOf(instrumentKey: string): string {
  return instrumentKey.split('|')[0] ?? '';
}

/**
 * DISABLE cancels the segment's pending orders (DOCS update-kill-switch: "All open orders in the segment are cancelled
 * automatically when it is disabled"), through the same cancel walk as a cancel request.
 */
function cancelPendingOrders(core: SimulatorCore, userId: string, segments: string[]): void {
  for (const order of core.store.forUser(userId)) {
    if (isTerminal(order) || !segments.includes(segmentOf(order.view.instrument_token))) continue;
    core.engine.cancel(userId, order.view.order_id);
  }
}

/** GET /v2/user/ip and GET/POST /v2/user/kill-switch (CONTRACT §11). */
export function userControlRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'GET', path: '/v2/user/ip', auth: 'bearer', rateGroup: 'standard',
      handler: () => ({ status: 200, body: successBody(core.staticIp.data()) }),
    },
    {
      method: 'GET', path: '/v2/user/kill-switch', auth: 'bearer', rateGroup: 'standard',
      handler: () => ({ status: 200, body: successBody(core.killSwitch.data()) }),
    },
    {
      method: 'POST', path: '/v2/user/kill-switch', auth: 'bearer', rateGroup: 'standard',
      handler: (ctx) => {
        // Not modelled: UDAPI1184 (open positions must be closed before disabling) and UDAPI1187.
        const disabled = core.killSwitch.apply(jsonBody(ctx));
        cancelPendingOrders(core, ctx.userId as string, disabled);
        return { status: 200, body: successBody(core.killSwitch.data()) };
      },
    },
  ];
}

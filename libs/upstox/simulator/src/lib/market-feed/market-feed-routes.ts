import { successBody } from '../envelope';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { marketDataOf } from './market-data';

/** GET /v3/feed/market-data-feed/authorize (CONTRACT §9.2): a single-use socket URI, one minute to use it. */
export function marketFeedRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'GET',
      path: '/v3/feed/market-data-feed/authorize',
      auth: 'bearer',
      rateGroup: 'standard',
      handler: (ctx) => {
        const uri = marketDataOf(core).hub.authorize(ctx.userId as string, ctx.accessToken as string, ctx.origin);
        return { status: 200, body: successBody({ authorized_redirect_uri: uri, authorizedRedirectUri: uri }) };
      },
    },
  ];
}

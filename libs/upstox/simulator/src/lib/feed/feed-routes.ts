import { successBody } from '../envelope';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { parseUpdateTypes } from './feed-hub';

/** GET /v2/feed/portfolio-stream-feed/authorize (CONTRACT §9.1): a single-use socket URI. */
export function feedRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'GET',
      path: '/v2/feed/portfolio-stream-feed/authorize',
      auth: 'bearer',
      rateGroup: 'standard',
      handler: (ctx) => {
        const uri = core.feed.authorize(ctx.userId as string, ctx.accessToken as string, parseUpdateTypes(ctx.query.get('update_types')), ctx.origin);
        return { status: 200, body: successBody({ authorized_redirect_uri: uri, authorizedRedirectUri: uri }) };
      },
    },
  ];
}

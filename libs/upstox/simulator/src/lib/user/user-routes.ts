import { successBody, UpstoxHttpError } from '../envelope';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { profileData } from './demo-user';
import { fundsData, fundsFor } from './funds';

export function userRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'GET',
      path: '/v2/user/profile',
      auth: 'bearer',
      rateGroup: 'standard',
      handler: () => ({ status: 200, body: successBody(profileData()) }),
    },
    {
      method: 'GET',
      path: '/v2/user/get-funds-and-margin',
      auth: 'bearer',
      rateGroup: 'standard',
      window: 'funds',
      handler: (ctx) => {
        const segment = ctx.query.get('segment');
        if (segment !== null && segment !== 'SEC' && segment !== 'COM') {
          throw UpstoxHttpError.of(400, 'UDAPI1019', 'The segment is invalid', 'segment', segment);
        }
        const snapshot = fundsFor(ctx.userId as string, core.store, core.prices);
        return { status: 200, body: successBody(fundsData(snapshot, segment)) };
      },
    },
  ];
}

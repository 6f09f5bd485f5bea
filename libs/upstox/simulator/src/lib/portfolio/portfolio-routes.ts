import { successBody } from '../envelope';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { holdingsView, positionsFromTrades } from './portfolio';

export function portfolioRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'GET',
      path: '/v2/portfolio/short-term-positions',
      auth: 'bearer',
      rateGroup: 'standard',
      handler: (ctx) => ({
        status: 200,
        body: successBody(positionsFromTrades(core.store.tradesForUser(ctx.userId as string), core.prices)),
      }),
    },
    {
      method: 'GET',
      path: '/v2/portfolio/long-term-holdings',
      auth: 'bearer',
      rateGroup: 'standard',
      handler: (ctx) => ({
        status: 200,
        body: successBody(holdingsView(core.instruments, core.prices, core.store.tradesForUser(ctx.userId as string))),
      }),
    },
  ];
}

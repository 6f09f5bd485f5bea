import { Module } from '@nestjs/common';
import { DESK_ENV } from '@desk/api/core';
import { ConnectionModule } from '@desk/api/connection';
import { AccountModule } from '@desk/api/account';
import { EventsModule } from '@desk/api/events';
import { OrdersModule } from '@desk/api/orders';
import { CandlesService } from './candles/candles.service';
import { OrderCostsController } from './costs/order-costs.controller';
import { OrderCostsService } from './costs/order-costs.service';
import { MarketFeedService } from './feed/market-feed.service';
import { MarketHoursService } from './hours/market-hours.service';
import { MarketInterestService } from './interest/market-interest.service';
import { MARKET_CONFIG, parseMarketConfig } from './market.config';
import { MarketController } from './market.controller';
import { MarketState } from './market-state.service';

/**
 * Live market data: one Upstox market data feed per connection subscribed by need, quotes (coalesced `quote`
 * events, the mirror's P&L), market status, interest leases, candles, and an order's margin and charges.
 */
@Module({
  imports: [ConnectionModule, AccountModule, EventsModule, OrdersModule],
  controllers: [MarketController, OrderCostsController],
  providers: [
    { provide: MARKET_CONFIG, useFactory: parseMarketConfig, inject: [DESK_ENV] },
    MarketState,
    MarketInterestService,
    MarketFeedService,
    CandlesService,
    OrderCostsService,
    MarketHoursService,
  ],
  exports: [MarketState, MarketFeedService],
})
export class MarketModule {}

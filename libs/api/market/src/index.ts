export * from './lib/market.module';
export { MarketState } from './lib/market-state.service';
export { MarketFeedService } from './lib/feed/market-feed.service';

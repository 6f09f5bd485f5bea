/**
 * The Upstox client's public face: only what the api libs and app use. Everything else (wire types, mappers,
 * transport, retry and error tables) stays inside; this lib's own tests import those by path.
 */
export { UpstoxClient } from './lib/upstox-client';
export type { BrokerOrderRow, BrokerPlaceOrder, OrderInstrumentFacts, OrderUpdate, UpstoxAuth, UpstoxEndpoints } from './lib/upstox-client';
export { UpstoxClientModule } from './lib/upstox-client.module';
export type { UserStaticIps } from './lib/user-controls';
export { UpstoxEndpointsResolver } from './lib/upstox-endpoints';
export { parseUpstoxConfig, UPSTOX_CONFIG_DEFAULTS } from './lib/upstox.config';
export { DEFAULT_OUTBOUND_LIMITS } from './lib/outbound-limiter';
export { isUpstoxApiError, UpstoxApiError } from './lib/upstox-api-error';
export { InstrumentFileLoader } from './lib/instrument-file-loader';
export { SimulatorAppLookup } from './lib/simulator-app-lookup';
export { PortfolioFeed } from './lib/portfolio-feed/portfolio-feed';
export type { PortfolioFeedOptions, PortfolioFeedReason } from './lib/portfolio-feed/portfolio-feed';
export type { FeedReason, FeedSocketOptions } from './lib/feed-socket/feed-socket';
export type { PortfolioUpdate } from './lib/portfolio-feed/portfolio-message';
export { MarketDataFeed } from './lib/market-feed/market-data-feed';
export type { MarketDataFeedListener, MarketDataFeedOptions, MarketFeedReason, MarketFeedState } from './lib/market-feed/market-data-feed';
export type { MarketDepthLevel, MarketFeedMessage, MarketFeedMode, MarketOhlc, MarketQuote, MarketSegmentStatus } from './lib/market-feed/market-feed-message';
export { MarketFeedLimitError, UPSTOX_MARKET_FEED_LIMITS } from './lib/market-feed/market-subscriptions';
export type { MarketFeedLimits } from './lib/market-feed/market-subscriptions';
export type {
  BrokerageCharges,
  BrokerageQuery,
  Candle,
  CandleUnit,
  HistoricalCandleQuery,
  MarginInstrument,
  MarginLeg,
  MarginResult,
} from './lib/market-data.types';
export type { ExchangeStatus, ExchangeTiming, MarketHoliday } from './lib/market-info';

/** The official SDK ships plain JavaScript without type declarations. */
declare module 'upstox-js-sdk/dist/feeder/MarketDataFeederV3';

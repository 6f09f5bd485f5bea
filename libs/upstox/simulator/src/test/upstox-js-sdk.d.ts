/** The official SDK ships plain JavaScript without type declarations. */
declare module 'upstox-js-sdk';
declare module 'upstox-js-sdk/dist/feeder/PortfolioDataFeeder';

import { UpstoxHttpError } from '../envelope';

/**
 * What Upstox's read-only extended token may call here. Upstox has not published the exact list (CONTRACT §2.4
 * "[uncertain]"); these are the account GET APIs its read-only tokens are documented for (profile, funds, positions,
 * holdings, order book, order details and history, trades). Everything else - writes, logout, market data, charges,
 * both feeds' authorize - is refused with UDAPI100067.
 */
export const EXTENDED_TOKEN_READS: ReadonlySet<string> = new Set([
  'GET /v2/user/profile',
  'GET /v2/user/get-funds-and-margin',
  'GET /v2/portfolio/short-term-positions',
  'GET /v2/portfolio/long-term-holdings',
  'GET /v2/order/retrieve-all',
  'GET /v2/order/details',
  'GET /v2/order/history',
  'GET /v2/order/trades/get-trades-for-day',
  'GET /v2/order/trades',
]);

/**
 * CONTRACT §3.1 gives UDAPI100067 only as "4xx"; the simulator answers 401 like the gateway's other token errors
 * (UDAPI100050), the harder case for a client, which must tell the two apart by code and not mark the token dead.
 */
export const extendedTokenNotPermitted = (): UpstoxHttpError =>
  UpstoxHttpError.of(401, 'UDAPI100067', 'The API you are trying to access is not permitted with an extended_token');

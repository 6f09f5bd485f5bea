import {
  Funds,
  Holding,
  ModifyOrderRequest,
  Order,
  OrderActionResponse,
  OrderHistoryEntry,
  PlaceOrderRequest,
  Position,
  Profile,
  Trade,
  UpstoxEnvironment,
  UpstoxKillSwitchChange,
  UpstoxKillSwitchSegmentState,
} from '@desk/contracts';
import type { ExchangeStatus, ExchangeTiming, MarketHoliday } from './market-info';
import type { UserStaticIps } from './user-controls';
import type { BrokerageCharges, BrokerageQuery, Candle, CandleUnit, HistoricalCandleQuery, MarginInstrument, MarginResult } from './market-data.types';

/** Where calls for one connection go. Order writes use `orderUrl`, everything else `apiUrl`. */
export interface UpstoxEndpoints {
  environment: UpstoxEnvironment;
  apiUrl: string;
  orderUrl: string;
}

export interface UpstoxAuth {
  endpoints: UpstoxEndpoints;
  accessToken: string;
}

export interface UpstoxToken {
  accessToken: string;
  /** The read-only extended token Upstox may return with the access token (CONTRACT §2.2, §2.4); null when absent. */
  extendedToken: string | null;
  profile: Profile;
}

/**
 * What the v3 body's `quantity` and `slice` depend on, from the instrument list (units): an MCX quantity goes out as
 * lots, and above the freeze quantity the order goes out with `slice: true`. Null = not known.
 */
export interface OrderInstrumentFacts {
  instrumentKey: string;
  lotSize: number | null;
  freezeQuantity: number | null;
}

/** The order as sent to Upstox: the user's request plus our unique tag (at most 40 chars). */
export interface BrokerPlaceOrder extends PlaceOrderRequest {
  brokerTag: string;
  /** The instrument's lot size and freeze quantity; without them an MCX order is refused and `slice` is false. */
  instrument?: OrderInstrumentFacts;
}

/** One status transition from GET /v2/order/history, with the order it belongs to. */
export interface BrokerOrderRow extends OrderHistoryEntry {
  orderId: string;
  tag: string | null;
}

/**
 * One version of an order (a row of the order book, or a portfolio-stream `order` message). `requestId` is
 * Upstox's `order_request_id` as a number ("1", "2", ... one more per modify, CONTRACT §5.6); null when absent.
 */
export interface OrderUpdate {
  order: Order;
  requestId: number | null;
}

export interface PlaceOrderResult {
  orderIds: string[];
  latencyMs: number | null;
}

/**
 * The DI token for Upstox access (one adapter: HttpUpstoxClient). Every method throws
 * UpstoxApiError (a DeskError) on failure; read `outcome` before deciding anything about a write.
 */
export abstract class UpstoxClient {
  /** The documented /v2/login/authorization/dialog URL (not the guide's account.upstox.com one). */
  abstract authorizationUrl(e: UpstoxEndpoints, p: { clientId: string; redirectUri: string; state: string }): string;
  /** Exchanges a single-use code exactly once (never retried). */
  abstract exchangeCode(
    e: UpstoxEndpoints,
    p: { code: string; clientId: string; clientSecret: string; redirectUri: string },
  ): Promise<UpstoxToken>;
  abstract getProfile(a: UpstoxAuth): Promise<Profile>;
  abstract getFunds(a: UpstoxAuth): Promise<Funds>;
  abstract logout(a: UpstoxAuth): Promise<void>;
  /** v3 place, `tag` = brokerTag, quantity in lots for MCX, `slice: true` above the freeze quantity. Never retried. */
  abstract placeOrder(a: UpstoxAuth, o: BrokerPlaceOrder): Promise<PlaceOrderResult>;
  /** v3 modify; with `instrument`, an MCX quantity goes out as lots (without it, the quantity is sent as given). */
  abstract modifyOrder(a: UpstoxAuth, orderId: string, m: ModifyOrderRequest, instrument?: OrderInstrumentFacts): Promise<OrderActionResponse>;
  abstract cancelOrder(a: UpstoxAuth, orderId: string): Promise<OrderActionResponse>;
  abstract getOrderBook(a: UpstoxAuth): Promise<Order[]>;
  /** The order book (the same call as getOrderBook), each row with its `order_request_id`: a gap-fill snapshot. */
  abstract getOrderSnapshot(a: UpstoxAuth): Promise<OrderUpdate[]>;
  abstract getOrderDetails(a: UpstoxAuth, orderId: string): Promise<Order>;
  abstract getOrderHistory(a: UpstoxAuth, q: { orderId?: string; tag?: string }): Promise<BrokerOrderRow[]>;
  abstract getTrades(a: UpstoxAuth): Promise<Trade[]>;
  abstract getTradesByOrder(a: UpstoxAuth, orderId: string): Promise<Trade[]>;
  /** GET /v2/portfolio/short-term-positions; P&L computed with `pricePosition` (see mapPosition). */
  abstract getPositions(a: UpstoxAuth): Promise<Position[]>;
  /** GET /v2/portfolio/long-term-holdings; valued with `priceHolding` (see mapHolding). */
  abstract getHoldings(a: UpstoxAuth): Promise<Holding[]>;
  /**
   * GET /v2/feed/portfolio-stream-feed/authorize: the single-use `authorized_redirect_uri` of the portfolio
   * stream (CONTRACT §9.1). The URI carries a one-time code: never log it.
   */
  abstract authorizePortfolioFeed(a: UpstoxAuth, updateTypes: string[]): Promise<string>;
  /** Last traded prices keyed by instrument_key (Upstox keys its answer by SEGMENT:SYMBOL). */
  abstract getLastPrices(a: UpstoxAuth, instrumentKeys: string[]): Promise<Record<string, number>>;
  /**
   * GET /v3/feed/market-data-feed/authorize: the single-use `authorized_redirect_uri` of the market data feed
   * (CONTRACT §9.2). The URI carries a one-time code: never log it.
   */
  abstract authorizeMarketDataFeed(a: UpstoxAuth): Promise<string>;
  /** GET /v3/historical-candle/intraday/{key}/{unit}/{interval}: today's candles, oldest first. */
  abstract getIntradayCandles(a: UpstoxAuth, instrumentKey: string, unit: CandleUnit, interval: number): Promise<Candle[]>;
  /** GET /v3/historical-candle/{key}/{unit}/{interval}/{to_date}[/{from_date}]: past candles, oldest first. */
  abstract getHistoricalCandles(a: UpstoxAuth, q: HistoricalCandleQuery): Promise<Candle[]>;
  /** POST /v2/charges/margin for up to 20 legs (more is refused locally: a basket's margin cannot be split). */
  abstract getMargin(a: UpstoxAuth, instruments: MarginInstrument[]): Promise<MarginResult>;
  /** GET /v2/charges/brokerage: the charges of one order. */
  abstract getBrokerage(a: UpstoxAuth, q: BrokerageQuery): Promise<BrokerageCharges>;
  /** GET /v2/market/status/{exchange}: the exchange's status now (NORMAL_OPEN, NORMAL_CLOSE, ...). */
  abstract getMarketStatus(a: UpstoxAuth, exchange: string): Promise<ExchangeStatus>;
  /** GET /v2/market/timings/{date}: each exchange's session on an IST date `YYYY-MM-DD` (none on a closed day). */
  abstract getMarketTimings(a: UpstoxAuth, date: string): Promise<ExchangeTiming[]>;
  /** GET /v2/market/holidays: the year's exchange holidays and special sessions. */
  abstract getMarketHolidays(a: UpstoxAuth): Promise<MarketHoliday[]>;
  /** GET /v2/user/ip: the static IPs Upstox accepts order writes from (CONTRACT §11). Not in the sandbox. */
  abstract getUserIp(a: UpstoxAuth): Promise<UserStaticIps>;
  /** GET /v2/user/kill-switch: Upstox's own per-segment kill switch. Not in the sandbox. */
  abstract getKillSwitch(a: UpstoxAuth): Promise<UpstoxKillSwitchSegmentState[]>;
  /** POST /v2/user/kill-switch (all or none; DISABLE cancels the segment's pending orders). Never retried. */
  abstract setKillSwitch(a: UpstoxAuth, changes: UpstoxKillSwitchChange[]): Promise<UpstoxKillSwitchSegmentState[]>;
}

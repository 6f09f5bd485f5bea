import type { AccountStreamStatus } from './connection';
import type { PlaceOrderRequest } from './orders';

/**
 * Live prices from Upstox's market data feed (issue 12). The api holds one feed per connection and subscribes
 * by need: instruments in open positions, holdings and working orders, plus what clients lease through
 * `POST /api/market/interest` (an open order dialog or chart).
 */
export interface Quote {
  instrumentKey: string;
  /** Last traded price, rupees. */
  lastPrice: number;
  /** Previous session's close, when the feed gave one. */
  closePrice: number | null;
  /** lastPrice - closePrice, and as a percentage of closePrice; null without a close. */
  change: number | null;
  changePercent: number | null;
  /** When the exchange last traded (ISO 8601), when known. */
  tradedAt: string | null;
}

/**
 * The `quote` event of GET /api/events: the newest prices, coalesced per instrument (at most a few per second
 * per instrument per client). Quote events carry no `id:` and are never replayed: after a reconnect a client
 * re-reads `GET /api/market/quotes` for what it shows.
 */
export interface QuotesEvent {
  quotes: Quote[];
}

/** What Upstox's market_info says about one segment (NSE_EQ, NSE_FO, BSE_EQ, MCX_FO, ...). */
export type MarketSegmentPhase = 'pre-open' | 'open' | 'closing' | 'closed';

/** The `market` event and `GET /api/market/status`: each segment's phase, from the feed (or the REST status). */
export interface MarketStatusView {
  segments: Record<string, { phase: MarketSegmentPhase; upstoxStatus: string }>;
  /**
   * The api's market data feed (one Upstox socket per connection): while it is not `live` prices are not streaming
   * (positions are then priced by a periodic read). Null without a connection that has a feed (none, sandbox).
   */
  feed?: AccountStreamStatus | null;
  asOf: string;
}

/** `POST /api/market/interest`: keep these instruments subscribed for a while (an open dialog renews it). */
export interface MarketInterestRequest {
  instrumentKeys: string[];
}
export interface MarketInterestView {
  /** The id to renew (`PUT /api/market/interest/:id`) or drop (`DELETE /api/market/interest/:id`). */
  id: string;
  instrumentKeys: string[];
  /** Without a renewal the lease ends then (a closed tab does not keep subscriptions alive). */
  expiresAt: string;
  /** The current quotes of those instruments, so the caller need not wait for the next tick. */
  quotes: Quote[];
}

export type CandleInterval = '1minute' | '5minute';
export interface Candle {
  /** Start of the candle, epoch seconds (what lightweight-charts takes). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}
/** `GET /api/market/candles?instrumentKey=&interval=`: today's candles, oldest first; the last one is live. */
export interface CandlesView {
  instrumentKey: string;
  interval: CandleInterval;
  candles: Candle[];
  asOf: string;
}

/** `POST /api/orders/costs` takes the order as it would be placed. */
export type OrderCostsRequest = PlaceOrderRequest;

export interface OrderCharges {
  brokerage: number;
  /** STT or CTT. */
  transactionTax: number;
  exchangeCharges: number;
  gst: number;
  stampDuty: number;
  sebiFees: number;
  otherCharges: number;
  total: number;
}

/** The desk's own per-order limit that refuses an order (POST /api/orders would answer 422 RISK_LIMIT with these words). */
export interface DeskLimitRefusal {
  limit: 'ORDER_MAX_QUANTITY' | 'ORDER_MAX_NOTIONAL';
  message: string;
  nextStep: string;
}

/** What the order needs and costs, before it is sent. Each part is null with a reason when Upstox cannot say. */
export interface OrderCostsView {
  margin: { required: number; available: number | null; sufficient: boolean | null } | null;
  charges: OrderCharges | null;
  /** e.g. "Not available in the Upstox sandbox." when margin or charges are null. */
  unavailableReason: string | null;
  /**
   * The desk's quantity or value limit this order is above, checked as placing it would (value at the same last
   * price): null when within them. Said before Confirm; placing it would be refused without reaching Upstox.
   */
  deskLimit: DeskLimitRefusal | null;
  asOf: string;
}

/**
 * `GET /api/market/hours?exchange=NSE` (issue 9 item 2): whether the exchange trades now and when that changes.
 * Built from Upstox's market timings and holidays (read at connect and once a day) and the live phase: the feed's
 * market_info when it has one, else Upstox's market status, else the day's timings.
 */
export interface MarketHoursView {
  exchange: string;
  open: boolean;
  /** The phase the answer was taken from (null when only the timings said). */
  phase: MarketSegmentPhase | null;
  source: 'feed' | 'upstox-status' | 'timings' | 'regular-hours';
  /** When `open`: the end of today's session (ISO 8601); null when it does not close today (open all day). */
  closesAt: string | null;
  /** When closed: the start of the next session, skipping weekends and holidays (ISO 8601); null if none is known. */
  nextOpenAt: string | null;
  /** Today's holiday for this exchange, e.g. "Christmas", when it is one. */
  holiday: string | null;
  asOf: string;
}

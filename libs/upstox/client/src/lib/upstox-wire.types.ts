/**
 * Upstox's own JSON shapes (snake_case), as documented in CONTRACT.md. Nothing outside this library
 * sees them: responses are mapped to @desk/contracts types at the edge (upstox-mappers.ts).
 */

export interface UpstoxWireErrorItem {
  error_code?: string | null;
  message?: string | null;
  property_path?: string | null;
  invalid_value?: unknown;
  /** Deprecated camelCase duplicates, still emitted. */
  errorCode?: string | null;
  propertyPath?: string | null;
  invalidValue?: unknown;
}

/** POST /v2/login/authorization/token: a flat object, not wrapped in {status,data}. */
export interface UpstoxTokenResponse {
  email: string;
  exchanges: string[];
  products: string[];
  broker: string;
  user_id: string;
  user_name: string;
  order_types: string[];
  user_type: string;
  poa: boolean;
  ddpi?: boolean;
  is_active: boolean;
  access_token: string;
  extended_token?: string | null;
}

/** GET /v2/user/profile `data` */
export interface UpstoxProfileData {
  email: string;
  exchanges: string[];
  products: string[];
  broker: string;
  user_id: string;
  user_name: string;
  order_types: string[];
  user_type: string;
  poa: boolean;
  ddpi?: boolean;
  is_active: boolean;
}

export interface UpstoxSegmentFunds {
  used_margin: number | null;
  payin_amount: number | null;
  span_margin: number | null;
  adhoc_margin: number | null;
  notional_cash: number | null;
  available_margin: number | null;
  exposure_margin: number | null;
}

/** GET /v2/user/get-funds-and-margin `data` */
export interface UpstoxFundsData {
  equity?: UpstoxSegmentFunds | null;
  commodity?: UpstoxSegmentFunds | null;
}

/** v3 place / modify request bodies (built by toPlaceOrderBody / toModifyOrderBody in upstox-mappers.ts). */
export interface UpstoxPlaceOrderV3Body {
  quantity: number;
  product: string;
  validity: string;
  price: number;
  tag: string;
  instrument_token: string;
  order_type: string;
  transaction_type: string;
  disclosed_quantity: number;
  trigger_price: number;
  is_amo: boolean;
  slice: boolean;
  /** MARKET and SL-M only (CONTRACT §5.2): -1 automatic, 0 none, 1-25 percent. */
  market_protection?: number;
}

export interface UpstoxModifyOrderV3Body {
  order_id: string;
  order_type: string;
  validity: string;
  price: number;
  trigger_price: number;
  quantity?: number;
  disclosed_quantity?: number;
  market_protection?: number;
}

/** One transition of GET /v2/order/history (`OrderData`). */
export interface UpstoxOrderData {
  exchange: string;
  product: string;
  price: number;
  quantity: number;
  status: string;
  tag: string | null;
  instrument_token: string;
  placed_by?: string;
  trading_symbol?: string;
  tradingsymbol?: string;
  order_type: string;
  validity: string;
  trigger_price: number;
  disclosed_quantity: number;
  transaction_type: string;
  average_price: number | null;
  filled_quantity: number;
  status_message: string | null;
  exchange_order_id: string | null;
  parent_order_id?: string | null;
  order_id: string;
  variety?: string;
  order_timestamp: string | null;
  exchange_timestamp: string | null;
  is_amo: boolean;
  order_request_id?: string;
}

/** GET /v2/order/retrieve-all and /v2/order/details (`OrderBookData`). */
export interface UpstoxOrderBookData extends UpstoxOrderData {
  guid?: string | null;
  pending_quantity: number;
  status_message_raw?: string | null;
  order_ref_id?: string;
}

/** GET /v2/order/trades/get-trades-for-day and /v2/order/trades (`TradeData`). */
export interface UpstoxTradeData {
  exchange: string;
  product: string;
  trading_symbol?: string;
  tradingsymbol?: string;
  instrument_token: string;
  order_type: string;
  transaction_type: string;
  quantity: number;
  exchange_order_id: string | null;
  order_id: string;
  exchange_timestamp: string | null;
  average_price: number;
  trade_id: string;
  order_ref_id?: string;
  order_timestamp?: string | null;
}

/** One value of GET /v3/market-quote/ltp `data` (keyed by `SEGMENT:SYMBOL`, not by instrument key). */
export interface UpstoxLtpQuote {
  last_price: number;
  instrument_token: string;
  ltq?: number;
  volume?: number;
  cp?: number;
}

/** One row of GET /v2/portfolio/short-term-positions `data` (CONTRACT §6.1). */
export interface UpstoxPositionData {
  exchange: string;
  multiplier?: number | null;
  value?: number | null;
  pnl?: number | null;
  product: string;
  instrument_token: string;
  average_price?: number | null;
  buy_value?: number | null;
  overnight_quantity?: number | null;
  day_buy_value?: number | null;
  day_buy_price?: number | null;
  overnight_buy_amount?: number | null;
  overnight_buy_quantity?: number | null;
  day_buy_quantity?: number | null;
  day_sell_value?: number | null;
  day_sell_price?: number | null;
  overnight_sell_amount?: number | null;
  overnight_sell_quantity?: number | null;
  day_sell_quantity?: number | null;
  quantity: number;
  last_price?: number | null;
  unrealised?: number | null;
  realised?: number | null;
  sell_value?: number | null;
  trading_symbol?: string;
  tradingsymbol?: string;
  close_price?: number | null;
  buy_price?: number | null;
  sell_price?: number | null;
}

/** One row of GET /v2/portfolio/long-term-holdings `data` (CONTRACT §6.2). */
export interface UpstoxHoldingData {
  isin: string;
  cnc_used_quantity?: number | null;
  collateral_type?: string | null;
  company_name?: string | null;
  haircut?: number | null;
  product?: string | null;
  quantity: number;
  trading_symbol?: string;
  tradingsymbol?: string;
  last_price?: number | null;
  close_price?: number | null;
  pnl?: number | null;
  day_change?: number | null;
  day_change_percentage?: number | null;
  /** Absent from the stream's holding messages (CONTRACT §9.1): derived from exchange + ISIN then. */
  instrument_token?: string;
  average_price?: number | null;
  collateral_quantity?: number | null;
  collateral_update_quantity?: number | null;
  t1_quantity?: number | null;
  exchange?: string | null;
}

/** GET /v2/feed/portfolio-stream-feed/authorize `data` (CONTRACT §9.1). */
export interface UpstoxFeedAuthorizeData {
  authorized_redirect_uri?: string;
  /** Deprecated camelCase duplicate. */
  authorizedRedirectUri?: string;
}

/** v3 candle APIs: `data.candles` = [timestamp ISO+05:30, open, high, low, close, volume, oi][] (CONTRACT §7.1). */
export interface UpstoxCandleData {
  candles: unknown[][];
}

/** POST /v2/charges/margin `data` (DOCS margin; SDK MarginData / Margin). */
export interface UpstoxMarginData {
  margins: {
    span_margin?: number;
    exposure_margin?: number;
    equity_margin?: number;
    net_buy_premium?: number;
    additional_margin?: number;
    total_margin?: number;
    tender_margin?: number;
  }[];
  required_margin?: number;
  final_margin?: number;
}

/**
 * GET /v2/charges/brokerage `data` (DOCS get-brokerage; SDK BrokerageData). The docs name the other charges
 * `other_charges` (camelCase duplicate `otherTaxes`, which the JS SDK reads; the Python SDK says `other_taxes`).
 */
export interface UpstoxBrokerageData {
  charges: {
    total?: number;
    brokerage?: number;
    taxes?: { gst?: number; stt?: number; stamp_duty?: number };
    other_charges?: UpstoxOtherCharges;
    other_taxes?: UpstoxOtherCharges;
    otherTaxes?: UpstoxOtherCharges;
    dp_plan?: { name?: string; min_expense?: number } | null;
    dpPlan?: { name?: string; min_expense?: number } | null;
  };
}

export interface UpstoxOtherCharges {
  transaction?: number;
  clearing?: number;
  ipft?: number;
  sebi_turnover?: number;
}

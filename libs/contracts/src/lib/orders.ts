export const TRANSACTION_TYPES = ['BUY', 'SELL'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL-M'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Products that Upstox's v3 place endpoint accepts: intraday, delivery, margin trading. */
export const PRODUCTS = ['I', 'D', 'MTF'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_LABELS: Record<Product, string> = { I: 'Intraday', D: 'Delivery', MTF: 'MTF' };

export const VALIDITIES = ['DAY', 'IOC'] as const;
export type Validity = (typeof VALIDITIES)[number];

/**
 * Market protection (Upstox `market_protection`, CONTRACT §5.2): how far from the last price, in percent, a MARKET
 * or SL-M order may fill. -1 = Upstox's automatic band, 0 = none, 1-25 = that band. Since 1 April 2026 Upstox refuses
 * MARKET and SL-M orders sent without it (UDAPI1158), so the desk always sends it for those two types.
 */
export const MARKET_PROTECTION = { automatic: -1, min: 0, max: 25 } as const;

/** Whether the order type carries market protection (it is ignored for LIMIT and SL). */
export function usesMarketProtection(orderType: OrderType): boolean {
  return orderType === 'MARKET' || orderType === 'SL-M';
}

/** POST /api/orders (sent to Upstox's v3 place endpoint). Prices in rupees. */
export interface PlaceOrderRequest {
  instrumentKey: string;
  transactionType: TransactionType;
  quantity: number;
  orderType: OrderType;
  product: Product;
  validity: Validity;
  /** Required > 0 for LIMIT and SL; must be 0 or absent for MARKET and SL-M. */
  price?: number;
  /** Required > 0 for SL and SL-M; must be 0 or absent for MARKET and LIMIT. */
  triggerPrice?: number;
  disclosedQuantity?: number;
  /** The user's own label (shown in the order book); the api adds its own unique broker tag. */
  tag?: string;
  isAmo?: boolean;
  /**
   * MARKET and SL-M only: -1 (Upstox's automatic band) or 0-25 percent. Absent: the server's default
   * (UPSTOX_MARKET_PROTECTION, -1 unless set).
   */
  marketProtection?: number;
}

export interface PlaceOrderResponse {
  /** Our journal id for this order intent. */
  intentId: string;
  /** `placed`: Upstox accepted it; `unknown`: the outcome is being reconciled, do not resubmit. */
  outcome: 'placed' | 'unknown';
  orderIds: string[];
  /** Platform latency Upstox reported in `metadata.latency`, in ms. */
  latencyMs: number | null;
  /** With `unknown`: why, when the desk can say more (the Upstox sandbox cannot tell whether an order was placed). */
  message?: string;
}

/**
 * PUT /api/orders/:id. Omitted optional fields keep the order's current values. The change is checked against
 * the same limits as a new order, on the order as it would be after the change.
 */
export interface ModifyOrderRequest {
  /**
   * The order's instrument and side cannot change; when given they must match the order. Required, with
   * `quantity`, in the Upstox sandbox, where the order cannot be read: the limits are checked on the body alone.
   */
  instrumentKey?: string;
  transactionType?: TransactionType;
  orderType: OrderType;
  validity: Validity;
  quantity?: number;
  price?: number;
  triggerPrice?: number;
  disclosedQuantity?: number;
  /** As on place: MARKET and SL-M only; absent = the server's default. */
  marketProtection?: number;
}

export interface OrderActionResponse {
  orderId: string;
  latencyMs: number | null;
}

/** Upstox's 17 documented status strings (lower case with spaces), passed through unchanged. */
export const ORDER_STATUSES = [
  'put order req received',
  'validation pending',
  'open pending',
  'trigger pending',
  'open',
  'complete',
  'rejected',
  'cancelled',
  'modify pending',
  'modify validation pending',
  'modified',
  'not modified',
  'cancel pending',
  'not cancelled',
  'after market order req received',
  'modify after market order req received',
  'cancelled after market order',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What a status means for the user: colour in the UI, and whether Modify/Cancel apply. In the order they come. */
export const ORDER_STATUS_CLASSES = ['pending', 'working', 'complete', 'rejected', 'cancelled'] as const;
export type OrderStatusClass = (typeof ORDER_STATUS_CLASSES)[number];

export interface Order {
  orderId: string;
  exchangeOrderId: string | null;
  instrumentKey: string;
  tradingSymbol: string;
  exchange: string;
  transactionType: TransactionType;
  orderType: OrderType;
  product: string;
  validity: string;
  quantity: number;
  filledQuantity: number;
  pendingQuantity: number;
  price: number;
  triggerPrice: number;
  averagePrice: number;
  disclosedQuantity: number;
  /** Upstox's status string, unchanged. */
  status: string;
  statusClass: OrderStatusClass;
  statusMessage: string | null;
  tag: string | null;
  isAmo: boolean;
  /**
   * Upstox's `order_timestamp` as ISO-8601 with +05:30: the time of the order's latest update (it moves
   * with each status change). Sort by `orderId` for placement order.
   */
  placedAt: string | null;
  exchangeTimestamp: string | null;
}

export interface OrderHistoryEntry {
  status: string;
  statusClass: OrderStatusClass;
  statusMessage: string | null;
  price: number;
  triggerPrice: number;
  quantity: number;
  filledQuantity: number;
  averagePrice: number;
  /** ISO-8601 with +05:30 */
  at: string | null;
}

/** GET /api/orders/:id */
export interface OrderDetails {
  order: Order;
  history: OrderHistoryEntry[];
}

/** GET /api/trades */
export interface Trade {
  tradeId: string;
  orderId: string;
  exchangeOrderId: string | null;
  instrumentKey: string;
  tradingSymbol: string;
  exchange: string;
  product: string;
  orderType: string;
  transactionType: TransactionType;
  quantity: number;
  averagePrice: number;
  /** ISO-8601 with +05:30 */
  tradedAt: string | null;
}

/** GET/PUT /api/orders/kill-switch. While enabled, every new order is refused (ORDERS_HALTED). */
export interface KillSwitchState {
  enabled: boolean;
  /** ISO-8601 instant of the last change; null when never set. */
  updatedAt: string | null;
}

/**
 * The newer of two readings of the kill switch (a GET answer and a `kill-switch` event can arrive in either order):
 * the one changed last, the incoming one when they tie.
 */
export function latestKillSwitchState(current: KillSwitchState | null, incoming: KillSwitchState): KillSwitchState {
  if (!current || current.updatedAt === null) return incoming;
  if (incoming.updatedAt === null) return current;
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt) ? incoming : current;
}

/** Journal status of one order intent (see GET /api/order-intents). */
export type OrderIntentStatus = 'PENDING_SUBMIT' | 'SUBMITTED' | 'REJECTED' | 'UNKNOWN' | 'NOT_PLACED';

/**
 * Why an intent whose outcome was unknown is NOT_PLACED: the api's answer to a replay of its key, and the Place Order
 * dialog's once it learns it. `cause` is the failure that made the outcome unknown (e.g. a timeout).
 * E.g. "The order was not placed. The request failed (Upstox did not answer in time), and Upstox has no order with its tag."
 */
export function notPlacedMessage(cause: string | null): string {
  // The cause's first sentence: its advice ("check the order book before trying again") is answered by now.
  const reason = cause?.split('. ')[0].replace(/\.$/, '');
  const why = reason ? ` (${reason})` : '';
  return `The order was not placed. The request failed${why}, and Upstox has no order with its tag.`;
}

/** GET /api/order-intents/:id: what became of one submit, e.g. after a 202 `unknown` answer. */
export interface OrderIntentView {
  intentId: string;
  status: OrderIntentStatus;
  brokerTag: string;
  orderIds: string[];
  request: PlaceOrderRequest;
  errorCode: string | null;
  upstoxCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
}

import type { SimInstrument } from '../market/instruments';

/** CONTRACT §5.7 status strings. */
export const ORDER_STATUS = {
  received: 'put order req received',
  validationPending: 'validation pending',
  openPending: 'open pending',
  triggerPending: 'trigger pending',
  open: 'open',
  complete: 'complete',
  rejected: 'rejected',
  cancelled: 'cancelled',
  modifyPending: 'modify pending',
  modifyValidationPending: 'modify validation pending',
  modified: 'modified',
  notModified: 'not modified',
  cancelPending: 'cancel pending',
  notCancelled: 'not cancelled',
  amoReceived: 'after market order req received',
  amoModified: 'modify after market order req received',
  amoCancelled: 'cancelled after market order',
} as const;

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  ORDER_STATUS.complete,
  ORDER_STATUS.rejected,
  ORDER_STATUS.cancelled,
  ORDER_STATUS.amoCancelled,
]);

export type OrderType = 'MARKET' | 'LIMIT' | 'SL' | 'SL-M';
export type TransactionType = 'BUY' | 'SELL';
export type Validity = 'DAY' | 'IOC';

/** `OrderBookData` exactly as Upstox serialises it (CONTRACT §5.6). */
export interface OrderBookData {
  exchange: string;
  product: string;
  price: number;
  quantity: number;
  status: string;
  guid: string | null;
  tag: string | null;
  instrument_token: string;
  placed_by: string;
  trading_symbol: string;
  tradingsymbol: string;
  order_type: OrderType;
  validity: Validity;
  trigger_price: number;
  disclosed_quantity: number;
  transaction_type: TransactionType;
  average_price: number;
  filled_quantity: number;
  pending_quantity: number;
  status_message: string | null;
  status_message_raw: string | null;
  exchange_order_id: string;
  parent_order_id: string | null;
  order_id: string;
  variety: string;
  order_timestamp: string;
  exchange_timestamp: string | null;
  is_amo: boolean;
  order_request_id: string;
  order_ref_id: string;
}

/** `OrderData` (history element): OrderBookData minus four fields (CONTRACT §5.6). */
export type OrderData = Omit<OrderBookData, 'guid' | 'pending_quantity' | 'status_message_raw' | 'order_ref_id'>;

/** `TradeData` (CONTRACT §5.6). */
export interface TradeData {
  exchange: string;
  product: string;
  trading_symbol: string;
  tradingsymbol: string;
  instrument_token: string;
  order_type: OrderType;
  transaction_type: TransactionType;
  quantity: number;
  exchange_order_id: string;
  order_id: string;
  exchange_timestamp: string;
  average_price: number;
  trade_id: string;
  order_ref_id: string;
  order_timestamp: string;
}

/** A simulator order: the wire view plus what the engine needs to run it. */
export interface SimOrder {
  view: OrderBookData;
  userId: string;
  instrument: SimInstrument;
  history: OrderData[];
  /** Sum of fill price x quantity, for the average price. */
  filledValue: number;
  /** True once an SL / SL-M order has been triggered (it then behaves as LIMIT / MARKET). */
  triggered: boolean;
  amo: boolean;
  marketProtection: number | null;
}

export interface SimTrade {
  view: TradeData;
  userId: string;
  instrument: SimInstrument;
  price: number;
}

export function isTerminal(order: SimOrder): boolean {
  return TERMINAL_STATUSES.has(order.view.status);
}

export function toHistoryEntry(view: OrderBookData): OrderData {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { guid, pending_quantity, status_message_raw, order_ref_id, ...rest } = view;
  return { ...rest };
}

/** The portfolio-stream `order` message (CONTRACT §9.1). */
export function orderFeedMessage(order: SimOrder): Record<string, unknown> {
  return {
    update_type: 'order',
    user_id: order.userId,
    userId: order.userId,
    instrument_key: order.view.instrument_token,
    ...order.view,
  };
}

/** Effective behaviour: an SL / SL-M order that has triggered works as LIMIT / MARKET. */
export function effectiveType(order: SimOrder): 'MARKET' | 'LIMIT' {
  const t = order.view.order_type;
  return t === 'MARKET' || t === 'SL-M' ? 'MARKET' : 'LIMIT';
}

export function isStopOrder(order: SimOrder): boolean {
  return order.view.order_type === 'SL' || order.view.order_type === 'SL-M';
}

import { istTimestamp } from '../clock';
import type { PriceBook } from '../market/prices';
import { effectiveType, ORDER_STATUS, SimOrder, SimTrade } from './order-model';

/** A resting LIMIT (or triggered SL) order is marketable when the LTP crosses its price. */
export function limitCrosses(order: SimOrder, ltp: number): boolean {
  return order.view.transaction_type === 'BUY' ? ltp <= order.view.price : ltp >= order.view.price;
}

/** Stop orders trigger when the LTP reaches the trigger: BUY at or above, SELL at or below. */
export function triggerCrossed(order: SimOrder, ltp: number): boolean {
  return order.view.transaction_type === 'BUY' ? ltp >= order.view.trigger_price : ltp <= order.view.trigger_price;
}

/** Fill price for a marketable order: LTP for market-type orders, the limit price otherwise. */
export function fillPrice(order: SimOrder, prices: PriceBook): number {
  return effectiveType(order) === 'MARKET' ? prices.ltp(order.view.instrument_token) : order.view.price;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Applies a fill of `quantity` at `price` to the order and returns the trade. The caller records the
 * resulting status (`complete` when nothing is pending, otherwise it stays `open`).
 */
export function applyFill(order: SimOrder, quantity: number, price: number, now: number, tradeId: string, prices: PriceBook): SimTrade {
  const v = order.view;
  v.filled_quantity += quantity;
  v.pending_quantity = v.quantity - v.filled_quantity;
  order.filledValue += quantity * price;
  v.average_price = round2(order.filledValue / v.filled_quantity);
  v.status = v.pending_quantity === 0 ? ORDER_STATUS.complete : ORDER_STATUS.open;
  prices.recordTrade(v.instrument_token, quantity);
  const timestamp = istTimestamp(now);
  return {
    userId: order.userId,
    instrument: order.instrument,
    price,
    view: {
      exchange: v.exchange,
      product: v.product,
      trading_symbol: v.trading_symbol,
      tradingsymbol: v.tradingsymbol,
      instrument_token: v.instrument_token,
      order_type: v.order_type,
      transaction_type: v.transaction_type,
      quantity,
      exchange_order_id: v.exchange_order_id,
      order_id: v.order_id,
      exchange_timestamp: timestamp,
      average_price: price,
      trade_id: tradeId,
      order_ref_id: v.order_ref_id,
      order_timestamp: v.order_timestamp,
    },
  };
}

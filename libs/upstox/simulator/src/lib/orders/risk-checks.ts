import { UpstoxHttpError } from '../envelope';
import { isOnTick, SimInstrument } from '../market/instruments';
import type { PriceBook } from '../market/prices';
import { fundsFor } from '../user/funds';
import { deliverySellRefusal } from './delivery-sells';
import { effectiveType, isStopOrder, SimOrder } from './order-model';
import type { OrderControls } from './order-controls';
import type { OrderStore } from './order-store';
import type { PlaceRequest } from './validation';

export const MAX_SLICES = 25;

/**
 * v3 `slice`: splits by the instrument's freeze quantity (in whole lots); more than 25 children is UDAPI1118. Quantities
 * here are units (an MCX wire quantity in lots is converted first); the file's freeze_quantity is taken as units too.
 */
export function sliceQuantities(req: PlaceRequest): number[] {
  const freeze = req.instrument.record.freeze_quantity;
  if (!req.slice || !freeze || req.quantity <= freeze) return [req.quantity];
  const lot = Math.max(1, req.instrument.record.lot_size);
  const chunk = Math.max(lot, Math.floor(freeze / lot) * lot);
  const count = Math.ceil(req.quantity / chunk);
  if (count > MAX_SLICES) {
    throw UpstoxHttpError.of(400, 'UDAPI1118', 'Number of orders after slicing exceeds the maximum of 25', 'quantity', req.quantity);
  }
  const parts: number[] = [];
  for (let left = req.quantity; left > 0; left -= chunk) parts.push(Math.min(chunk, left));
  return parts;
}

/**
 * An un-sliced order above the freeze quantity is refused as the exchange does ("check freeze quantity"). Upstox
 * documents no error code for it, so like the other RMS checks it is accepted and then `rejected` (our text).
 * A sliced child is never above it (sliceQuantities).
 */
export function freezeQuantityRefusal(order: SimOrder): string | null {
  const freeze = order.instrument.record.freeze_quantity;
  if (!freeze || order.view.quantity <= freeze) return null;
  return `Quantity ${order.view.quantity} is above the exchange's freeze quantity ${freeze} for ${order.instrument.record.trading_symbol}: send it with slice: true or place smaller orders.`;
}

/**
 * RMS checks run at `validation pending`: lot size, freeze quantity, tick size, stop-price sanity, delivery sells
 * (holdings, TPIN) and funds. A failure does not fail the API call; the order is accepted and then `rejected` with
 * this message (CONTRACT §3.1).
 */
export function rejectionReason(order: SimOrder, prices: PriceBook, store: OrderStore, controls: OrderControls): string | null {
  const v = order.view;
  const i: SimInstrument = order.instrument;
  const lot = Math.max(1, i.record.lot_size);
  if (v.quantity % lot !== 0) return `Quantity should be a multiple of the lot size ${lot}.`;
  const frozen = freezeQuantityRefusal(order);
  if (frozen) return frozen;
  const tick = (i.record.tick_size / 100).toFixed(2);
  if (v.order_type === 'LIMIT' || v.order_type === 'SL') {
    if (!isOnTick(v.price, i)) return `Price ${v.price} is not a multiple of the tick size ${tick}.`;
  }
  if (isStopOrder(order)) {
    if (!isOnTick(v.trigger_price, i)) return `Trigger price ${v.trigger_price} is not a multiple of the tick size ${tick}.`;
    if (v.order_type === 'SL' && v.transaction_type === 'BUY' && v.trigger_price > v.price) {
      return 'Trigger price for a stop loss buy order should be less than or equal to the limit price.';
    }
    if (v.order_type === 'SL' && v.transaction_type === 'SELL' && v.trigger_price < v.price) {
      return 'Trigger price for a stop loss sell order should be greater than or equal to the limit price.';
    }
  }
  const delivery = deliverySellRefusal(order, store, controls);
  if (delivery) return delivery;
  if (v.transaction_type === 'BUY') {
    const ref = effectiveType(order) === 'MARKET' ? prices.ltp(v.instrument_token) : v.price;
    const required = v.quantity * ref;
    const available = fundsFor(order.userId, store, prices, order).availableMargin;
    if (required > available) {
      return `You need to add Rs. ${(required - Math.max(0, available)).toFixed(2)} in your account to place this trade.`;
    }
  }
  return null;
}

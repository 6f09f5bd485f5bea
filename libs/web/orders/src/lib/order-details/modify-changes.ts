import { ModifyOrderRequest, Order, formatRupees } from '@desk/contracts';

const rupees = (price: number): string => formatRupees(price);
/** "Price ₹700.00 → ₹705.00", or "Price ₹705.00" when the order had none (a MARKET order becoming LIMIT). */
const priceChange = (label: string, before: number, after: number | undefined): string | null => {
  if (after === undefined || after === before) return null;
  return before > 0 ? `${label} ${rupees(before)} → ${rupees(after)}` : `${label} ${rupees(after)}`;
};

/**
 * What a modification changes on the order, one entry per field ("Quantity 10 → 12"). Empty when it changes
 * nothing: the form then sends nothing, since such a request only spends one of Upstox's writes.
 */
export function modifyChanges(order: Order, change: ModifyOrderRequest): string[] {
  const changes: (string | null)[] = [
    change.orderType !== order.orderType ? `Order type ${order.orderType} → ${change.orderType}` : null,
    change.quantity !== undefined && change.quantity !== order.quantity ? `Quantity ${order.quantity} → ${change.quantity}` : null,
    priceChange('Price', order.price, change.price),
    priceChange('Trigger', order.triggerPrice, change.triggerPrice),
    change.validity !== order.validity ? `Validity ${order.validity} → ${change.validity}` : null,
  ];
  return changes.filter((c): c is string => c !== null);
}

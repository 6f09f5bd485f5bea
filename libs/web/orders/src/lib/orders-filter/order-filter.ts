import { Order, OrderStatusClass, TransactionType } from '@desk/contracts';

/** What the order book shows: a status class, a side and free text (symbol, order id, tag, status message). */
export interface OrderFilter {
  status: OrderStatusClass | 'all';
  side: TransactionType | 'all';
  text: string;
}

export const NO_ORDER_FILTER: OrderFilter = { status: 'all', side: 'all', text: '' };

export function isFiltering(filter: OrderFilter): boolean {
  return filter.status !== 'all' || filter.side !== 'all' || filter.text.trim() !== '';
}

/**
 * The lower-case text a search matches, made once per order object: orders are immutable values (a change is a new
 * object), so a 10,000-order book is not re-lowercased on every keystroke.
 */
const searchText = new WeakMap<Order, string>();
function textOf(order: Order): string {
  let text = searchText.get(order);
  if (text === undefined) {
    text = [order.tradingSymbol, order.orderId, order.exchangeOrderId ?? '', order.tag ?? '', order.status, order.statusMessage ?? '', order.instrumentKey]
      .join(' ')
      .toLowerCase();
    searchText.set(order, text);
  }
  return text;
}

/** The orders that pass the filter, in their given order. Every word of the text must match (any field). */
export function filterOrders(orders: readonly Order[], filter: OrderFilter): Order[] {
  if (!isFiltering(filter)) return orders as Order[];
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return orders.filter(
    (o) =>
      (filter.status === 'all' || o.statusClass === filter.status) &&
      (filter.side === 'all' || o.transactionType === filter.side) &&
      words.every((w) => textOf(o).includes(w)),
  );
}

/** How many orders of each status class there are (the status choices show them). */
export function countByStatus(orders: readonly Order[]): Record<OrderStatusClass, number> {
  const counts: Record<OrderStatusClass, number> = { pending: 0, working: 0, complete: 0, rejected: 0, cancelled: 0 };
  for (const o of orders) counts[o.statusClass]++;
  return counts;
}

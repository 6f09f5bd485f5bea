import { Order, ORDER_STATUS_CLASSES, OrderStatusClass, TransactionType } from '@desk/contracts';

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

/** What is left of an idle period (the deadline requestIdleCallback passes). */
export interface IdleDeadlineLike {
  timeRemaining(): number;
}

/** Runs `work` in the browser's next idle period; returns a cancel function. */
export type IdleScheduler = (work: (deadline: IdleDeadlineLike) => void) => () => void;

/** requestIdleCallback where the browser has it (Chromium, Firefox); elsewhere nothing is prepared ahead. */
const browserIdle: IdleScheduler | null =
  typeof requestIdleCallback === 'function'
    ? (work) => {
        const id = requestIdleCallback(work, { timeout: 2_000 });
        return () => cancelIdleCallback(id);
      }
    : null;

/** Orders made ready per slice at least, even when an idle period is already over (the callback's timeout passed). */
const PREPARE_SLICE = 250;

/**
 * Makes the search text of every order in idle time, ahead of the first search: without it the first keystroke in a
 * 10,000-order book makes all 10,000 strings at once, and the collection they cause can double that keystroke's time.
 * Orders already made are skipped, so preparing again after one order changed costs a look-up per order. Returns a
 * cancel function (call it when the book changes again or the view goes away).
 */
export function prepareSearchText(orders: readonly Order[], schedule: IdleScheduler | null = browserIdle): () => void {
  if (!schedule) return () => undefined;
  let next = 0;
  let cancel = (): void => undefined;
  const slice = (deadline: IdleDeadlineLike): void => {
    const sliceEnd = Math.min(orders.length, next + PREPARE_SLICE);
    while (next < orders.length && (next < sliceEnd || deadline.timeRemaining() > 1)) textOf(orders[next++]);
    if (next < orders.length) cancel = schedule(slice);
  };
  cancel = schedule(slice);
  return () => cancel();
}

/** Whether an order's search text is made already (prepareSearchText's tests). */
export function hasSearchText(order: Order): boolean {
  return searchText.has(order);
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
  const counts = Object.fromEntries(ORDER_STATUS_CLASSES.map((c) => [c, 0])) as Record<OrderStatusClass, number>;
  for (const o of orders) counts[o.statusClass]++;
  return counts;
}

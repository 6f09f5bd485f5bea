import { Order, OrderStatusClass } from './orders';

const CLASS_BY_STATUS: Record<string, OrderStatusClass> = {
  'put order req received': 'pending',
  'validation pending': 'pending',
  'open pending': 'pending',
  'modify pending': 'pending',
  'modify validation pending': 'pending',
  'cancel pending': 'pending',
  'trigger pending': 'working',
  open: 'working',
  modified: 'working',
  'not modified': 'working',
  'not cancelled': 'working',
  'after market order req received': 'working',
  'modify after market order req received': 'working',
  complete: 'complete',
  rejected: 'rejected',
  cancelled: 'cancelled',
  'cancelled after market order': 'cancelled',
};

/** Unknown strings count as pending: never offer actions on a state we do not understand. */
export function classifyOrderStatus(status: string): OrderStatusClass {
  return CLASS_BY_STATUS[status.trim().toLowerCase()] ?? 'pending';
}

export function isTerminalStatusClass(statusClass: OrderStatusClass): boolean {
  return statusClass === 'complete' || statusClass === 'rejected' || statusClass === 'cancelled';
}

/** Modify and Cancel apply only to orders resting at the exchange or queued as AMO. */
export function canModifyOrCancel(statusClass: OrderStatusClass): boolean {
  return statusClass === 'working';
}

/**
 * Newest first: Upstox order ids are the IST date plus a sequence, so they grow with placement time, whereas
 * `order_timestamp` moves with every status change. Used by the api's order book and the dashboard alike.
 */
export function newestOrderFirst(a: Pick<Order, 'orderId'>, b: Pick<Order, 'orderId'>): number {
  return b.orderId.length - a.orderId.length || b.orderId.localeCompare(a.orderId);
}

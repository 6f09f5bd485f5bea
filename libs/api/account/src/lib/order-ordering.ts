import { Order } from '@desk/contracts';
import type { OrderUpdate } from '@desk/upstox/client';

/**
 * Where a status sits within one request of an order (place, modify or cancel): Upstox walks
 * `put order req received -> validation pending -> open pending -> open`, a modify walks
 * `modify pending -> modify validation pending -> modified -> open`, and so on (CONTRACT §5.7).
 * Terminal statuses come last: nothing follows them.
 */
const PHASE: Record<string, number> = {
  'put order req received': 0,
  'after market order req received': 1,
  'modify after market order req received': 1,
  'modify pending': 1,
  'cancel pending': 1,
  'validation pending': 2,
  'modify validation pending': 2,
  'open pending': 3,
  modified: 4,
  'not modified': 4,
  'not cancelled': 4,
  'trigger pending': 5,
  open: 6,
  complete: 9,
  rejected: 9,
  cancelled: 9,
  'cancelled after market order': 9,
};

function phase(status: string): number {
  return PHASE[status.trim().toLowerCase()] ?? 0;
}

function isTerminal(order: Order): boolean {
  return phase(order.status) === 9;
}

/** Compares two optional ISO timestamps; missing counts as older. */
function compareTime(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `next` describes a later state of the order than `current`, using only what Upstox gives:
 * a terminal state is final; filled quantity never goes down; `order_request_id` grows with every modify;
 * within one request the status walks forward; then the order and exchange timestamps. Equal on all of
 * these is a duplicate: not newer, so it changes nothing.
 */
export function isNewerOrderState(current: OrderUpdate, next: OrderUpdate): boolean {
  const a = current.order;
  const b = next.order;
  if (isTerminal(a)) return false;
  if (isTerminal(b)) return true;
  if (b.filledQuantity !== a.filledQuantity) return b.filledQuantity > a.filledQuantity;
  if (current.requestId !== null && next.requestId !== null && next.requestId !== current.requestId) {
    return next.requestId > current.requestId;
  }
  const byPhase = phase(b.status) - phase(a.status);
  if (byPhase !== 0) return byPhase > 0;
  const byTime = compareTime(b.placedAt, a.placedAt) || compareTime(b.exchangeTimestamp, a.exchangeTimestamp);
  return byTime > 0;
}

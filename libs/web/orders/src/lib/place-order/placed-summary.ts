import { Order } from '@desk/contracts';
import { statusMessageNextStep } from '../order-quantity-text';

export interface PlacedOrderLine {
  orderId: string;
  /** The order as the live list has it; null until the list brings it. */
  order: Order | null;
  /** For a rejected order whose fix the desk knows (e.g. the CDSL TPIN authorisation). */
  nextStep: string | null;
}

export interface PlacedSummary {
  tone: 'ok' | 'rejected';
  /** Every order of it rejected: nothing is working, so sending it again cannot double it. */
  allRejected: boolean;
  title: string;
  lines: PlacedOrderLine[];
}

/**
 * What the result says about the orders Upstox accepted, as the live order list has them now. Upstox answers a place
 * before its own checks (funds, RMS, price band) and can reject the order a moment later with a reason, so "placed"
 * alone would mislead the trader.
 */
export function placedSummary(orderIds: readonly string[], orders: readonly Order[]): PlacedSummary {
  const lines = orderIds.map((orderId): PlacedOrderLine => {
    const order = orders.find((o) => o.orderId === orderId) ?? null;
    const nextStep = order?.statusClass === 'rejected' ? statusMessageNextStep(order.statusMessage) : null;
    return { orderId, order, nextStep };
  });
  const rejected = lines.filter((line) => line.order?.statusClass === 'rejected').length;
  if (rejected === 0) return { tone: 'ok', allRejected: false, title: 'Order placed', lines };
  const allRejected = rejected === lines.length;
  const title = allRejected
    ? 'Upstox rejected the order after accepting it'
    : `Upstox rejected ${rejected} of the ${lines.length} orders after accepting them`;
  return { tone: 'rejected', allRejected, title, lines };
}

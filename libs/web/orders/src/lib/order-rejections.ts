import { Order } from '@desk/contracts';

/** The most rejections the dashboard keeps to tell the trader about (newest first). */
export const MAX_REJECTIONS_KEPT = 20;

/**
 * The orders among `orders` that Upstox rejected while the page watched: rejected now, and known before in another
 * state, or new to a book the page had already read. Upstox accepts an order before its own checks (funds, RMS,
 * price band) and can reject it a moment later; a bot's order can be rejected with no dialog open. A first read
 * (after connecting) is not news: its rejections are history.
 */
export function newRejections(orders: readonly Order[], known: (orderId: string) => Order | undefined, bookWasRead: boolean): Order[] {
  return orders.filter((order) => {
    if (order.statusClass !== 'rejected') return false;
    const before = known(order.orderId);
    return before ? before.statusClass !== 'rejected' : bookWasRead;
  });
}

/** `fresh` (newest first) ahead of what was kept, each order once, at most MAX_REJECTIONS_KEPT. */
export function keepRejections(kept: readonly Order[], fresh: readonly Order[]): readonly Order[] {
  if (fresh.length === 0) return kept;
  const ids = new Set(fresh.map((order) => order.orderId));
  return [...fresh, ...kept.filter((order) => !ids.has(order.orderId))].slice(0, MAX_REJECTIONS_KEPT);
}

import type { SimOrder, SimTrade } from './order-model';

/** All orders and trades of the session, in placement order. */
export class OrderStore {
  private readonly orders = new Map<string, SimOrder>();
  private readonly trades: SimTrade[] = [];

  clear(): void {
    this.orders.clear();
    this.trades.length = 0;
  }

  add(order: SimOrder): void {
    this.orders.set(order.view.order_id, order);
  }

  get(orderId: string): SimOrder | undefined {
    return this.orders.get(orderId);
  }

  forUser(userId: string): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.userId === userId);
  }

  all(): SimOrder[] {
    return [...this.orders.values()];
  }

  addTrade(trade: SimTrade): void {
    this.trades.push(trade);
  }

  tradesForUser(userId: string): SimTrade[] {
    return this.trades.filter((t) => t.userId === userId);
  }

  tradesForOrder(orderId: string): SimTrade[] {
    return this.trades.filter((t) => t.view.order_id === orderId);
  }
}

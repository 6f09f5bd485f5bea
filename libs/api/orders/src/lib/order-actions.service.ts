import { Injectable } from '@nestjs/common';
import { Order, OrderDetails, OrderHistoryEntry, Trade } from '@desk/contracts';
import { BrokerOrderRow, UpstoxClient } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/auth';
import { assertOrderId } from './orders.errors';

/**
 * Newest first, by order id: Upstox ids are the IST date plus a sequence, so they grow with placement
 * time, whereas `order_timestamp` moves with every status change.
 */
export function newestFirst(orders: readonly Order[]): Order[] {
  return [...orders].sort((a, b) => b.orderId.length - a.orderId.length || b.orderId.localeCompare(a.orderId));
}

export function historyEntries(rows: readonly BrokerOrderRow[]): OrderHistoryEntry[] {
  return rows.map((r) => ({
    status: r.status,
    statusClass: r.statusClass,
    statusMessage: r.statusMessage,
    price: r.price,
    triggerPrice: r.triggerPrice,
    quantity: r.quantity,
    filledQuantity: r.filledQuantity,
    averagePrice: r.averagePrice,
    at: r.at,
  }));
}

/** The order reads: order book, one order with its history, the day's trades (modify and cancel: OrderChangesService). */
@Injectable()
export class OrderActionsService {
  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
  ) {}

  async orderBook(): Promise<Order[]> {
    return newestFirst(await this.connection.withUpstox((a) => this.client.getOrderBook(a)));
  }

  async details(orderId: string): Promise<OrderDetails> {
    assertOrderId(orderId);
    const [order, rows] = await this.connection.withUpstox((a) =>
      Promise.all([this.client.getOrderDetails(a, orderId), this.client.getOrderHistory(a, { orderId })]),
    );
    return { order, history: historyEntries(rows) };
  }

  async trades(): Promise<Trade[]> {
    const trades = await this.connection.withUpstox((a) => this.client.getTrades(a));
    return [...trades].sort((a, b) => (b.tradedAt ?? '').localeCompare(a.tradedAt ?? '') || b.tradeId.localeCompare(a.tradeId));
  }
}

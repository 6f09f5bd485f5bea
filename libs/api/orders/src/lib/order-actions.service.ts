import { Injectable, Logger } from '@nestjs/common';
import {
  canModifyOrCancel,
  DeskError,
  ModifyOrderRequest,
  Order,
  OrderActionResponse,
  OrderDetails,
  OrderHistoryEntry,
  Trade,
} from '@desk/contracts';
import { BrokerOrderRow, UpstoxClient } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/auth';
import { checkModifyOrderBody } from './dto/order-body-validation';
import { InstrumentsService } from './instruments/instruments.service';
import { ORDER_ID_PATTERN, OrdersErrors } from './orders.errors';
import { describe } from './placement/order-reconciler';

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

export function assertOrderId(id: string): void {
  if (!ORDER_ID_PATTERN.test(id)) throw OrdersErrors.invalidOrderId();
}

/**
 * Reads, modify and cancel. Modify and cancel are sent once: an unknown outcome is reported as
 * such (the user checks the order first), never retried.
 */
@Injectable()
export class OrderActionsService {
  private readonly logger = new Logger(OrderActionsService.name);

  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    private readonly instruments: InstrumentsService,
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

  async modify(orderId: string, body: unknown): Promise<OrderActionResponse> {
    assertOrderId(orderId);
    const shape = checkModifyOrderBody(body);
    if (!shape.ok) throw OrdersErrors.validation(shape.errors);
    const order = await this.current(orderId);
    if (order && !canModifyOrCancel(order.statusClass)) throw OrdersErrors.notModifiable(orderId, order.status, order.statusClass === 'pending');
    const rules = order ? await this.instruments.rulesFor(order.instrumentKey) : undefined;
    const full = checkModifyOrderBody(body, { instrument: rules, transactionType: order?.transactionType });
    if (!full.ok) throw OrdersErrors.validation(full.errors);
    const change: ModifyOrderRequest = full.value;
    return this.once('modify', orderId, () => this.connection.withUpstox((a) => this.client.modifyOrder(a, orderId, change)));
  }

  async cancel(orderId: string): Promise<OrderActionResponse> {
    assertOrderId(orderId);
    const order = await this.current(orderId);
    if (order && !canModifyOrCancel(order.statusClass)) throw OrdersErrors.notCancellable(orderId, order.status, order.statusClass === 'pending');
    return this.once('cancel', orderId, () => this.connection.withUpstox((a) => this.client.cancelOrder(a, orderId)));
  }

  /**
   * The order's state for the local checks; null in the Upstox sandbox, which serves order writes only (no
   * order details): there Upstox itself refuses an order that cannot be changed.
   */
  private async current(orderId: string): Promise<Order | null> {
    if (this.connection.status().environment === 'sandbox') return null;
    return this.connection.withUpstox((a) => this.client.getOrderDetails(a, orderId));
  }

  private async once(action: 'modify' | 'cancel', orderId: string, call: () => Promise<OrderActionResponse>): Promise<OrderActionResponse> {
    try {
      const result = await call();
      this.logger.log(`${action} of order ${orderId} accepted by Upstox`);
      return result;
    } catch (err) {
      if (err instanceof DeskError && (err as { outcome?: string }).outcome === 'unknown') {
        this.logger.warn(`${action} of order ${orderId}: outcome unknown, not retried: ${describe(err)}`);
        throw OrdersErrors.actionOutcomeUnknown(action, orderId, err);
      }
      this.logger.warn(`${action} of order ${orderId} refused: ${describe(err)}`);
      throw err;
    }
  }
}

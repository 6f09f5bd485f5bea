import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatRupees, Instrument, PlaceOrderRequest } from '@desk/contracts';
import { UpstoxClient } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/auth';
import { ORDERS_CONFIG, OrdersConfig } from '../orders.config';
import { OrdersErrors } from '../orders.errors';
import { describe } from './order-reconciler';

/**
 * Local pre-trade limits (SEC 15c3-5 style), checked before the journal and before Upstox:
 * most units per order and most rupees per order. The value of a MARKET order uses the last
 * traded price (from Upstox, else the instrument master); without any price it is refused,
 * because an unchecked market order is exactly what these limits exist for.
 */
@Injectable()
export class PreTradeChecks {
  private readonly logger = new Logger(PreTradeChecks.name);

  constructor(
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
  ) {}

  async check(order: PlaceOrderRequest, instrument: Instrument | undefined): Promise<void> {
    const { maxQuantity, maxNotional } = this.config;
    if (order.quantity > maxQuantity) {
      throw OrdersErrors.risk(
        `Quantity ${order.quantity} is above the per-order limit of ${maxQuantity}.`,
        'Split the order, or raise ORDER_MAX_QUANTITY in the server settings if this size is intended.',
        { limit: 'ORDER_MAX_QUANTITY', max: maxQuantity },
      );
    }
    const price = await this.referencePrice(order, instrument);
    if (price === null) {
      throw OrdersErrors.risk(
        `The value of this ${order.orderType} order cannot be checked: no last price is known for ${order.instrumentKey}.`,
        'Use a LIMIT order, or retry when market data is available.',
        { limit: 'ORDER_MAX_NOTIONAL' },
      );
    }
    const notional = Math.round(price * order.quantity * 100) / 100;
    if (notional > maxNotional) {
      throw OrdersErrors.risk(
        `Order value ${formatRupees(notional)} is above the per-order limit of ${formatRupees(maxNotional)}.`,
        'Reduce the quantity, or raise ORDER_MAX_NOTIONAL in the server settings if this size is intended.',
        { limit: 'ORDER_MAX_NOTIONAL', max: maxNotional, notional },
      );
    }
  }

  private async referencePrice(order: PlaceOrderRequest, instrument: Instrument | undefined): Promise<number | null> {
    if ((order.orderType === 'LIMIT' || order.orderType === 'SL') && order.price) return order.price;
    const last = await this.lastPrice(order.instrumentKey);
    const known = last ?? instrument?.lastPrice ?? null;
    // SL-M becomes a market order at the trigger: count whichever is higher.
    if (order.orderType === 'SL-M' && order.triggerPrice) return Math.max(order.triggerPrice, known ?? 0);
    return known !== null && known > 0 ? known : null;
  }

  private async lastPrice(instrumentKey: string): Promise<number | null> {
    try {
      const prices = await this.connection.withUpstox((a) => this.client.getLastPrices(a, [instrumentKey]));
      const p = prices[instrumentKey];
      return typeof p === 'number' && p > 0 ? p : null;
    } catch (err) {
      this.logger.warn(`last price of ${instrumentKey} unavailable for the notional check: ${describe(err)}`);
      return null;
    }
  }
}

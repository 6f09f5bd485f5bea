import { Inject, Injectable, Logger } from '@nestjs/common';
import { describeError } from '@desk/api/core';
import { DeskError, DeskLimitRefusal, ErrorCode, formatRupees, Instrument, needsPrice, needsTriggerPrice, PlaceOrderRequest } from '@desk/contracts';
import { UpstoxClient } from '@desk/upstox/client';
import { ConnectionService, UpstoxSession } from '@desk/api/connection';
import { LivePrices } from '@desk/api/account';
import { ORDERS_CONFIG, OrdersConfig } from '../orders.config';
import { OrdersErrors } from '../orders.errors';

/** What the limits look at: a new order, or an open order as it will be after a modify. */
export type GatedOrder = Pick<PlaceOrderRequest, 'instrumentKey' | 'transactionType' | 'quantity' | 'orderType' | 'price' | 'triggerPrice'>;

export type OrderAction = 'place' | 'modify';

/** Which per-order limit refuses an order, and the RISK_LIMIT error that says so. */
export interface PreTradeRefusal {
  limit: DeskLimitRefusal['limit'];
  error: DeskError;
}

const CONNECTION_LOST: readonly ErrorCode[] = ['CONNECTION_EXPIRED', 'NOT_AUTHENTICATED'];

/** The price an order is valued at, and why (said in the refusal). */
export interface Valuation {
  price: number;
  basis: 'limit price' | 'last price' | 'trigger price';
  lastPrice: number | null;
}

/**
 * The rupee price an order is valued at, or null when it cannot be valued (a MARKET order without any
 * known price). A LIMIT or SL order counts at the higher of its limit price and the last price, on both
 * sides: a SELL LIMIT far below the market fills at the market, so its limit price says nothing about its
 * size. An SL order also counts its trigger (an SL sell's limit may sit far below it); SL-M becomes a
 * market order at its trigger.
 */
export function valuationOf(order: GatedOrder, lastPrice: number | null): Valuation | null {
  const last = lastPrice !== null && lastPrice > 0 ? lastPrice : null;
  const candidates: Valuation[] = [];
  if (needsPrice(order.orderType) && order.price) {
    candidates.push({ price: order.price, basis: 'limit price', lastPrice: last });
  }
  if (needsTriggerPrice(order.orderType) && order.triggerPrice) {
    candidates.push({ price: order.triggerPrice, basis: 'trigger price', lastPrice: last });
  }
  if (last !== null) candidates.push({ price: last, basis: 'last price', lastPrice: last });
  if (candidates.length === 0) return null;
  // The first of equal candidates wins: a limit price equal to the last price is reported as the limit price.
  return candidates.reduce((best, c) => (c.price > best.price ? c : best));
}

/** One sentence on why the order got this price, e.g. why a SELL LIMIT counts at the last price. */
export function valuationReason(order: GatedOrder, v: Valuation): string {
  const side = `${order.transactionType} ${order.orderType}`;
  if (v.basis === 'limit price') return `valued at your limit price ${formatRupees(v.price)}`;
  if (order.orderType === 'MARKET') return `valued at the last price ${formatRupees(v.price)}`;
  if (v.basis === 'trigger price') {
    return order.orderType === 'SL-M'
      ? `valued at its trigger price ${formatRupees(v.price)}, where it becomes a market order`
      : `valued at its trigger price ${formatRupees(v.price)}, above your limit price ${formatRupees(order.price)}, because a ${side} fills near its trigger once triggered`;
  }
  if (order.orderType === 'SL-M') return `valued at the last price ${formatRupees(v.price)}, above its trigger price`;
  return order.transactionType === 'SELL'
    ? `valued at the last price ${formatRupees(v.price)}, above your limit price ${formatRupees(order.price)}, because a ${side} below the market fills at the market`
    : `valued at the last price ${formatRupees(v.price)}, above your limit price ${formatRupees(order.price)}, because orders are valued at the higher of the two`;
}

/**
 * Local pre-trade limits (SEC 15c3-5 style), checked before the journal and before Upstox, for a new order
 * and for an open order as it would be after a modify: most units per order and most rupees per order.
 * The last traded price comes from the live market feed when it streams the instrument, else from Upstox, else
 * the instrument master. A MARKET order without any price is
 * refused, because an unchecked market order is exactly what these limits exist for.
 */
@Injectable()
export class PreTradeChecks {
  private readonly logger = new Logger(PreTradeChecks.name);

  constructor(
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    private readonly livePrices: LivePrices,
  ) {}

  /** `session`: the request's Upstox connection, opened once (null: opened for the last-price look-up). */
  async check(order: GatedOrder, instrument: Instrument | undefined, action: OrderAction = 'place', session: UpstoxSession | null = null): Promise<void> {
    const refusal = await this.refusal(order, instrument, action, session);
    if (refusal) throw refusal.error;
  }

  /**
   * The limit the order is above and the RISK_LIMIT error placing (or modifying) would throw, or null when it is
   * within them: for a preview (POST /api/orders/costs) in exactly the words the order itself would meet. Throws
   * only when the connection is gone (the last-price look-up's CONNECTION_EXPIRED / NOT_AUTHENTICATED).
   */
  async refusal(order: GatedOrder, instrument: Instrument | undefined, action: OrderAction = 'place', session: UpstoxSession | null = null): Promise<PreTradeRefusal | null> {
    const { maxQuantity, maxNotional } = this.config;
    const subject = action === 'place' ? 'This order' : 'The order after this change';
    if (order.quantity > maxQuantity) {
      return {
        limit: 'ORDER_MAX_QUANTITY',
        error: OrdersErrors.risk(
          `${subject} has quantity ${order.quantity}, above the per-order quantity limit of ${maxQuantity} units (ORDER_MAX_QUANTITY).`,
          action === 'place'
            ? 'Split the order, or raise ORDER_MAX_QUANTITY in the server settings if this size is intended.'
            : `Keep the quantity at ${maxQuantity} or less, or raise ORDER_MAX_QUANTITY in the server settings if this size is intended.`,
          { limit: 'ORDER_MAX_QUANTITY', max: maxQuantity, quantity: order.quantity },
        ),
      };
    }
    const last = (await this.lastPrice(order.instrumentKey, session)) ?? positive(instrument?.lastPrice);
    const valuation = valuationOf(order, last);
    if (valuation === null) {
      return {
        limit: 'ORDER_MAX_NOTIONAL',
        error: OrdersErrors.risk(
          `The value of ${action === 'place' ? 'this' : 'the changed'} ${order.orderType} order cannot be checked against ORDER_MAX_NOTIONAL: no last price is known for ${order.instrumentKey}.`,
          'Use a LIMIT order, or retry when market data is available.',
          { limit: 'ORDER_MAX_NOTIONAL', max: maxNotional },
        ),
      };
    }
    const notional = Math.round(valuation.price * order.quantity * 100) / 100;
    if (notional > maxNotional) {
      return {
        limit: 'ORDER_MAX_NOTIONAL',
        error: OrdersErrors.risk(
          `${subject} is worth ${formatRupees(notional)} (${order.quantity} × ${formatRupees(valuation.price)}, ${valuationReason(order, valuation)}), ` +
            `above the per-order value limit of ${formatRupees(maxNotional)} (ORDER_MAX_NOTIONAL).`,
          'Reduce the quantity, or raise ORDER_MAX_NOTIONAL in the server settings if this size is intended.',
          { limit: 'ORDER_MAX_NOTIONAL', max: maxNotional, notional, valuedAt: valuation.price, basis: valuation.basis, lastPrice: valuation.lastPrice },
        ),
      };
    }
    return null;
  }

  private async lastPrice(instrumentKey: string, session: UpstoxSession | null): Promise<number | null> {
    // A price the live market feed is streaming is as fresh as a look-up, without a call to Upstox.
    const streamed = this.livePrices.lastPrice(instrumentKey);
    if (streamed !== null) return streamed;
    // The Upstox sandbox serves no market quotes: asking would only log a refusal for every order.
    if (this.connection.environment() === 'sandbox') return null;
    try {
      const prices = await this.connection.withSession(session, (a) => this.client.getLastPrices(a, [instrumentKey]));
      return positive(prices[instrumentKey]);
    } catch (err) {
      // A dead connection refuses the order here, before the journal; Upstox being slow or down only costs the
      // last price (the order is then valued at its own prices, or refused when it has none).
      if (err instanceof DeskError && CONNECTION_LOST.includes(err.code)) throw err;
      this.logger.warn(`last price of ${instrumentKey} unavailable for the notional check: ${describeError(err)}`);
      return null;
    }
  }
}

function positive(p: number | null | undefined): number | null {
  return typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : null;
}

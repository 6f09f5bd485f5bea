import { Injectable, Logger } from '@nestjs/common';
import { describeError } from '@desk/api/core';
import { canModifyOrCancel, DeskError, ModifyOrderRequest, Order, OrderActionResponse, TransactionType } from '@desk/contracts';
import { isUpstoxApiError, UpstoxClient } from '@desk/upstox/client';
import { ConnectionService, UpstoxSession } from '@desk/api/connection';
import { AccountReads } from '@desk/api/account';
import { checkModifyOrderBody, SANDBOX_MODIFY_FIELDS } from './dto/order-body-validation';
import { rulesOf } from './instruments/instrument-search';
import { InstrumentsService } from './instruments/instruments.service';
import { assertOrderId, OrdersErrors } from './orders.errors';
import { OrderGate } from './placement/order-gate';
import { markOrderPath } from './placement/order-path-marks';
import { instrumentFacts } from './placement/order-submission';
import { GatedOrder } from './placement/pre-trade-checks';

/**
 * Modify and cancel of an open order. Modify passes the same gates as a new order (OrderGate: kill switch,
 * start-up barrier, quantity and value limits) on the order as it would be after the change; cancel passes
 * none (it only reduces exposure). Both are sent once: an unknown outcome is reported as such (the user checks
 * the order first), never retried.
 */
@Injectable()
export class OrderChangesService {
  private readonly logger = new Logger(OrderChangesService.name);

  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    private readonly instruments: InstrumentsService,
    private readonly gate: OrderGate,
    private readonly account: AccountReads,
  ) {}

  async modify(orderId: string, body: unknown): Promise<OrderActionResponse> {
    assertOrderId(orderId);
    const sandbox = this.connection.environment() === 'sandbox';
    const shape = checkModifyOrderBody(body, { fullOrder: sandbox });
    if (!shape.ok) throw this.refusal(shape.errors, sandbox);
    this.gate.assertOpen('modify');

    // The order as it is now. The Upstox sandbox serves order writes only (no order details): there the body
    // carries the full new order (checked above), and Upstox itself refuses an order that cannot be changed.
    // Elsewhere the connection is opened here, once for the request (the sandbox opens it at the broker call).
    const session = sandbox ? null : this.gate.connect();
    const order = session ? await this.currentOrder(session, orderId) : null;
    if (order && !canModifyOrCancel(order.statusClass)) throw OrdersErrors.notModifiable(orderId, order.status, order.statusClass === 'pending');
    const identity = order ?? { instrumentKey: shape.value.instrumentKey as string, transactionType: shape.value.transactionType as TransactionType };
    const instrument = await this.instruments.find(identity.instrumentKey).catch(() => undefined);
    const full = checkModifyOrderBody(body, { instrument: rulesOf(instrument), order: identity, fullOrder: sandbox });
    if (!full.ok) throw this.refusal(full.errors, sandbox);
    markOrderPath('validated');

    // The order as it would be after the change, and the change as sent. The quantity is always sent, so the
    // order Upstox holds afterwards is the one checked here (an omitted quantity keeps whatever Upstox has by then).
    const v = full.value;
    const after: GatedOrder = {
      instrumentKey: identity.instrumentKey,
      transactionType: identity.transactionType,
      quantity: v.quantity ?? (order as Order).quantity,
      orderType: v.orderType,
      price: v.price,
      triggerPrice: v.triggerPrice,
    };
    const change: ModifyOrderRequest = {
      orderType: v.orderType,
      validity: v.validity,
      quantity: after.quantity,
      ...(v.price !== undefined ? { price: v.price } : {}),
      ...(v.triggerPrice !== undefined ? { triggerPrice: v.triggerPrice } : {}),
      ...(v.disclosedQuantity !== undefined ? { disclosedQuantity: v.disclosedQuantity } : {}),
      ...(v.marketProtection !== undefined ? { marketProtection: v.marketProtection } : {}),
    };
    await this.gate.checkLimits('modify', after, instrument, session);
    markOrderPath('gated');
    // An MCX quantity goes out in lots (the client refuses it when the lot size is unknown).
    const facts = instrumentFacts(identity.instrumentKey, instrument);
    // The gate re-checks synchronously right before the call: a kill switch turned on during the checks above stops it there.
    return this.once('modify', orderId, () => this.gate.send('modify', session, (a) => this.client.modifyOrder(a, orderId, change, facts)));
  }

  /** No gate: a cancel only reduces exposure, so it works with the kill switch on and the barrier holding. */
  async cancel(orderId: string): Promise<OrderActionResponse> {
    assertOrderId(orderId);
    // The order's state for the local check; not in the Upstox sandbox (no order details there). The connection is
    // opened once for both calls (in the sandbox, at the cancel call).
    const session = this.connection.environment() === 'sandbox' ? null : this.connection.openSession();
    const order = session ? await this.currentOrder(session, orderId) : null;
    if (order && !canModifyOrCancel(order.statusClass)) throw OrdersErrors.notCancellable(orderId, order.status, order.statusClass === 'pending');
    markOrderPath('validated');
    return this.once('cancel', orderId, () => this.connection.withSession(session, (a) => this.client.cancelOrder(a, orderId)));
  }

  /**
   * The order as it is now: from the live mirror while the stream is live (no Upstox call on the write's path),
   * else read from Upstox.
   */
  private async currentOrder(session: UpstoxSession, orderId: string): Promise<Order> {
    return this.account.liveOrder(orderId) ?? (await this.connection.withSession(session, (a) => this.client.getOrderDetails(a, orderId)));
  }

  /** A sandbox body without the full order gets the explanation why it is needed. */
  private refusal(errors: { field: string; message: string }[], sandbox: boolean): DeskError {
    const missing = sandbox && errors.some((e) => (SANDBOX_MODIFY_FIELDS as readonly string[]).includes(e.field));
    return missing ? OrdersErrors.sandboxModifyIncomplete(errors) : OrdersErrors.validation(errors);
  }

  private async once(action: 'modify' | 'cancel', orderId: string, call: () => Promise<OrderActionResponse>): Promise<OrderActionResponse> {
    try {
      const result = await call();
      this.logger.log(`${action} of order ${orderId} accepted by Upstox`);
      return result;
    } catch (err) {
      if (isUpstoxApiError(err) && err.outcome === 'unknown') {
        this.logger.warn(`${action} of order ${orderId}: outcome unknown, not retried: ${describeError(err)}`);
        throw OrdersErrors.actionOutcomeUnknown(action, orderId, err);
      }
      this.logger.warn(`${action} of order ${orderId} refused: ${describeError(err)}`);
      throw err;
    }
  }
}

import { istTimestamp, SimClock } from '../clock';
import { ERR, UpstoxHttpError } from '../envelope';
import type { IdFactory } from '../ids';
import { wireToUnits } from '../market/instruments';
import type { PriceBook } from '../market/prices';
import { applyFill, fillPrice, limitCrosses, triggerCrossed } from './matching';
import { effectiveType, isStopOrder, isTerminal, ORDER_STATUS, SimOrder, SimTrade, toHistoryEntry } from './order-model';
import type { OrderControls } from './order-controls';
import type { OrderStore } from './order-store';
import { rejectionReason, sliceQuantities } from './risk-checks';
import type { Step, StepScheduler } from './step-scheduler';
import { marketProtectionMissing, ModifyRequest, PlaceRequest } from './validation';

export interface EngineDeps {
  clock: SimClock;
  ids: IdFactory;
  prices: PriceBook;
  store: OrderStore;
  scheduler: StepScheduler;
  controls: OrderControls;
  /** False only when market rules are on and the exchange session is closed (orders become AMOs). */
  marketOpen(): boolean;
  onOrderUpdate(order: SimOrder): void;
  onTrade(trade: SimTrade, order: SimOrder): void;
}

/** Places, modifies, cancels and fills orders, walking the documented status strings (CONTRACT §5.7). */
export class OrderEngine {
  constructor(private readonly d: EngineDeps) {}

  place(userId: string, req: PlaceRequest): SimOrder[] {
    return sliceQuantities(req).map((quantity) => this.placeOne(userId, { ...req, quantity }));
  }

  private placeOne(userId: string, req: PlaceRequest): SimOrder {
    const now = this.d.clock.now();
    const i = req.instrument;
    const orderId = this.d.ids.orderId(now);
    const order: SimOrder = {
      userId,
      instrument: i,
      history: [],
      filledValue: 0,
      triggered: false,
      amo: false,
      marketProtection: req.market_protection,
      view: {
        exchange: i.orderExchange,
        product: req.product,
        price: req.price,
        quantity: req.quantity,
        status: ORDER_STATUS.received,
        guid: null,
        tag: req.tag,
        instrument_token: i.record.instrument_key,
        placed_by: userId,
        trading_symbol: i.record.trading_symbol,
        tradingsymbol: i.record.trading_symbol,
        order_type: req.order_type,
        validity: req.validity,
        trigger_price: req.trigger_price,
        disclosed_quantity: req.disclosed_quantity,
        transaction_type: req.transaction_type,
        average_price: 0,
        filled_quantity: 0,
        pending_quantity: req.quantity,
        status_message: null,
        status_message_raw: null,
        exchange_order_id: '',
        parent_order_id: null,
        order_id: orderId,
        variety: 'SIMPLE',
        order_timestamp: istTimestamp(now),
        exchange_timestamp: null,
        // CONTRACT §5.1: the request's is_amo is ignored; the session decides (after-market when it is closed).
        is_amo: !this.d.marketOpen(),
        order_request_id: '1',
        order_ref_id: this.d.ids.orderRefId(orderId),
      },
    };
    this.d.store.add(order);
    this.record(order);
    const key = order.view.order_id;
    this.d.scheduler.enqueue(
      key,
      () => this.transition(order, ORDER_STATUS.validationPending),
      () => this.riskCheck(order),
    );
    return order;
  }

  /** RMS: lot size, tick size, stop-price sanity and funds. Failures are accepted-then-rejected. */
  private riskCheck(order: SimOrder): void {
    const reason = rejectionReason(order, this.d.prices, this.d.store, this.d.controls);
    if (reason) {
      order.view.pending_quantity = 0;
      this.transition(order, ORDER_STATUS.rejected, reason);
      return;
    }
    if (!this.d.marketOpen()) {
      order.amo = true;
      order.view.is_amo = true;
      this.transition(order, ORDER_STATUS.amoReceived);
      return;
    }
    order.view.is_amo = false; // the market may have opened since the order was received
    this.transition(order, ORDER_STATUS.openPending);
    this.d.scheduler.next(order.view.order_id, () => this.goLive(order));
  }

  /** At the exchange: the exchange order id is assigned; stop orders wait for their trigger. */
  private goLive(order: SimOrder): void {
    const now = this.d.clock.now();
    order.view.exchange_order_id = this.d.ids.exchangeOrderId(order.instrument.record.segment, order.view.order_id);
    order.view.exchange_timestamp = istTimestamp(now);
    this.transition(order, isStopOrder(order) && !order.triggered ? ORDER_STATUS.triggerPending : ORDER_STATUS.open);
    this.d.scheduler.next(order.view.order_id, () => this.match(order, true));
  }

  /**
   * Matches one working order against the current LTP. `firstLook` is the order's first chance to trade:
   * an IOC order that cannot fill then is cancelled.
   */
  match(order: SimOrder, firstLook = false): void {
    if (isTerminal(order) || order.amo) return;
    const ltp = this.d.prices.ltp(order.view.instrument_token);
    if (order.view.status === ORDER_STATUS.triggerPending) {
      if (!triggerCrossed(order, ltp)) return;
      order.triggered = true;
      this.transition(order, ORDER_STATUS.open, null);
      firstLook = true;
    }
    if (order.view.status !== ORDER_STATUS.open) return;
    const marketable = effectiveType(order) === 'MARKET' || limitCrosses(order, ltp);
    if (marketable) {
      // An arriving (or just triggered) marketable order takes the market price, which is at least as good
      // as its limit; a resting order that the market later crosses fills at its own limit price.
      this.fill(order, order.view.pending_quantity, firstLook ? ltp : fillPrice(order, this.d.prices));
    } else if (firstLook && order.view.validity === 'IOC') {
      order.view.pending_quantity = order.view.quantity - order.view.filled_quantity;
      this.transition(order, ORDER_STATUS.cancelled, 'IOC order cancelled: no match at the limit price.');
    }
  }

  /** Runs matching for idle working orders on the given instruments (price change, clock change). */
  matchInstruments(instrumentKeys: Set<string> | null): void {
    for (const order of this.d.store.all()) {
      if (instrumentKeys && !instrumentKeys.has(order.view.instrument_token)) continue;
      if (isTerminal(order) || this.d.scheduler.isBusy(order.view.order_id)) continue;
      if (order.amo) {
        if (order.view.status === ORDER_STATUS.amoReceived && this.d.marketOpen()) this.releaseAmo(order);
        continue;
      }
      this.match(order);
    }
  }

  private releaseAmo(order: SimOrder): void {
    order.amo = false;
    this.d.scheduler.enqueue(
      order.view.order_id,
      () => this.transition(order, ORDER_STATUS.openPending),
      () => this.goLive(order),
    );
  }

  fill(order: SimOrder, quantity: number, price: number): void {
    const fillIndex = this.d.store.tradesForOrder(order.view.order_id).length;
    const trade = applyFill(order, quantity, price, this.d.clock.now(), this.d.ids.tradeId(order.view.order_id, fillIndex), this.d.prices);
    this.d.store.addTrade(trade);
    this.record(order);
    this.d.onTrade(trade, order);
  }

  /** Control API: fills part (or all) of a working order at its limit price (LTP for market-type). */
  manualFill(orderId: string, quantity: number): SimOrder {
    const order = this.d.store.get(orderId);
    if (!order) throw ERR.orderNotFound(orderId);
    if (order.view.status !== ORDER_STATUS.open) {
      throw UpstoxHttpError.of(400, 'UDAPI100038', `Order is '${order.view.status}', only open orders can be filled`);
    }
    const qty = Math.min(Math.max(1, Math.trunc(quantity)), order.view.pending_quantity);
    this.fill(order, qty, fillPrice(order, this.d.prices));
    return order;
  }

  modify(userId: string, wire: ModifyRequest): SimOrder {
    const order = this.owned(userId, wire.order_id);
    // An MCX quantity arrives in lots (CONTRACT §5.1); the order holds units.
    const req: ModifyRequest = { ...wire, quantity: wire.quantity === null ? null : wireToUnits(order.instrument, wire.quantity) };
    if (isTerminal(order)) {
      throw UpstoxHttpError.of(400, 'UDAPI100041', `Modification of a ${order.view.status} order is not allowed`, 'order_id', req.order_id);
    }
    if (req.quantity !== null && req.quantity <= order.view.filled_quantity) {
      throw UpstoxHttpError.of(400, 'UDAPI100038', 'Quantity must be greater than the filled quantity', 'quantity', req.quantity);
    }
    // A modify that leaves the order MARKET / SL-M needs protection, sent now or kept from before (CONTRACT §5.3).
    const missing = marketProtectionMissing(req.order_type, req.market_protection ?? order.marketProtection);
    if (missing) throw missing;
    const key = order.view.order_id;
    const apply = (): void => {
      const v = order.view;
      v.order_type = req.order_type;
      v.validity = req.validity;
      v.price = req.price;
      v.trigger_price = req.trigger_price;
      if (req.quantity !== null) v.quantity = req.quantity;
      if (req.disclosed_quantity !== null) v.disclosed_quantity = req.disclosed_quantity;
      if (req.market_protection !== null) order.marketProtection = req.market_protection;
      v.pending_quantity = v.quantity - v.filled_quantity;
      v.order_request_id = String(Number(v.order_request_id) + 1);
      if (!isStopOrder(order)) order.triggered = false;
    };
    this.d.scheduler.enqueue(key, () => {
      if (isTerminal(order)) return; // filled or cancelled while the request was queued
      if (order.amo) {
        apply();
        this.transition(order, ORDER_STATUS.amoModified);
        this.d.scheduler.next(key, () => this.transition(order, ORDER_STATUS.amoReceived));
        return;
      }
      const resumeTo = order.view.status;
      const resume = (): void => {
        if (resumeTo === ORDER_STATUS.open || resumeTo === ORDER_STATUS.triggerPending) {
          const waiting = isStopOrder(order) && !order.triggered;
          this.transition(order, waiting ? ORDER_STATUS.triggerPending : ORDER_STATUS.open);
          this.d.scheduler.next(key, () => this.match(order, true));
        } else {
          this.transition(order, resumeTo);
        }
      };
      this.transition(order, ORDER_STATUS.modifyPending);
      if (this.d.controls.takeRefusal('modify')) {
        this.d.scheduler.next(key, ...this.refusedModify(order), resume);
        return;
      }
      this.d.scheduler.next(
        key,
        () => {
          apply();
          this.transition(order, ORDER_STATUS.modified);
        },
        resume,
      );
    });
    return order;
  }

  /**
   * A modify the exchange refuses (control API): `modify validation pending` -> `not modified`, then the order
   * resumes unchanged (CONTRACT §5.3, §5.7). The refused request still gets its own order_request_id.
   */
  private refusedModify(order: SimOrder): Step[] {
    return [
      () => {
        order.view.order_request_id = String(Number(order.view.order_request_id) + 1);
        this.transition(order, ORDER_STATUS.modifyValidationPending, null);
      },
      () => this.transition(order, ORDER_STATUS.notModified, 'Modification rejected by the exchange; the order is unchanged.'),
    ];
  }

  cancel(userId: string, orderId: string): SimOrder {
    const order = this.owned(userId, orderId);
    if (isTerminal(order)) {
      throw UpstoxHttpError.of(400, 'UDAPI100040', `Cancellation of a ${order.view.status} order is not allowed`, 'order_id', orderId);
    }
    this.d.scheduler.enqueue(orderId, () => {
      if (isTerminal(order)) return;
      if (order.amo) {
        this.transition(order, ORDER_STATUS.amoCancelled);
        return;
      }
      const resumeTo = order.view.status;
      this.transition(order, ORDER_STATUS.cancelPending);
      if (this.d.controls.takeRefusal('cancel')) {
        // Refused at the exchange (control API): `not cancelled`, then the order works on as before (CONTRACT §5.7).
        this.d.scheduler.next(
          orderId,
          () => this.transition(order, ORDER_STATUS.notCancelled, 'Cancellation rejected by the exchange; the order is still working.'),
          () => {
            this.transition(order, resumeTo, null);
            this.d.scheduler.next(orderId, () => this.match(order));
          },
        );
        return;
      }
      this.d.scheduler.next(orderId, () => this.transition(order, ORDER_STATUS.cancelled));
    });
    return order;
  }

  owned(userId: string, orderId: string): SimOrder {
    const order = this.d.store.get(orderId);
    if (!order || order.userId !== userId) throw ERR.orderNotFound(orderId);
    return order;
  }

  private transition(order: SimOrder, status: string, statusMessage?: string | null): void {
    order.view.status = status;
    if (statusMessage !== undefined) {
      order.view.status_message = statusMessage;
      order.view.status_message_raw = statusMessage;
    }
    this.record(order);
  }

  /** Every state is a history entry and a feed message; the timestamp is the transition's IST time. */
  private record(order: SimOrder): void {
    order.view.order_timestamp = istTimestamp(this.d.clock.now());
    order.history.push(toHistoryEntry(order.view));
    this.d.onOrderUpdate(order);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DeskError, DeskLimitRefusal, Instrument, needsPrice, OrderCharges, OrderCostsView, PlaceOrderRequest } from '@desk/contracts';
import { Clock } from '@desk/api/core';
import { ConnectionService, UpstoxSession } from '@desk/api/connection';
import { AccountReads } from '@desk/api/account';
import { InstrumentsService, PreTradeChecks, checkOrderToPlace } from '@desk/api/orders';
import { BrokerageCharges, UpstoxClient } from '@desk/upstox/client';
import { MarketState } from '../market-state.service';

export const SANDBOX_REASON = 'Not available in the Upstox sandbox.';

const round2 = (n: number): number => Math.round(n * 100) / 100 + 0;

/** Upstox's itemised charges as the desk shows them (rupees, 2 decimals; `total` is Upstox's). */
export function toOrderCharges(c: BrokerageCharges): OrderCharges {
  return {
    brokerage: round2(c.brokerage),
    transactionTax: round2(c.taxes.stt),
    exchangeCharges: round2(c.otherCharges.transaction),
    gst: round2(c.taxes.gst),
    stampDuty: round2(c.taxes.stampDuty),
    sebiFees: round2(c.otherCharges.sebiTurnover),
    otherCharges: round2(c.otherCharges.clearing + c.otherCharges.ipft),
    total: round2(c.total),
  };
}

function why(error: unknown): string {
  return error instanceof DeskError ? error.message : 'no answer';
}

type Part<T> = { value: T; reason: null } | { value: null; reason: string };

/**
 * POST /api/orders/costs: what an order would block (Upstox's margin, against the available funds of the account
 * mirror) and what it would cost (Upstox's brokerage and charges), before it is sent. Each part that Upstox cannot
 * answer is null with the reason; the sandbox has neither.
 */
@Injectable()
export class OrderCostsService {
  private readonly logger = new Logger('OrderCosts');

  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    private readonly reads: AccountReads,
    private readonly instruments: InstrumentsService,
    private readonly limits: PreTradeChecks,
    private readonly state: MarketState,
    private readonly clock: Clock,
  ) {}

  async costs(body: unknown): Promise<OrderCostsView> {
    const { order, instrument } = await checkOrderToPlace(body, (key) => this.instruments.lookUp(key));
    const asOf = () => this.clock.now().toISOString();
    if (this.connection.environment() === 'sandbox') {
      return { margin: null, charges: null, unavailableReason: SANDBOX_REASON, deskLimit: await this.deskLimit(null, order, instrument), asOf: asOf() };
    }
    const session = this.connection.openSession();
    const [margin, charges, deskLimit] = await Promise.all([
      this.margin(session, order, instrument),
      this.charges(session, order),
      this.deskLimit(session, order, instrument),
    ]);
    const reasons = [margin.reason, charges.reason].filter((r): r is string => r !== null);
    return { margin: margin.value, charges: charges.value, unavailableReason: reasons.length ? reasons.join(' ') : null, deskLimit, asOf: asOf() };
  }

  /** The desk's own limits, exactly as placing the order would check them: the refusal it would meet, or null. */
  private async deskLimit(session: UpstoxSession | null, order: PlaceOrderRequest, instrument: Instrument | undefined): Promise<DeskLimitRefusal | null> {
    const refusal = await this.limits.refusal(order, instrument, 'place', session);
    return refusal && { limit: refusal.limit, message: refusal.error.message, nextStep: refusal.error.nextStep ?? '' };
  }

  private async margin(session: UpstoxSession, order: PlaceOrderRequest, instrument: Instrument | undefined): Promise<Part<NonNullable<OrderCostsView['margin']>>> {
    let required: number;
    try {
      const result = await this.connection.withSession(session, (auth) =>
        this.client.getMargin(auth, [
          {
            instrumentKey: order.instrumentKey,
            quantity: order.quantity,
            product: order.product,
            transactionType: order.transactionType,
            // Upstox values a market order at the market price when no price is given.
            ...(needsPrice(order.orderType) && order.price ? { price: order.price } : {}),
          },
        ]),
      );
      required = round2(result.finalMargin);
    } catch (error) {
      this.logger.warn(`margin unavailable: ${error instanceof DeskError ? `${error.code} ${error.logDetail ?? ''}` : String(error)}`);
      return { value: null, reason: `The margin could not be read from Upstox: ${why(error)}` };
    }
    const available = await this.available(instrument);
    return { value: { required, available, sufficient: available === null ? null : available >= required }, reason: null };
  }

  /** Available margin from the account mirror's funds (commodity for MCX while Upstox still splits it). */
  private async available(instrument: Instrument | undefined): Promise<number | null> {
    try {
      const funds = await this.reads.funds();
      const segment = instrument?.exchange === 'MCX' && funds.commodity ? funds.commodity : funds.equity;
      return round2(segment.availableMargin);
    } catch (error) {
      this.logger.warn(`funds unavailable for the margin check: ${error instanceof DeskError ? error.code : String(error)}`);
      return null;
    }
  }

  private async charges(session: UpstoxSession, order: PlaceOrderRequest): Promise<Part<OrderCharges>> {
    try {
      const price = await this.priceOf(session, order);
      const charges = await this.connection.withSession(session, (auth) =>
        this.client.getBrokerage(auth, {
          instrumentKey: order.instrumentKey,
          quantity: order.quantity,
          product: order.product,
          transactionType: order.transactionType,
          price,
        }),
      );
      return { value: toOrderCharges(charges), reason: null };
    } catch (error) {
      this.logger.warn(`charges unavailable: ${error instanceof DeskError ? `${error.code} ${error.logDetail ?? ''}` : String(error)}`);
      return { value: null, reason: `The charges could not be read from Upstox: ${why(error)}` };
    }
  }

  /** Charges are priced: the order's limit price, else its trigger (SL-M), else the market's last price. */
  private async priceOf(session: UpstoxSession, order: PlaceOrderRequest): Promise<number> {
    if (order.price) return order.price;
    if (order.triggerPrice) return order.triggerPrice;
    const streamed = this.state.quote(order.instrumentKey)?.lastPrice;
    if (streamed) return streamed;
    const prices = await this.connection.withSession(session, (auth) => this.client.getLastPrices(auth, [order.instrumentKey]));
    const last = prices[order.instrumentKey];
    if (!(last > 0)) throw new Error('no last price');
    return last;
  }
}

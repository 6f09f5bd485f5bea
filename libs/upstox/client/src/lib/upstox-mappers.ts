import {
  classifyOrderStatus,
  Funds,
  IST_OFFSET_MINUTES,
  istWallTimeToIso,
  ModifyOrderRequest,
  needsPrice,
  needsTriggerPrice,
  Order,
  OrderHistoryEntry,
  Profile,
  SegmentFunds,
  Trade,
  TransactionType,
  OrderType,
  usesMarketProtection,
} from '@desk/contracts';
import {
  UpstoxFundsData,
  UpstoxModifyOrderV3Body,
  UpstoxOrderBookData,
  UpstoxOrderData,
  UpstoxPlaceOrderV3Body,
  UpstoxProfileData,
  UpstoxSegmentFunds,
  UpstoxTradeData,
} from './upstox-wire.types';
import type { BrokerOrderRow, BrokerPlaceOrder, OrderInstrumentFacts } from './upstox-client';
import { sliceNeeded, wireQuantity } from './wire-quantity';

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/**
 * Upstox timestamps are IST wall time, mostly `YYYY-MM-DD HH:mm:ss`; some trade samples use
 * `23-Apr-2021 14:22:06`. Both become ISO-8601 with +05:30; anything else becomes null.
 */
export function upstoxTimeToIso(value: string | null | undefined): string | null {
  const iso = istWallTimeToIso(value);
  if (iso || !value) return iso;
  const m = /^(\d{2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  const month = m ? MONTHS[m[2].toLowerCase()] : undefined;
  if (!m || !month) return null;
  return `${m[3]}-${month}-${m[1]}T${m[4]}:${m[5]}:${m[6]}+05:30`;
}

/** Epoch ms (the instrument file's `expiry`) -> the IST calendar date `YYYY-MM-DD`. */
export function epochMsToIstDate(epochMs: number): string {
  return new Date(epochMs + IST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The instrument file's tick size is in paise; our contracts use rupees. */
export function paiseToRupees(paise: number): number {
  return Math.round(paise * 100) / 10_000;
}

function num(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function textOrNull(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function mapProfile(data: UpstoxProfileData): Profile {
  return {
    userId: data.user_id,
    userName: data.user_name,
    email: data.email,
    broker: data.broker,
    userType: data.user_type,
    exchanges: data.exchanges ?? [],
    products: data.products ?? [],
    orderTypes: data.order_types ?? [],
    isActive: data.is_active === true,
    poa: data.poa === true,
    ddpi: data.ddpi === true,
  };
}

function mapSegmentFunds(s: UpstoxSegmentFunds): SegmentFunds {
  return {
    availableMargin: num(s.available_margin),
    usedMargin: num(s.used_margin),
    payinAmount: num(s.payin_amount),
    spanMargin: num(s.span_margin),
    exposureMargin: num(s.exposure_margin),
    adhocMargin: num(s.adhoc_margin),
    notionalCash: num(s.notional_cash),
  };
}

const EMPTY_SEGMENT: UpstoxSegmentFunds = {
  used_margin: 0, payin_amount: 0, span_margin: 0, adhoc_margin: 0,
  notional_cash: 0, available_margin: 0, exposure_margin: 0,
};

export function mapFunds(data: UpstoxFundsData): Funds {
  return {
    equity: mapSegmentFunds(data.equity ?? EMPTY_SEGMENT),
    commodity: data.commodity ? mapSegmentFunds(data.commodity) : null,
  };
}

export function mapOrder(o: UpstoxOrderBookData): Order {
  return {
    orderId: o.order_id,
    exchangeOrderId: textOrNull(o.exchange_order_id),
    instrumentKey: o.instrument_token,
    tradingSymbol: o.trading_symbol ?? o.tradingsymbol ?? '',
    exchange: o.exchange,
    transactionType: o.transaction_type as TransactionType,
    orderType: o.order_type as OrderType,
    product: o.product,
    validity: o.validity,
    quantity: num(o.quantity),
    filledQuantity: num(o.filled_quantity),
    pendingQuantity: num(o.pending_quantity),
    price: num(o.price),
    triggerPrice: num(o.trigger_price),
    averagePrice: num(o.average_price),
    disclosedQuantity: num(o.disclosed_quantity),
    status: o.status,
    statusClass: classifyOrderStatus(o.status),
    statusMessage: textOrNull(o.status_message),
    tag: textOrNull(o.tag),
    isAmo: o.is_amo === true,
    placedAt: upstoxTimeToIso(o.order_timestamp),
    exchangeTimestamp: upstoxTimeToIso(o.exchange_timestamp),
  };
}

function mapHistoryEntry(o: UpstoxOrderData): OrderHistoryEntry {
  return {
    status: o.status,
    statusClass: classifyOrderStatus(o.status),
    statusMessage: textOrNull(o.status_message),
    price: num(o.price),
    triggerPrice: num(o.trigger_price),
    quantity: num(o.quantity),
    filledQuantity: num(o.filled_quantity),
    averagePrice: num(o.average_price),
    at: upstoxTimeToIso(o.order_timestamp) ?? upstoxTimeToIso(o.exchange_timestamp),
  };
}

export function mapBrokerOrderRow(o: UpstoxOrderData): BrokerOrderRow {
  return { ...mapHistoryEntry(o), orderId: o.order_id, tag: textOrNull(o.tag) };
}

export function mapTrade(t: UpstoxTradeData): Trade {
  return {
    tradeId: t.trade_id,
    orderId: t.order_id,
    exchangeOrderId: textOrNull(t.exchange_order_id),
    instrumentKey: t.instrument_token,
    tradingSymbol: t.trading_symbol ?? t.tradingsymbol ?? '',
    exchange: t.exchange,
    product: t.product,
    orderType: t.order_type,
    transactionType: t.transaction_type as TransactionType,
    quantity: num(t.quantity),
    averagePrice: num(t.average_price),
    tradedAt: upstoxTimeToIso(t.exchange_timestamp) ?? upstoxTimeToIso(t.order_timestamp),
  };
}

/** What the wire bodies need besides the order: the client's settings. */
export interface WireDefaults {
  /** `market_protection` for a MARKET / SL-M order that names none (UPSTOX_MARKET_PROTECTION). */
  marketProtection: number;
}

/** MARKET and SL-M always carry `market_protection` (Upstox refuses them without it, UDAPI1158); other types never. */
function marketProtectionField(orderType: OrderType, given: number | undefined, defaults: WireDefaults): { market_protection?: number } {
  return usesMarketProtection(orderType) ? { market_protection: given ?? defaults.marketProtection } : {};
}

/**
 * Our order -> the v3 place body: our unique tag, omitted numbers sent as 0; quantity in lots for MCX and
 * `slice: true` above the freeze quantity (issue 9 contract fixes b, c), both from the instrument's facts.
 */
export function toPlaceOrderBody(o: BrokerPlaceOrder, defaults: WireDefaults): UpstoxPlaceOrderV3Body {
  const facts = o.instrument ?? { instrumentKey: o.instrumentKey, lotSize: null, freezeQuantity: null };
  return {
    quantity: wireQuantity(o.quantity, { ...facts, instrumentKey: o.instrumentKey }),
    product: o.product,
    validity: o.validity,
    price: o.price ?? 0,
    tag: o.brokerTag,
    instrument_token: o.instrumentKey,
    order_type: o.orderType,
    transaction_type: o.transactionType,
    disclosed_quantity: o.disclosedQuantity ?? 0,
    trigger_price: o.triggerPrice ?? 0,
    is_amo: o.isAmo ?? false,
    slice: sliceNeeded(o.quantity, facts),
    ...marketProtectionField(o.orderType, o.marketProtection, defaults),
  };
}

/**
 * Which of the order's current values a modify has to send: Upstox requires price and trigger_price on modify,
 * our contract lets the caller omit them to keep the order's values. Only those the new order type needs
 * (the rules in @desk/contracts) are read from the order; the others are sent as 0.
 */
export function omittedModifyValues(m: ModifyOrderRequest): { price: boolean; triggerPrice: boolean } {
  return {
    price: m.price === undefined && needsPrice(m.orderType),
    triggerPrice: m.triggerPrice === undefined && needsTriggerPrice(m.orderType),
  };
}

/**
 * Our modify -> the v3 modify body; `current` is the order as it stands (null when it could not be read). With the
 * instrument's facts an MCX quantity goes out as lots.
 */
export function toModifyOrderBody(
  orderId: string,
  m: ModifyOrderRequest,
  current: Pick<Order, 'price' | 'triggerPrice'> | null,
  defaults: WireDefaults,
  instrument?: OrderInstrumentFacts,
): UpstoxModifyOrderV3Body {
  const omitted = omittedModifyValues(m);
  return {
    order_id: orderId,
    order_type: m.orderType,
    validity: m.validity,
    price: m.price ?? (omitted.price ? current?.price ?? 0 : 0),
    trigger_price: m.triggerPrice ?? (omitted.triggerPrice ? current?.triggerPrice ?? 0 : 0),
    ...(m.quantity !== undefined ? { quantity: instrument ? wireQuantity(m.quantity, instrument) : m.quantity } : {}),
    // Upstox: if provided it must be non-zero; omitted keeps the order's value.
    ...(m.disclosedQuantity ? { disclosed_quantity: m.disclosedQuantity } : {}),
    ...marketProtectionField(m.orderType, m.marketProtection, defaults),
  };
}

import { Holding, Position, priceHolding, pricePosition } from '@desk/contracts';
import type { OrderUpdate } from './upstox-client';
import { mapOrder } from './upstox-mappers';
import { UpstoxHoldingData, UpstoxOrderBookData, UpstoxPositionData } from './upstox-wire.types';

const round2 = (n: number): number => Math.round(n * 100) / 100;

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Prices of 0 (or missing) mean "not known" in Upstox rows, never a real price. */
function positive(value: unknown): number | null {
  const n = finite(value);
  return n !== null && n > 0 ? n : null;
}

function num(value: unknown): number {
  return finite(value) ?? 0;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * The stream gives a position's exchange as a segment (`NSE_EQ`), REST as an exchange (`NSE`). Both become
 * the exchange, so that a REST row and a stream message of the same position look the same.
 */
const SEGMENT_EXCHANGES: Record<string, string> = {
  NSE_EQ: 'NSE', BSE_EQ: 'BSE', NSE_FO: 'NFO', BSE_FO: 'BFO', NCD_FO: 'CDS', BCD_FO: 'BCD', MCX_FO: 'MCX', NSE_COM: 'NSCOM',
  NSE_INDEX: 'NSE', BSE_INDEX: 'BSE',
};

export function exchangeOf(exchangeOrSegment: string): string {
  return SEGMENT_EXCHANGES[exchangeOrSegment] ?? exchangeOrSegment;
}

/** `NSE` + ISIN -> `NSE_EQ|<ISIN>`: the equity instrument key, for holding messages that carry no instrument_token. */
function equityKey(exchange: string | null, isin: string | null): string | null {
  if (!isin || !exchange) return null;
  const ex = exchangeOf(exchange);
  return ex === 'NSE' || ex === 'BSE' ? `${ex}_EQ|${isin}` : null;
}

/** One side (buy or sell) of a position: day + overnight quantities; value and price as Upstox gives them, else derived. */
function side(qtyDay: unknown, qtyOvernight: unknown, value: unknown, valueDay: unknown, amountOvernight: unknown, price: unknown) {
  const quantity = num(qtyDay) + num(qtyOvernight);
  const total = finite(value) ?? round2(num(valueDay) + num(amountOvernight));
  const avg = positive(price) ?? (quantity > 0 ? round2(total / quantity) : 0);
  return { quantity, value: total, price: avg };
}

/**
 * A short-term position (REST row or stream message). Upstox's own P&L fields are not used: P&L is computed
 * with `pricePosition` at the row's last price (null for stream messages, which carry none), so that a REST
 * snapshot and a stream message of the same position always agree.
 */
export function mapPosition(p: UpstoxPositionData): Position {
  const buy = side(p.day_buy_quantity, p.overnight_buy_quantity, p.buy_value, p.day_buy_value, p.overnight_buy_amount, p.buy_price);
  const sell = side(p.day_sell_quantity, p.overnight_sell_quantity, p.sell_value, p.day_sell_value, p.overnight_sell_amount, p.sell_price);
  const quantity = finite(p.quantity) ?? buy.quantity - sell.quantity;
  const base: Position = {
    instrumentKey: p.instrument_token,
    tradingSymbol: p.trading_symbol ?? p.tradingsymbol ?? '',
    exchange: exchangeOf(p.exchange ?? ''),
    product: p.product,
    quantity,
    multiplier: positive(p.multiplier) ?? 1,
    averagePrice: quantity === 0 ? null : positive(p.average_price),
    buyQuantity: buy.quantity,
    buyPrice: buy.price,
    buyValue: buy.value,
    sellQuantity: sell.quantity,
    sellPrice: sell.price,
    sellValue: sell.value,
    overnightQuantity: num(p.overnight_quantity),
    lastPrice: null,
    closePrice: positive(p.close_price),
    realised: 0,
    unrealised: null,
    pnl: null,
  };
  return pricePosition(base, positive(p.last_price));
}

/**
 * A long-term holding (REST row or stream message), valued with `priceHolding` at the row's last price
 * (null for stream messages). Stream messages carry no instrument_token: the key is derived from exchange + ISIN.
 */
export function mapHolding(h: UpstoxHoldingData): Holding {
  const base: Holding = {
    instrumentKey: text(h.instrument_token) ?? equityKey(text(h.exchange), text(h.isin)) ?? '',
    isin: text(h.isin) ?? '',
    tradingSymbol: text(h.trading_symbol) ?? text(h.tradingsymbol) ?? '',
    companyName: text(h.company_name) ?? '',
    exchange: exchangeOf(text(h.exchange) ?? ''),
    product: text(h.product) ?? 'D',
    quantity: num(h.quantity),
    t1Quantity: num(h.t1_quantity),
    usedQuantity: num(h.cnc_used_quantity),
    averagePrice: num(h.average_price),
    lastPrice: null,
    closePrice: positive(h.close_price),
    currentValue: null,
    invested: 0,
    pnl: null,
    dayChange: null,
    dayChangePercentage: null,
  };
  return priceHolding(base, positive(h.last_price));
}

/** `order_request_id` ("1", "2", ... one more per modify, CONTRACT §5.6) as a number; null when absent or not numeric. */
export function orderRequestIdOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/** An order row (order book, details, or a stream `order` message) with the request id that orders its versions. */
export function mapOrderUpdate(raw: UpstoxOrderBookData): OrderUpdate {
  return { order: mapOrder(raw), requestId: orderRequestIdOf(raw.order_request_id) };
}

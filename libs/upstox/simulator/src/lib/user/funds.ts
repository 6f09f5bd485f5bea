import type { PriceBook } from '../market/prices';
import { effectiveType, isTerminal, ORDER_STATUS, SimOrder } from '../orders/order-model';
import type { OrderStore } from '../orders/order-store';
import { DEMO_OPENING_BALANCE } from './demo-user';

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Cash model (documented in the README): the full notional of a BUY is needed (no intraday leverage);
 * working BUY orders block pending quantity x (limit price, or LTP for market-type orders); fills move cash.
 */
export function blockedBy(order: SimOrder, prices: PriceBook): number {
  if (order.view.transaction_type !== 'BUY' || isTerminal(order)) return 0;
  const s = order.view.status;
  if (s === ORDER_STATUS.received || s === ORDER_STATUS.validationPending) return 0;
  const ref = effectiveType(order) === 'MARKET' ? prices.ltp(order.view.instrument_token) : order.view.price;
  return order.view.pending_quantity * ref;
}

export interface FundsSnapshot {
  usedMargin: number;
  availableMargin: number;
}

export function fundsFor(userId: string, store: OrderStore, prices: PriceBook, exclude?: SimOrder): FundsSnapshot {
  let blocked = 0;
  for (const order of store.forUser(userId)) {
    if (order !== exclude) blocked += blockedBy(order, prices);
  }
  let spent = 0;
  for (const trade of store.tradesForUser(userId)) {
    const value = trade.price * trade.view.quantity;
    spent += trade.view.transaction_type === 'BUY' ? value : -value;
  }
  return {
    usedMargin: round2(blocked + Math.max(0, spent)),
    availableMargin: round2(DEMO_OPENING_BALANCE - spent - blocked),
  };
}

/** `data` of GET /v2/user/get-funds-and-margin (CONTRACT §4.2): commodity is kept at zeros since Jul 2025. */
export function fundsData(snapshot: FundsSnapshot, segment: 'SEC' | 'COM' | null): Record<string, unknown> {
  const zero = {
    used_margin: 0,
    payin_amount: 0,
    span_margin: 0,
    adhoc_margin: 0,
    notional_cash: 0,
    available_margin: 0,
    exposure_margin: 0,
  };
  const equity = { ...zero, used_margin: snapshot.usedMargin, available_margin: snapshot.availableMargin };
  if (segment === 'SEC') return { equity };
  if (segment === 'COM') return { commodity: zero };
  return { equity, commodity: zero };
}

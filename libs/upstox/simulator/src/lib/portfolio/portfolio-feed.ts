import type { SimInstrument } from '../market/instruments';
import type { PriceBook } from '../market/prices';
import type { SimTrade } from '../orders/order-model';
import { holdingsView, positionsFromTrades } from './portfolio';

/**
 * Portfolio-stream `position` message fields (CONTRACT §9.1): the REST position fields (§6.1) without `pnl`
 * and `last_price` (they move with every tick, not with fills), plus `instrument_key` next to `instrument_token`.
 */
export const POSITION_FEED_FIELDS = [
  'exchange', 'multiplier', 'value', 'product', 'instrument_token', 'instrument_key', 'average_price', 'buy_value',
  'overnight_quantity', 'day_buy_value', 'day_buy_price', 'overnight_buy_amount', 'overnight_buy_quantity',
  'day_buy_quantity', 'day_sell_value', 'day_sell_price', 'overnight_sell_amount', 'overnight_sell_quantity',
  'day_sell_quantity', 'quantity', 'unrealised', 'realised', 'sell_value', 'trading_symbol', 'tradingsymbol',
  'close_price', 'buy_price', 'sell_price',
] as const;

/** Portfolio-stream `holding` message fields (CONTRACT §9.1), plus the instrument_token and trading_symbol. */
export const HOLDING_FEED_FIELDS = [
  'isin', 'cnc_used_quantity', 'collateral_type', 'collateral_quantity', 'collateral_update_quantity', 'company_name',
  'haircut', 'product', 'quantity', 't1_quantity', 'average_price', 'exchange', 'instrument_token', 'trading_symbol',
] as const;

function pick(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, row[f]]));
}

/**
 * The `position` message for one REST position row (the same row `GET short-term-positions` serves, so the
 * stream and REST cannot disagree). `exchange` is the segment on the stream (`NSE_EQ`), not `NSE`.
 */
export function positionFeedMessage(row: Record<string, unknown>, instrument: SimInstrument): Record<string, unknown> {
  const fields = pick({ ...row, instrument_key: row['instrument_token'], exchange: instrument.record.segment }, POSITION_FEED_FIELDS);
  return { update_type: 'position', ...fields };
}

/** The `holding` message for one REST holding row (`GET long-term-holdings`). */
export function holdingFeedMessage(row: Record<string, unknown>): Record<string, unknown> {
  return { update_type: 'holding', ...pick(row, HOLDING_FEED_FIELDS) };
}

export interface PortfolioState {
  instruments: SimInstrument[];
  prices: PriceBook;
  /** Every trade of the user, the new one included. */
  trades: SimTrade[];
}

/**
 * The portfolio messages a new fill causes, in the order they go out: the position it moved, then the holding,
 * when the fill changed one (a delivery sell of a held instrument raises its `cnc_used_quantity`).
 */
export function portfolioMessagesForFill(trade: SimTrade, state: PortfolioState): { type: 'position' | 'holding'; message: Record<string, unknown> }[] {
  const out: { type: 'position' | 'holding'; message: Record<string, unknown> }[] = [];
  const position = positionsFromTrades(state.trades, state.prices).find(
    (p) => p['instrument_token'] === trade.view.instrument_token && p['product'] === trade.view.product,
  );
  if (position) out.push({ type: 'position', message: positionFeedMessage(position, trade.instrument) });
  if (trade.view.product === 'D') {
    const holdingOf = (trades: SimTrade[]) =>
      holdingsView(state.instruments, state.prices, trades).find((h) => h['instrument_token'] === trade.view.instrument_token);
    const after = holdingOf(state.trades);
    const before = holdingOf(state.trades.filter((t) => t !== trade));
    if (after) {
      const message = holdingFeedMessage(after);
      if (!before || JSON.stringify(holdingFeedMessage(before)) !== JSON.stringify(message)) out.push({ type: 'holding', message });
    }
  }
  return out;
}

import type { InstrumentRecord } from '../instruments';
import { expiryLabel } from './universe-dates';

/** Row builders in Upstox's instrument-file shapes (CONTRACT §7.3). Tick sizes are in paise, as in the file. */
export interface Underlying {
  /** NIFTY, RELIANCE, CRUDEOIL, USDINR ... */
  symbol: string;
  /** instrument_key of the underlying (index, equity, or for MCX/currency options the future). */
  key: string;
  type: 'INDEX' | 'EQUITY' | 'COM' | 'CUR';
  lot: number;
  freeze: number;
  /** Tick in paise. */
  tick: number;
}

export function equityRow(
  segment: 'NSE_EQ' | 'BSE_EQ',
  symbol: string,
  name: string,
  isin: string,
  token: string,
  instrumentType = 'EQ',
): InstrumentRecord {
  return {
    segment,
    name,
    exchange: segment === 'NSE_EQ' ? 'NSE' : 'BSE',
    isin,
    instrument_type: instrumentType,
    instrument_key: `${segment}|${isin}`,
    lot_size: 1,
    freeze_quantity: 100000.0,
    exchange_token: token,
    tick_size: 5.0,
    trading_symbol: symbol,
    short_name: symbol,
    security_type: 'NORMAL',
  };
}

export function indexRow(segment: 'NSE_INDEX' | 'BSE_INDEX', name: string, symbol: string, token: string): InstrumentRecord {
  return {
    segment,
    name,
    exchange: segment === 'NSE_INDEX' ? 'NSE' : 'BSE',
    instrument_type: 'INDEX',
    instrument_key: `${segment}|${name}`,
    lot_size: 0,
    freeze_quantity: 0,
    exchange_token: token,
    tick_size: 5.0,
    trading_symbol: symbol,
    short_name: symbol,
  };
}

/** Strikes print like Upstox's symbols: 24000, 82.5, 84.25. */
export function strikeText(strike: number): string {
  return Number.isInteger(strike) ? String(strike) : String(Number(strike.toFixed(4)));
}

export function derivativeRow(
  segment: string,
  exchange: string,
  u: Underlying,
  kind: 'FUT' | 'CE' | 'PE',
  token: string,
  expiry: number,
  weekly: boolean,
  strike = 0,
): InstrumentRecord {
  const label = expiryLabel(expiry);
  return {
    weekly,
    segment,
    name: u.symbol,
    exchange,
    expiry,
    instrument_type: kind,
    asset_symbol: u.symbol,
    underlying_symbol: u.symbol,
    instrument_key: `${segment}|${token}`,
    lot_size: u.lot,
    freeze_quantity: u.freeze,
    exchange_token: token,
    minimum_lot: u.lot,
    asset_key: u.key,
    underlying_key: u.key,
    tick_size: u.tick,
    asset_type: u.type,
    underlying_type: u.type,
    trading_symbol: kind === 'FUT' ? `${u.symbol} FUT ${label}` : `${u.symbol} ${strikeText(strike)} ${kind} ${label}`,
    strike_price: kind === 'FUT' ? 0.0 : strike,
    qty_multiplier: 1.0,
  };
}

/** `count` strikes each side of the spot's nearest step, never below one step. */
export function strikeLadder(spot: number, step: number, perSide: number): number[] {
  const atm = Math.round(spot / step) * step;
  const out: number[] = [];
  for (let i = -perSide; i < perSide; i++) {
    const strike = Number((atm + i * step).toFixed(4));
    if (strike >= step) out.push(strike);
  }
  return out;
}

/** A strike step that gives a stock's option chain sensible spacing. */
export function stockStrikeStep(price: number): number {
  if (price < 100) return 1;
  if (price < 250) return 2.5;
  if (price < 500) return 5;
  if (price < 1000) return 10;
  if (price < 2500) return 20;
  if (price < 5000) return 50;
  return 100;
}

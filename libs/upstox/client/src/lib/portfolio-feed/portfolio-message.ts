import { Holding, Position } from '@desk/contracts';
import { mapHolding, mapOrderUpdate, mapPosition } from '../portfolio-mappers';
import type { OrderUpdate } from '../upstox-client';
import { UpstoxHoldingData, UpstoxOrderBookData, UpstoxPositionData } from '../upstox-wire.types';

/** One portfolio-stream message, mapped. `other`: a kind this desk does not use (gtt_order, anything new). */
export type PortfolioUpdate =
  | { kind: 'order'; update: OrderUpdate }
  | { kind: 'position'; position: Position }
  | { kind: 'holding'; holding: Holding }
  | { kind: 'other'; updateType: string };

type Fields = Record<string, unknown>;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

function orderFrom(m: Fields): PortfolioUpdate | null {
  // The message carries both instrument_token and instrument_key; either identifies the instrument.
  const instrument = isText(m['instrument_token']) ? m['instrument_token'] : m['instrument_key'];
  if (!isText(m['order_id']) || !isText(m['status']) || !isText(instrument)) return null;
  // An unreadable timestamp loses the time, not the status change.
  const at = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const row = { ...(m as unknown as UpstoxOrderBookData), instrument_token: instrument };
  row.order_timestamp = at(m['order_timestamp']);
  row.exchange_timestamp = at(m['exchange_timestamp']);
  return { kind: 'order', update: mapOrderUpdate(row) };
}

function positionFrom(m: Fields): PortfolioUpdate | null {
  if (!isText(m['instrument_token']) || !isText(m['product']) || !isNumber(m['quantity'])) return null;
  // Stream positions carry no last price (CONTRACT §9.1); drop one if present so that the mirror prices them.
  return { kind: 'position', position: mapPosition({ ...(m as unknown as UpstoxPositionData), last_price: null }) };
}

function holdingFrom(m: Fields): PortfolioUpdate | null {
  if (!isText(m['isin']) && !isText(m['instrument_token'])) return null;
  if (!isNumber(m['quantity'])) return null;
  const holding = mapHolding({ ...(m as unknown as UpstoxHoldingData), last_price: null });
  return holding.instrumentKey === '' ? null : { kind: 'holding', holding };
}

/**
 * One text frame of the portfolio stream (CONTRACT §9.1) -> a PortfolioUpdate. Positions and holdings come
 * without a last price (lastPrice null, P&L null): the caller prices them with what it knows. Anything that is
 * not a JSON object with a usable `update_type` and the identifying fields of its kind gives null; never throws.
 */
export function parsePortfolioMessage(text: string): PortfolioUpdate | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const m = parsed as Fields;
    const type = m['update_type'];
    if (!isText(type)) return null;
    switch (type) {
      case 'order':
        return orderFrom(m);
      case 'position':
        return positionFrom(m);
      case 'holding':
        return holdingFrom(m);
      default:
        return { kind: 'other', updateType: type };
    }
  } catch {
    return null;
  }
}

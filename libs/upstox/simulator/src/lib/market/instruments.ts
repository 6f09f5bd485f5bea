import { IST_OFFSET_MS, istParts } from '../clock';
import { dayOfMonthExpiries, expiryLabel } from './universe/universe-dates';

/** One record in Upstox's instrument-file JSON shape (CONTRACT §7.3). */
export interface InstrumentRecord {
  segment: string;
  name: string;
  exchange: string;
  isin?: string;
  instrument_type: string;
  instrument_key: string;
  lot_size: number;
  freeze_quantity: number;
  exchange_token: string;
  /** In paise, as in the real file: 5.0 = Rs 0.05. */
  tick_size: number;
  trading_symbol: string;
  short_name?: string;
  security_type?: string;
  expiry?: number;
  strike_price?: number;
  weekly?: boolean;
  underlying_key?: string;
  underlying_type?: string;
  underlying_symbol?: string;
  asset_symbol?: string;
  asset_key?: string;
  asset_type?: string;
  minimum_lot?: number;
  qty_multiplier?: number;
}

/** Simulator-side facts about an instrument that the file does not carry. */
export interface SimInstrument {
  record: InstrumentRecord;
  /** Key of the LTP quote map: `SEGMENT:SYMBOL` (CONTRACT §7.1). */
  quoteKey: string;
  /** Short exchange name used on orders and positions (NSE, NFO). */
  orderExchange: string;
  /** Starting price in rupees (previous close). */
  basePrice: number;
  tradable: boolean;
}

interface EquitySeed {
  symbol: string;
  name: string;
  isin: string;
  token: string;
  price: number;
}

/** NIFTY 50 constituents with their real ISINs and NSE tokens; prices are plausible, not live. */
const EQUITIES: EquitySeed[] = [
  { symbol: 'RELIANCE', name: 'RELIANCE INDUSTRIES LTD', isin: 'INE002A01018', token: '2885', price: 1420.5 },
  { symbol: 'TCS', name: 'TATA CONSULTANCY SERV LT', isin: 'INE467B01029', token: '11536', price: 3150.0 },
  { symbol: 'HDFCBANK', name: 'HDFC BANK LTD', isin: 'INE040A01034', token: '1333', price: 992.35 },
  { symbol: 'INFY', name: 'INFOSYS LIMITED', isin: 'INE009A01021', token: '1594', price: 1552.8 },
  { symbol: 'ICICIBANK', name: 'ICICI BANK LTD.', isin: 'INE090A01021', token: '4963', price: 1381.2 },
  { symbol: 'SBIN', name: 'STATE BANK OF INDIA', isin: 'INE062A01020', token: '3045', price: 821.45 },
  { symbol: 'ITC', name: 'ITC LTD', isin: 'INE154A01025', token: '1660', price: 409.9 },
  { symbol: 'LT', name: 'LARSEN & TOUBRO LTD.', isin: 'INE018A01030', token: '11483', price: 3605.0 },
  { symbol: 'BHARTIARTL', name: 'BHARTI AIRTEL LIMITED', isin: 'INE397D01024', token: '10604', price: 1948.6 },
  { symbol: 'HINDUNILVR', name: 'HINDUSTAN UNILEVER LTD.', isin: 'INE030A01027', token: '1394', price: 2451.1 },
  { symbol: 'AXISBANK', name: 'AXIS BANK LIMITED', isin: 'INE238A01034', token: '5900', price: 1152.75 },
  { symbol: 'KOTAKBANK', name: 'KOTAK MAHINDRA BANK LTD', isin: 'INE237A01028', token: '1922', price: 2098.4 },
];

export const NIFTY_INDEX_KEY = 'NSE_INDEX|Nifty 50';
const NIFTY_SPOT = 25_905.3;
const NIFTY_LOT = 75;
const NIFTY_FREEZE = 1800;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_MS = 24 * 3600_000;

/** 15:30 IST on the next Tuesday strictly after today (IST) — NSE's NIFTY weekly expiry day. */
function nextWeeklyExpiry(nowMs: number): number {
  const p = istParts(nowMs);
  const daysAhead = ((2 - p.weekday + 7) % 7) || 7;
  return Date.UTC(p.year, p.month - 1, p.day + daysAhead, 15, 30) - IST_OFFSET_MS;
}

/** 15:30 IST on the last Tuesday of the month, rolling to next month when that is past. */
function monthlyExpiry(nowMs: number): number {
  const p = istParts(nowMs);
  for (let add = 0; add < 3; add++) {
    const lastDay = new Date(Date.UTC(p.year, p.month + add, 0));
    const back = (lastDay.getUTCDay() - 2 + 7) % 7;
    const expiry =
      Date.UTC(lastDay.getUTCFullYear(), lastDay.getUTCMonth(), lastDay.getUTCDate() - back, 15, 30) - IST_OFFSET_MS;
    if (expiry > nowMs + DAY_MS) return expiry;
  }
  throw new Error('unreachable: no monthly expiry found');
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const WEEKLY_MONTH_CODE = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'O', 'N', 'D'];

function equity(seed: EquitySeed): SimInstrument {
  return {
    record: {
      segment: 'NSE_EQ',
      name: seed.name,
      exchange: 'NSE',
      isin: seed.isin,
      instrument_type: 'EQ',
      instrument_key: `NSE_EQ|${seed.isin}`,
      lot_size: 1,
      freeze_quantity: 100000.0,
      exchange_token: seed.token,
      tick_size: 5.0,
      trading_symbol: seed.symbol,
      short_name: seed.symbol,
      security_type: 'NORMAL',
    },
    quoteKey: `NSE_EQ:${seed.symbol}`,
    orderExchange: 'NSE',
    basePrice: seed.price,
    tradable: true,
  };
}

function niftyDerivative(
  kind: 'FUT' | 'CE' | 'PE',
  token: string,
  expiry: number,
  price: number,
  strike = 0,
): SimInstrument {
  const e = istParts(expiry);
  const dateLabel = `${pad2(e.day)} ${MONTHS[e.month - 1]} ${pad2(e.year % 100)}`;
  const tradingSymbol = kind === 'FUT' ? `NIFTY FUT ${dateLabel}` : `NIFTY ${strike} ${kind} ${dateLabel}`;
  const exchangeSymbol =
    kind === 'FUT'
      ? `NIFTY${pad2(e.year % 100)}${MONTHS[e.month - 1]}FUT`
      : `NIFTY${pad2(e.year % 100)}${WEEKLY_MONTH_CODE[e.month - 1]}${pad2(e.day)}${strike}${kind}`;
  return {
    record: {
      weekly: kind !== 'FUT',
      segment: 'NSE_FO',
      name: 'NIFTY',
      exchange: 'NSE',
      expiry,
      instrument_type: kind,
      asset_symbol: 'NIFTY',
      underlying_symbol: 'NIFTY',
      instrument_key: `NSE_FO|${token}`,
      lot_size: NIFTY_LOT,
      freeze_quantity: NIFTY_FREEZE,
      exchange_token: token,
      minimum_lot: NIFTY_LOT,
      asset_key: NIFTY_INDEX_KEY,
      underlying_key: NIFTY_INDEX_KEY,
      tick_size: 5.0,
      asset_type: 'INDEX',
      underlying_type: 'INDEX',
      trading_symbol: tradingSymbol,
      strike_price: kind === 'FUT' ? 0.0 : strike,
      qty_multiplier: 1.0,
    },
    quoteKey: `NSE_FO:${exchangeSymbol}`,
    orderExchange: 'NFO',
    basePrice: price,
    tradable: true,
  };
}

/**
 * CRUDEOILM (MCX crude oil mini) front-month future: price per barrel, lot 10 barrels, tick Re 1 (100 paise),
 * freeze quantity in units like the other rows (100 lots). MCX contracts expire around the 19th (see the full file's
 * COMMODITIES); on the wire its order quantity is a number of lots (CONTRACT §5.1).
 */
function crudeOilMiniFuture(nowMs: number): SimInstrument {
  const expiry = dayOfMonthExpiries(nowMs, 19, 1)[0];
  const e = istParts(expiry);
  const lot = 10;
  return {
    record: {
      weekly: false,
      segment: 'MCX_FO',
      name: 'CRUDEOILM',
      exchange: 'MCX',
      expiry,
      instrument_type: 'FUT',
      asset_symbol: 'CRUDEOILM',
      underlying_symbol: 'CRUDEOILM',
      instrument_key: 'MCX_FO|430000',
      lot_size: lot,
      freeze_quantity: lot * 100,
      exchange_token: '430000',
      minimum_lot: lot,
      tick_size: 100.0,
      asset_type: 'COM',
      underlying_type: 'COM',
      trading_symbol: `CRUDEOILM FUT ${expiryLabel(expiry)}`,
      strike_price: 0.0,
      qty_multiplier: 1.0,
    },
    quoteKey: `MCX_FO:CRUDEOILM${pad2(e.year % 100)}${MONTHS[e.month - 1]}FUT`,
    orderExchange: 'MCX',
    basePrice: 6020.0,
    tradable: true,
  };
}

/** MCX order quantities are lots on the wire (CONTRACT §5.1); everything else is units. */
export function quantityInLots(instrument: SimInstrument): boolean {
  return instrument.record.segment.startsWith('MCX_');
}

/** A wire (place/modify body) quantity -> units, the unit the order book, trades and positions report. */
export function wireToUnits(instrument: SimInstrument, quantity: number): number {
  return quantityInLots(instrument) ? quantity * Math.max(1, instrument.record.lot_size) : quantity;
}

/** The simulator's instrument universe. Expiries are computed from the simulator clock at start. */
export function buildInstruments(nowMs: number): SimInstrument[] {
  const weekly = nextWeeklyExpiry(nowMs);
  const monthly = monthlyExpiry(nowMs);
  const index: SimInstrument = {
    record: {
      segment: 'NSE_INDEX',
      name: 'Nifty 50',
      exchange: 'NSE',
      instrument_type: 'INDEX',
      instrument_key: NIFTY_INDEX_KEY,
      lot_size: 0,
      freeze_quantity: 0,
      exchange_token: '26000',
      tick_size: 5.0,
      trading_symbol: 'NIFTY',
      short_name: 'NIFTY',
    },
    quoteKey: 'NSE_INDEX:Nifty 50',
    orderExchange: 'NSE',
    basePrice: NIFTY_SPOT,
    tradable: false,
  };
  return [
    ...EQUITIES.map(equity),
    index,
    niftyDerivative('FUT', '52910', monthly, 26_010.0),
    niftyDerivative('CE', '48215', weekly, 142.35, 25900),
    niftyDerivative('PE', '48216', weekly, 121.6, 25900),
    niftyDerivative('CE', '48221', weekly, 78.9, 26000),
    niftyDerivative('PE', '48222', weekly, 171.25, 26000),
    crudeOilMiniFuture(nowMs),
  ];
}

/** Paise tick (5.0) -> rupees (0.05). */
export function tickRupees(instrument: SimInstrument): number {
  return instrument.record.tick_size / 100;
}

/** Rounds a rupee price to the instrument's tick (in integer paise to avoid float drift). */
export function roundToTick(price: number, instrument: SimInstrument): number {
  const tickPaise = instrument.record.tick_size;
  const paise = Math.round(Math.round(price * 100) / tickPaise) * tickPaise;
  return Math.round(paise) / 100;
}

export function isOnTick(price: number, instrument: SimInstrument): boolean {
  const paise = Math.round(price * 100);
  return Math.abs(price * 100 - paise) < 1e-6 && paise % instrument.record.tick_size === 0;
}

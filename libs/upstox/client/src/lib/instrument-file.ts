import { gunzipSync } from 'node:zlib';
import { Instrument } from '@desk/contracts';
import { epochMsToIstDate, paiseToRupees } from './upstox-mappers';

/** Segments the desk can trade or look up; other rows of the master file are skipped. */
const INSTRUMENT_SEGMENTS = ['NSE_EQ', 'NSE_INDEX', 'NSE_FO', 'BSE_EQ', 'BSE_FO', 'MCX_FO'] as const;
const KEEP = new Set<string>(INSTRUMENT_SEGMENTS);

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * A master file has a few hundred distinct expiries over 100,000+ derivative rows: each is turned into its IST date
 * once (a Date and an ISO string per row were a tenth of the load). Bounded, should a file carry stray values.
 */
const expiryDates = new Map<number, string>();
const MAX_REMEMBERED_EXPIRIES = 10_000;

function expiryDate(epochMs: number): string {
  let date = expiryDates.get(epochMs);
  if (date === undefined) {
    if (expiryDates.size >= MAX_REMEMBERED_EXPIRIES) expiryDates.clear();
    date = epochMsToIstDate(epochMs);
    expiryDates.set(epochMs, date);
  }
  return date;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * One master-file row -> Instrument, or null when the row is malformed or out of scope.
 * Index rows carry no lot or tick size in the file (they cannot be traded): 1 lot, Rs 0.05 tick.
 */
export function mapInstrumentRow(row: unknown): Instrument | null {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return null;
  const r = row as Record<string, unknown>;
  const segment = r['segment'];
  if (!isText(segment) || !KEEP.has(segment)) return null;
  const key = r['instrument_key'];
  const symbol = r['trading_symbol'];
  if (!isText(key) || !isText(symbol) || !key.startsWith(`${segment}|`)) return null;
  const isIndex = segment === 'NSE_INDEX';
  const lot = r['lot_size'];
  const tick = r['tick_size'];
  const freeze = r['freeze_quantity'];
  if (lot !== undefined && lot !== null && (!isNumber(lot) || lot < 0)) return null;
  if (tick !== undefined && tick !== null && (!isNumber(tick) || tick < 0)) return null;
  if (!isIndex && (!isNumber(lot) || lot <= 0 || !isNumber(tick) || tick <= 0)) return null;
  const expiry = r['expiry'];
  if (expiry !== undefined && expiry !== null && !isNumber(expiry)) return null;
  const strike = r['strike_price'];
  const lastPrice = r['last_price'];
  const name = r['name'];
  const exchange = r['exchange'];
  const instrumentType = r['instrument_type'];
  return {
    instrumentKey: key,
    tradingSymbol: symbol,
    name: isText(name) ? name : symbol,
    exchange: isText(exchange) ? exchange : segment.split('_')[0],
    segment,
    instrumentType: isText(instrumentType) ? instrumentType : isIndex ? 'INDEX' : '',
    lotSize: isNumber(lot) && lot > 0 ? lot : 1,
    // Units, like lot_size (indices carry 0: no freeze quantity).
    freezeQuantity: isNumber(freeze) && freeze > 0 ? freeze : null,
    tickSize: isNumber(tick) && tick > 0 ? paiseToRupees(tick) : 0.05,
    expiry: isNumber(expiry) && expiry > 0 ? expiryDate(expiry) : null,
    strikePrice: isNumber(strike) && strike > 0 ? strike : null,
    lastPrice: isNumber(lastPrice) ? lastPrice : null,
  };
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Bytes of the master file (plain JSON or gzip, told apart by the gzip magic number). */
export function parseInstrumentFile(bytes: Buffer): Instrument[] {
  const raw = bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1] ? gunzipSync(bytes) : bytes;
  let rows: unknown;
  try {
    rows = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Error('The instrument file is not valid JSON');
  }
  if (!Array.isArray(rows)) throw new Error('The instrument file must be a JSON array of instruments');
  const out: Instrument[] = [];
  for (const row of rows) {
    const instrument = mapInstrumentRow(row);
    if (instrument) out.push(instrument);
  }
  return out;
}

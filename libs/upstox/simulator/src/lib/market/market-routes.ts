import { gzipSync } from 'node:zlib';
import { successBody, UpstoxHttpError } from '../envelope';
import type { Reply, RequestContext } from '../http/request-context';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import type { InstrumentRecord } from './instruments';
import { completeFileReply } from './instrument-file-reply';

const MAX_KEYS = 500;

/**
 * GET /v3|v2/market-quote/ltp?instrument_key=a,b (CONTRACT §7.1): `data` keyed `SEGMENT:SYMBOL` with the
 * instrument_key inside as `instrument_token`. Well-formed but unknown keys are left out, as Upstox does.
 */
function ltp(core: SimulatorCore, ctx: RequestContext, version: 'v2' | 'v3'): Reply {
  // v2 still accepts the deprecated `symbol` parameter (the official SDK's v2 method sends it).
  const raw = ctx.query.get('instrument_key') ?? (version === 'v2' ? ctx.query.get('symbol') : null);
  if (!raw) throw UpstoxHttpError.of(400, 'UDAPI1009', 'instrument_key is required', 'instrument_key', null);
  const keys = raw.split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length > MAX_KEYS) {
    throw UpstoxHttpError.of(400, 'UDAPI100042', `Maximum ${MAX_KEYS} instrument keys are allowed`, 'instrument_key', keys.length);
  }
  const malformed = keys.find((k) => !/^[A-Z_]+\|.+$/.test(k));
  if (malformed) throw UpstoxHttpError.of(400, 'UDAPI100011', 'Invalid instrument key', 'instrument_key', malformed);
  const data: Record<string, unknown> = {};
  for (const key of keys) {
    const instrument = core.instrument(key);
    const quote = core.prices.get(key);
    if (!instrument || !quote) continue;
    data[instrument.quoteKey] =
      version === 'v2'
        ? { last_price: quote.lastPrice, instrument_token: key }
        : { last_price: quote.lastPrice, instrument_token: key, ltq: quote.lastQuantity, volume: quote.volume, cp: quote.closePrice };
  }
  return { status: 200, body: successBody(data) };
}

function instrumentFile(records: InstrumentRecord[], gzip: boolean): Reply {
  const text = JSON.stringify(records);
  return gzip
    ? { status: 200, raw: gzipSync(text), contentType: 'application/gzip' }
    : { status: 200, raw: text, contentType: 'application/json' };
}

/** Instrument master files as served by assets.upstox.com (CONTRACT §7.3): public, no token. */
export function marketRoutes(core: SimulatorCore): Route[] {
  const records = (exchange: string | null): InstrumentRecord[] =>
    core.instruments.map((i) => i.record).filter((r) => exchange === null || r.exchange === exchange);
  const files: Route[] = [];
  for (const [name, exchange] of [['complete', null], ['NSE', 'NSE']] as const) {
    for (const gzip of [false, true]) {
      files.push({
        method: 'GET',
        path: `/market-quote/instruments/exchange/${name}.json${gzip ? '.gz' : ''}`,
        auth: 'none',
        rateGroup: null,
        // complete.json.gz is the file the desk downloads: full-size or demo, dated, with failures on demand.
        handler: name === 'complete' && gzip ? (ctx) => completeFileReply(core, ctx) : () => instrumentFile(records(exchange), gzip),
      });
    }
  }
  return [
    { method: 'GET', path: '/v3/market-quote/ltp', auth: 'bearer', rateGroup: 'standard', handler: (ctx) => ltp(core, ctx, 'v3') },
    { method: 'GET', path: '/v2/market-quote/ltp', auth: 'bearer', rateGroup: 'standard', handler: (ctx) => ltp(core, ctx, 'v2') },
    ...files,
  ];
}

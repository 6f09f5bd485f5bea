import { decodeFeedResponse } from './feed-proto';

/** The subscription modes the desk uses (Upstox also has `option_greeks` and `full_d30`, Plus only). */
export type MarketFeedMode = 'ltpc' | 'full';
export const MARKET_FEED_MODES: readonly MarketFeedMode[] = ['ltpc', 'full'];

/** Upstox's MarketStatus enum (MarketDataFeedV3.proto). */
export type MarketSegmentStatus = 'PRE_OPEN_START' | 'PRE_OPEN_END' | 'NORMAL_OPEN' | 'NORMAL_CLOSE' | 'CLOSING_START' | 'CLOSING_END';
const SEGMENT_STATUSES: readonly string[] = ['PRE_OPEN_START', 'PRE_OPEN_END', 'NORMAL_OPEN', 'NORMAL_CLOSE', 'CLOSING_START', 'CLOSING_END'];

/** One candle of the feed's `marketOHLC` (`ts` = the candle's start, epoch ms). */
export interface MarketOhlc {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  ts: number;
}

/** One level of the 5-level order book (`full` mode, equities and derivatives). */
export interface MarketDepthLevel {
  bidQuantity: number;
  bidPrice: number;
  askQuantity: number;
  askPrice: number;
}

/**
 * One instrument's quote from a feed frame. Always: last price, its time (epoch ms) and quantity, and `cp`, the
 * previous close. `full` frames add the day's and the current minute's candle; equities/derivatives also depth,
 * average price, volume and buy/sell totals (index full frames carry only ltpc and candles).
 */
export interface MarketQuote {
  instrumentKey: string;
  ltp: number;
  ltt: number;
  ltq: number;
  cp: number;
  ohlc?: { day?: MarketOhlc; minute?: MarketOhlc };
  depth?: MarketDepthLevel[];
  atp?: number;
  volume?: number;
  totalBuyQuantity?: number;
  totalSellQuantity?: number;
  oi?: number;
}

export type MarketFeedMessage =
  /** `initial_feed` (the snapshot right after a subscribe; `initial: true`) or `live_feed` (ticks). */
  | { type: 'quotes'; initial: boolean; currentTs: number; quotes: MarketQuote[] }
  /** `market_info`: each segment's status (NSE_EQ, NSE_FO, NSE_INDEX, ...). Sent on connect. */
  | { type: 'market_info'; currentTs: number; segmentStatus: Record<string, MarketSegmentStatus> };

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function mapOhlc(list: unknown): MarketQuote['ohlc'] {
  const candles = Array.isArray(obj(list)?.['ohlc']) ? (obj(list)?.['ohlc'] as unknown[]) : [];
  const out: NonNullable<MarketQuote['ohlc']> = {};
  for (const raw of candles) {
    const c = obj(raw);
    if (!c) continue;
    const candle: MarketOhlc = { open: num(c['open']), high: num(c['high']), low: num(c['low']), close: num(c['close']), volume: num(c['vol']), ts: num(c['ts']) };
    // Upstox may send the previous minute's I1 next to the current one: keep the newest.
    if (c['interval'] === '1d') out.day = candle;
    else if (c['interval'] === 'I1' && (!out.minute || candle.ts >= out.minute.ts)) out.minute = candle;
  }
  return out.day || out.minute ? out : undefined;
}

function ltpcOf(instrumentKey: string, raw: unknown): MarketQuote {
  const l = obj(raw) ?? {};
  return { instrumentKey, ltp: num(l['ltp']), ltt: num(l['ltt']), ltq: num(l['ltq']), cp: num(l['cp']) };
}

/** Maps one decoded `Feed` to our quote; null for a feed kind the desk does not subscribe to. */
function mapFeed(instrumentKey: string, feed: Obj): MarketQuote | null {
  if (feed['ltpc']) return ltpcOf(instrumentKey, feed['ltpc']);
  const full = obj(feed['fullFeed']);
  const market = obj(full?.['marketFF']);
  if (market) {
    const depth = Array.isArray(obj(market['marketLevel'])?.['bidAskQuote']) ? (obj(market['marketLevel'])?.['bidAskQuote'] as unknown[]) : [];
    const quote: MarketQuote = {
      ...ltpcOf(instrumentKey, market['ltpc']),
      depth: depth.map((d) => obj(d) ?? {}).map((d) => ({ bidQuantity: num(d['bidQ']), bidPrice: num(d['bidP']), askQuantity: num(d['askQ']), askPrice: num(d['askP']) })),
      atp: num(market['atp']),
      volume: num(market['vtt']),
      totalBuyQuantity: num(market['tbq']),
      totalSellQuantity: num(market['tsq']),
      oi: num(market['oi']),
    };
    const ohlc = mapOhlc(market['marketOHLC']);
    return ohlc ? { ...quote, ohlc } : quote;
  }
  const index = obj(full?.['indexFF']);
  if (index) {
    const quote = ltpcOf(instrumentKey, index['ltpc']);
    const ohlc = mapOhlc(index['marketOHLC']);
    return ohlc ? { ...quote, ohlc } : quote;
  }
  return null;
}

/** Maps a decoded FeedResponse to our message; null for a type we do not know. */
export function mapFeedResponse(response: Obj): MarketFeedMessage | null {
  const currentTs = num(response['currentTs']);
  const type = response['type'] ?? 'initial_feed'; // proto3 leaves the enum's zero value (initial_feed) out
  if (type === 'market_info') {
    const statuses = obj(obj(response['marketInfo'])?.['segmentStatus']) ?? {};
    const segmentStatus: Record<string, MarketSegmentStatus> = {};
    for (const [segment, status] of Object.entries(statuses)) {
      // A zero enum value is PRE_OPEN_START; protobufjs gives map values in full.
      if (typeof status === 'string' && SEGMENT_STATUSES.includes(status)) segmentStatus[segment] = status as MarketSegmentStatus;
    }
    return { type: 'market_info', currentTs, segmentStatus };
  }
  if (type !== 'initial_feed' && type !== 'live_feed') return null;
  const quotes: MarketQuote[] = [];
  for (const [key, feed] of Object.entries(obj(response['feeds']) ?? {})) {
    const quote = obj(feed) ? mapFeed(key, feed as Obj) : null;
    if (quote) quotes.push(quote);
  }
  return { type: 'quotes', initial: type === 'initial_feed', currentTs, quotes };
}

/** Decodes and maps one binary frame; null when it is not a FeedResponse we understand. */
export function parseMarketFeedFrame(frame: Uint8Array): MarketFeedMessage | null {
  try {
    return mapFeedResponse(decodeFeedResponse(frame));
  } catch {
    return null;
  }
}
